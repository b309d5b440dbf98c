"""The seeds' main journey through the gateway: an organisation is set up, an usager books, the agent
moves the RDV, the usager cancels it through the link of the mail; every channel follows."""

import base64
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx
import icalendar
import pytest
from e2e_api import bearer, demo_email, eventually, user_token
from e2e_effects import (
    feed_events,
    ics_attachment,
    messages_about,
    rdv_link,
    receipts,
    verified_webhooks,
    vevent,
)
from e2e_organisation import Organisation, open_plage, public_slots, set_up_organisation
from e2e_servers import CALDAV_PASSWORD, CALDAV_USER, Radicale, WebhookReceiver

USAGER = demo_email("usager01")
USAGER_LAST_NAME_LETTERS = "dup"  # Hélène Dupont


@dataclass(frozen=True)
class Connectors:
    webhook_secret: str
    feed_url: str
    calendar_url: str


@pytest.fixture(scope="module")
def organisation(module_gateway: httpx.Client, module_mailbox: httpx.Client) -> Organisation:
    return set_up_organisation(module_gateway, module_mailbox)


@pytest.fixture(scope="module")
def connectors(
    module_gateway: httpx.Client,
    organisation: Organisation,
    webhook_receiver: WebhookReceiver,
    radicale: Radicale,
) -> Connectors:
    secret = "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()
    endpoint = module_gateway.post(
        f"/api/v1/organisations/{organisation.id}/webhook_endpoints",
        headers=organisation.admin.headers,
        json={"target_url": webhook_receiver.url, "secret": secret, "subscriptions": ["rdv"]},
    )
    assert endpoint.status_code == 201, endpoint.text
    feed = module_gateway.post("/api/v1/calendar/webcal", headers=organisation.agent.headers)
    assert feed.status_code == 200, feed.text
    calendar_url = radicale.new_calendar()
    caldav = module_gateway.post(
        "/api/v1/calendar/caldav",
        headers=organisation.agent.headers,
        json={"calendar_url": calendar_url, "username": CALDAV_USER, "password": CALDAV_PASSWORD},
    )
    assert caldav.status_code == 201, caldav.text
    return Connectors(secret, feed.json()["url"], calendar_url)


@pytest.fixture(scope="module")
def slots(module_gateway: httpx.Client, organisation: Organisation) -> list[str]:
    open_plage(module_gateway, organisation)
    return eventually(lambda: public_slots(module_gateway, organisation), "the plage's public slots")


@pytest.fixture(scope="module")
def booked(module_gateway: httpx.Client, organisation: Organisation, connectors: Connectors, slots) -> dict:
    """The usager books the second slot, retrying (same idempotency key) until booking has its copy of the
    new motif: the copy travels as an event, like the ones availability searched with."""
    usager = bearer(user_token(module_gateway, USAGER))
    key = secrets.token_hex(16)

    def book() -> dict | None:
        response = module_gateway.post(
            "/api/v1/usager/rdvs",
            headers={**usager, "Idempotency-Key": key},
            json={"motif_id": organisation.motif_id, "lieu_id": organisation.lieu_id, "starts_at": slots[1]},
        )
        assert response.status_code in (201, 422), response.text
        return dict(response.json()["rdv"]) if response.status_code == 201 else None

    return eventually(book, "the booking accepted", every=0.5)


@pytest.fixture(scope="module")
def moved(module_gateway: httpx.Client, organisation: Organisation, booked: dict, slots) -> dict:
    """An admin of the organisation moves the RDV (so the agent, notified of others' changes, hears of it)."""
    response = module_gateway.patch(
        f"/api/v1/rdvs/{booked['id']}", headers=organisation.admin.headers, json={"starts_at": slots[3]}
    )
    assert response.status_code == 200, response.text
    return dict(response.json()["rdv"])


def when(value: str) -> datetime:
    return datetime.fromisoformat(value)


def spoken(moment: datetime) -> str:
    return moment.strftime("%Hh%M")


def confirmations(mailbox: httpx.Client, organisation: Organisation) -> list[dict]:
    return [
        m
        for m in messages_about(mailbox, USAGER, organisation.name)
        if m["subject"].startswith("RDV confirmé")
    ]


def test_an_organisation_set_up_through_the_api_offers_its_plage_as_public_slots(organisation, slots):
    day = organisation.day.isoformat()
    assert [when(s).strftime("%H:%M") for s in slots] == [
        "09:00",
        "09:30",
        "10:00",
        "10:30",
        "11:00",
        "11:30",
    ]
    assert {when(s).date().isoformat() for s in slots} == {day}


def test_the_booked_slot_is_no_longer_offered(module_gateway, organisation, booked, slots):
    eventually(
        lambda: slots[1] not in public_slots(module_gateway, organisation),
        "the booked slot leaving the search",
    )
    assert booked["status"] == "unknown"
    assert booked["agent_ids"] == [organisation.agent.id]


