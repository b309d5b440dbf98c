"""What the running system produced for one RDV: e-mails, receipts, feeds, CalDAV resources, webhooks."""

import base64
import re

import httpx
import icalendar
from e2e_servers import WebhookReceiver
from standardwebhooks.webhooks import Webhook


def messages_about(mailbox: httpx.Client, to: str, marker: str) -> list[dict]:
    """Messages to `to` whose text names `marker` (the organisation or a link), oldest first."""
    return [m for m in mailbox.get("/messages", params={"to": to}).json() if marker in m["text"]]


def ics_attachment(message: dict) -> icalendar.Calendar | None:
    for attachment in message["attachments"]:
        if attachment["filename"].endswith(".ics"):
            return icalendar.Calendar.from_ical(base64.b64decode(attachment["content_base64"]))
    return None


def vevent(calendar: icalendar.Calendar) -> icalendar.Event:
    [event] = calendar.walk("VEVENT")
    return event


def rdv_link(message: dict, rdv_id: int) -> tuple[int, str]:
    found = re.search(rf"/r/({rdv_id})/([\w-]+)", message["text"])
    assert found, message["text"]
    return int(found.group(1)), found.group(2)


def receipts(gateway: httpx.Client, headers: dict[str, str], rdv_id: int) -> list[dict]:
    response = gateway.get(f"/api/v1/rdvs/{rdv_id}/receipts", headers=headers)
    assert response.status_code == 200, response.text
    return list(response.json()["receipts"])


def feed_events(gateway: httpx.Client, feed_url: str, uid: str) -> list[icalendar.Event]:
    response = gateway.get(httpx.URL(feed_url).path)
    assert response.status_code == 200, response.text
    calendar = icalendar.Calendar.from_ical(response.content)
    return [event for event in calendar.walk("VEVENT") if str(event["UID"]) == uid]


def verified_webhooks(receiver: WebhookReceiver, secret: str, rdv_id: int) -> list[tuple[dict, dict]]:
    """(headers, body) of the deliveries about the RDV; every one must carry a valid signature."""
    verifier = Webhook(secret)
    found = []
    for request in list(receiver.requests):
        body = verifier.verify(request.body, request.headers)
        if body["meta"]["model"] == "Rdv" and body["data"]["id"] == rdv_id:
            found.append((request.headers, body))
    return found
