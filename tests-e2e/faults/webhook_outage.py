"""The webhook outage runs alongside the other fault tests: set up first, checked last.

calendar-sync retries a refused webhook after 5 s, then after 5 min (±10 %): the receiver refuses for
DOWN_FOR seconds from the start of the session, then accepts, and the check at the end waits for the
5-minute retries, which by then have (nearly) come.
"""

import secrets
import threading
import time
from dataclasses import dataclass

import httpx
from booking_load import BookingStream, SlotPool, accepted
from demo_agenda import MAIRIE, admin_headers
from webhook_receiver import WebhookReceiver

DOWN_FOR, BOOKED_DURING = 150, 5


@dataclass
class WebhookOutage:
    receiver: WebhookReceiver
    rdv_ids: set[int]
    started: float
    endpoint_path: str


async def begin_outage(api: httpx.AsyncClient, slots: SlotPool) -> WebhookOutage:
    receiver = WebhookReceiver(up=False)
    url = receiver.start_in_thread()
    headers = await admin_headers(api)
    path = f"/api/v1/organisations/{MAIRIE}/webhook_endpoints"
    body = {"target_url": url, "secret": secrets.token_urlsafe(24), "trigger": False}
    created = await api.post(path, json=body, headers=headers)
    assert created.status_code == 201, created.text
    started = time.monotonic()
    booked = accepted(await BookingStream(api, slots, "webhook-down").run(1, BOOKED_DURING))
    threading.Timer(DOWN_FOR, lambda: setattr(receiver, "up", True)).start()
    endpoint = created.json()["webhook_endpoint"]["id"]
    return WebhookOutage(receiver, {a.rdv_id for a in booked if a.rdv_id}, started, f"{path}/{endpoint}")


async def end_outage(api: httpx.AsyncClient, outage: WebhookOutage) -> None:
    await api.delete(outage.endpoint_path, headers=await admin_headers(api))
    outage.receiver.stop_thread()