def test_the_usager_gets_the_confirmation_by_mail_and_sms(
    module_gateway, module_mailbox, organisation, booked
):
    [mail] = eventually(
        lambda: confirmations(module_mailbox, organisation), "the usager's confirmation e-mail"
    )
    assert mail["subject"].endswith(spoken(when(booked["starts_at"])))
    assert rdv_link(mail, booked["id"])[0] == booked["id"]

    def usager_receipts() -> list[dict]:
        found = [
            r
            for r in receipts(module_gateway, organisation.agent.headers, booked["id"])
            if r["user_id"] is not None and r["event"] == "rdv_created" and r["result"] == "sent"
        ]
        return found if len(found) == 2 else []

    sent = eventually(usager_receipts, "the usager's mail and SMS receipts")
    assert sorted(r["channel"] for r in sent) == ["mail", "sms"]
    [sms] = [r for r in sent if r["channel"] == "sms"]
    assert sms["recipient"].startswith("+336") and "/r/" in sms["content"]


def test_the_agent_gets_an_ics_invitation(module_mailbox, organisation, booked):
    def invitation() -> list[dict]:
        return [
            m
            for m in module_mailbox.get("/messages", params={"to": organisation.agent.email}).json()
            if m["attachments"] and booked["uuid"] in m["attachments"][0]["filename"]
        ]

    [mail] = eventually(invitation, "the agent's ICS e-mail")
    calendar = ics_attachment(mail)
    assert calendar is not None and str(calendar["METHOD"]) == "REQUEST"
    event = vevent(calendar)
    assert (str(event["UID"]), int(event["SEQUENCE"])) == (booked["uuid"], 0)
    assert event.decoded("DTSTART") == when(booked["starts_at"])


def feed_event(
    gateway: httpx.Client, connectors: Connectors, uid: str, sequence: int
) -> icalendar.Event | None:
    events = [
        e for e in feed_events(gateway, connectors.feed_url, uid) if int(e.get("SEQUENCE", 0)) >= sequence
    ]
    return events[0] if events else None


def caldav_event(
    radicale: Radicale, connectors: Connectors, uid: str, sequence: int
) -> icalendar.Event | None:
    for text in radicale.events(connectors.calendar_url).values():
        for event in icalendar.Calendar.from_ical(text).walk("VEVENT"):
            if str(event["UID"]) == uid and int(event.get("SEQUENCE", 0)) >= sequence:
                return event
    return None


def test_the_rdv_appears_in_the_agents_webcal_feed(module_gateway, connectors, booked):
    event = eventually(
        lambda: feed_event(module_gateway, connectors, booked["uuid"], 0), "the RDV in the feed"
    )
    assert event.decoded("DTSTART") == when(booked["starts_at"])


def test_the_rdv_appears_in_the_agents_caldav_calendar(radicale, connectors, booked):
    event = eventually(lambda: caldav_event(radicale, connectors, booked["uuid"], 0), "the RDV in CalDAV")
    assert event.decoded("DTSTART") == when(booked["starts_at"])


def test_the_webhook_receiver_gets_the_rdv_with_a_valid_signature(webhook_receiver, connectors, booked):
    [(headers, body)] = eventually(
        lambda: verified_webhooks(webhook_receiver, connectors.webhook_secret, booked["id"]),
        "the RDV webhook",
    )
    assert body["meta"]["event"] == "created"
    assert body["data"]["starts_at"] is not None and when(body["data"]["starts_at"]) == when(
        booked["starts_at"]
    )
    assert headers["webhook-id"]


def test_everyone_follows_when_the_rdv_is_moved(
    module_gateway, module_mailbox, radicale, webhook_receiver, organisation, connectors, booked, moved
):
    new_start = when(moved["starts_at"])
    assert new_start == when(booked["starts_at"]) + timedelta(hours=1)
    eventually(
        lambda: [
            m
            for m in messages_about(module_mailbox, USAGER, organisation.name)
            if "modifié" in m["subject"] and "à " + spoken(new_start) in m["text"]
        ],
        "the usager's e-mail about the new time",
    )

    def agent_update() -> icalendar.Event | None:
        for message in module_mailbox.get("/messages", params={"to": organisation.agent.email}).json():
            calendar = ics_attachment(message)
            event = vevent(calendar) if calendar is not None else None
            if event is not None and str(event["UID"]) == booked["uuid"] and int(event["SEQUENCE"]) >= 1:
                return event
        return None

    event = eventually(agent_update, "the agent's ICS update")
    assert int(event["SEQUENCE"]) == 1 and event.decoded("DTSTART") == new_start
    feed = eventually(
        lambda: feed_event(module_gateway, connectors, booked["uuid"], 1), "the moved RDV in the feed"
    )
    assert feed.decoded("DTSTART") == new_start
    caldav = eventually(
        lambda: caldav_event(radicale, connectors, booked["uuid"], 1), "the moved RDV in CalDAV"
    )
    assert caldav.decoded("DTSTART") == new_start

    def moved_webhook() -> list:
        return [
            (h, b)
            for h, b in verified_webhooks(webhook_receiver, connectors.webhook_secret, booked["id"])
            if b["meta"]["event"] == "updated" and when(b["data"]["starts_at"]) == new_start
        ]

    assert eventually(moved_webhook, "the webhook of the move")


