import asyncio
import secrets
import time

import pytest
from booking_load import BookingStream, accepted
from demo_agenda import MAIRIE, admin_headers
from webhook_receiver import WebhookReceiver

DOWN_FOR, DURING_OUTAGE = 150, 5
DELIVERED_WITHIN = 420
"""calendar-sync retries after 5 s, then 5 min (±10 %): the third attempt comes after the receiver is back."""


@pytest.mark.timeout(DELIVERED_WITHIN + 120)
async def test_webhooks_refused_for_minutes_are_all_delivered_later_with_the_same_webhook_id(api, slots):
    receiver = WebhookReceiver()
    url = await receiver.start()
    headers = await admin_headers(api)
    path = f"/api/v1/organisations/{MAIRIE}/webhook_endpoints"
    body = {"target_url": url, "secret": secrets.token_urlsafe(24), "trigger": False}
    created = await api.post(path, json=body, headers=headers)
    assert created.status_code == 201, created.text
    endpoint = created.json()["webhook_endpoint"]["id"]
    try:
        before = accepted(await BookingStream(api, slots, "webhook-before").run(1, 2))
        await until(lambda: len(receiver.delivered("Rdv", "created")) >= len(before), 60)
        receiver.up = False
        outage = accepted(await BookingStream(api, slots, "webhook-down").run(1, DURING_OUTAGE))
        started = time.monotonic()
        await asyncio.sleep(DOWN_FOR)
        refused = receiver.refused("Rdv", "created")
        receiver.up = True
        ids = {a.rdv_id for a in outage}
        await until(lambda: ids <= set(receiver.delivered("Rdv", "created")), DELIVERED_WITHIN - DOWN_FOR)
        took = time.monotonic() - started
    finally:
        await api.delete(f"{path}/{endpoint}", headers=headers)
        await receiver.stop()

    delivered = receiver.delivered("Rdv", "created")
    assert set(refused) == ids, "every RDV made during the outage was attempted while the receiver was down"
    assert {i: len(delivered[i]) for i in ids} == dict.fromkeys(ids, 1)
    assert {i: {delivered[i][0]} for i in ids} == refused
    print(f"{len(ids)} webhooks refused for {DOWN_FOR} s, all delivered {took:.0f} s after the first refusal")


async def until(condition, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"not met after {timeout:.0f} s"
        await asyncio.sleep(1)
