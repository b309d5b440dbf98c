import asyncio
import time

import pytest
from webhook_outage import DOWN_FOR

DELIVERED_WITHIN = 420
"""From the first refusal: the 5-minute retry (+10 % jitter) after the 5-second one, and some slack."""


@pytest.mark.timeout(DELIVERED_WITHIN + 60)
async def test_webhooks_refused_for_minutes_are_all_delivered_later_with_the_same_webhook_id(webhook_outage):
    receiver, ids = webhook_outage.receiver, webhook_outage.rdv_ids
    deadline = webhook_outage.started + DELIVERED_WITHIN
    while not ids <= set(receiver.delivered("Rdv", "created")):
        assert time.monotonic() < deadline, f"not delivered {DELIVERED_WITHIN} s after the first refusal"
        await asyncio.sleep(1)
    took = time.monotonic() - webhook_outage.started

    refused, delivered = receiver.refused("Rdv", "created"), receiver.delivered("Rdv", "created")
    assert ids and set(refused) >= ids, "every RDV made during the outage was attempted while it was down"
    assert {i: len(delivered[i]) for i in ids} == dict.fromkeys(ids, 1)
    assert {i: {delivered[i][0]} for i in ids} == {i: refused[i] for i in ids}
    print(f"{len(ids)} webhooks refused for {DOWN_FOR} s, all delivered {took:.0f} s after the first refusal")