def test_the_usager_cancels_through_the_link_of_the_mail(
    module_gateway, module_mailbox, radicale, webhook_receiver, organisation, connectors, booked, moved
):
    [mail] = eventually(lambda: confirmations(module_mailbox, organisation), "the confirmation e-mail")
    rdv_id, token = rdv_link(mail, booked["id"])
    refused = module_gateway.post(
        f"/api/v1/public/rdv_links/{rdv_id}/{token}/session", json={"letters": "xyz"}
    )
    assert refused.status_code in (403, 404, 422), refused.text
    opened = module_gateway.post(
        f"/api/v1/public/rdv_links/{rdv_id}/{token}/session", json={"letters": USAGER_LAST_NAME_LETTERS}
    )
    assert opened.status_code == 201, opened.text
    session = {"X-Link-Session": opened.json()["session_token"]}
    recap = module_gateway.get("/api/v1/public/rdv_links/session", headers=session)
    assert recap.status_code == 200, recap.text
    assert (recap.json()["rdv"]["starts_at"], recap.json()["cancellable"]) == (moved["starts_at"], True)
    cancelled = module_gateway.post("/api/v1/public/rdv_links/session/cancel", headers=session)
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["rdv"]["status"] == "excused"

    eventually(
        lambda: [
            m for m in messages_about(module_mailbox, USAGER, organisation.name) if "annulé" in m["subject"]
        ],
        "the usager's cancellation e-mail",
    )
    feed = eventually(
        lambda: feed_event(module_gateway, connectors, booked["uuid"], 2), "the cancellation in the feed"
    )
    assert str(feed["STATUS"]) == "CANCELLED"
    caldav = eventually(
        lambda: caldav_event(radicale, connectors, booked["uuid"], 2), "the cancellation in CalDAV"
    )
    assert str(caldav["STATUS"]) == "CANCELLED"

    def cancelled_webhook() -> list:
        return [
            (h, b)
            for h, b in verified_webhooks(webhook_receiver, connectors.webhook_secret, booked["id"])
            if b["data"]["status"] == "excused"
        ]

    assert eventually(cancelled_webhook, "the webhook of the cancellation")


def test_statuses_and_receipts_add_up(module_gateway, organisation, booked, moved):
    rdv = module_gateway.get(f"/api/v1/rdvs/{booked['id']}", headers=organisation.admin.headers)
    assert rdv.status_code == 200, rdv.text
    state = rdv.json()["rdv"]
    assert (state["status"], [p["status"] for p in state["participations"]]) == ("excused", ["excused"])
    assert state["cancelled_at"] is not None and state["starts_at"] == moved["starts_at"]

    expected = sorted(
        [
            ("rdv_created", "mail", "usager"),
            ("rdv_created", "sms", "usager"),
            ("rdv_created", "mail", "agent"),
            ("rdv_updated", "mail", "usager"),
            ("rdv_updated", "sms", "usager"),
            ("rdv_updated", "mail", "agent"),
            ("rdv_cancelled", "mail", "usager"),
            ("rdv_cancelled", "mail", "agent"),
        ]
    )

    def sent() -> list[tuple[str, str, str]]:
        found = [
            (r["event"], r["channel"], "usager" if r["user_id"] else "agent")
            for r in receipts(module_gateway, organisation.admin.headers, booked["id"])
            if r["result"] == "sent"
        ]
        return sorted(found) if len(found) >= len(expected) else []

    assert eventually(sent, "every receipt sent") == expected


def test_the_agent_gets_the_cancellation_in_their_calendar_mail(module_mailbox, organisation, booked, moved):
    def cancellation() -> icalendar.Calendar | None:
        for message in module_mailbox.get("/messages", params={"to": organisation.agent.email}).json():
            calendar = ics_attachment(message)
            if calendar is not None and str(calendar["METHOD"]) == "CANCEL":
                return calendar
        return None

    event = vevent(eventually(cancellation, "the agent's ICS cancellation"))
    assert str(event["UID"]) == booked["uuid"]
    assert int(event["SEQUENCE"]) >= 2


def test_the_statistics_count_the_cancelled_rdv(module_gateway, organisation, booked):
    response = module_gateway.get(
        f"/api/v1/stats/organisations/{organisation.id}", headers=organisation.admin.headers
    )
    assert response.status_code == 200, response.text
    figures = response.json()["statistics"]
    assert figures["rdvs_count"] == 1
    assert [(s["status"], s["count"]) for s in figures["by_status"]] == [("excused", 1)]
    assert [(o["origin"], o["count"]) for o in figures["by_origin"]] == [("user", 1)]
    assert [(m["id"], m["count"]) for m in figures["by_motif"]] == [(organisation.motif_id, 1)]
    assert [(a["id"], a["count"]) for a in figures["by_agent"]] == [(organisation.agent.id, 1)]
