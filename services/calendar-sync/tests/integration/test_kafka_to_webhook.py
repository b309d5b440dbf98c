"""The whole worker path through the real broker: an RDV event on `booking.rdv` reaches the webhook
receiver, and a duplicate of the same Kafka record has no second effect."""

import asyncio

import pytest
from calendar_sync.entrypoints.subscriptions import consumers
from calsync_support import events
from calsync_support.harness import RecordingDeadLetters
from calsync_support.world import rdv_of
from faststream.kafka import KafkaBroker
from rdv_chassis.messaging.broker import new_broker, subscribe
from rdv_chassis.messaging.records import OutgoingRecord
from rdv_chassis.messaging.topics import ensure_topics
from rdv_chassis.testing.kafka import produce_raw

pytestmark = pytest.mark.integration


async def test_an_rdv_event_on_kafka_is_delivered_once_to_the_webhook(
    harness, world, receiver, kafka_bootstrap, unique_name
):
    await harness.client.post(
        f"/api/v1/organisations/{world.organisation_id}/webhook_endpoints",
        json={"target_url": receiver.url, "secret": "a-long-enough-shared-secret", "trigger": False},
        headers=harness.headers("agent:1", [(world.organisation_id, "admin")]),
    )
    await ensure_topics(kafka_bootstrap)
    broker: KafkaBroker = new_broker(kafka_bootstrap, unique_name("calsync"))
    [rdv_consumer] = [c for c in consumers(harness.settings, harness.clock) if c.topics == ["booking.rdv"]]
    processor = rdv_consumer.processor(harness.settings, harness.database, RecordingDeadLetters())
    processor.consumer = unique_name("calendar-sync.rdvs")
    subscribe(broker, processor, ["booking.rdv"])
    await broker.start()
    try:
        record = OutgoingRecord.from_envelope(events.rdv_event("created", rdv_of(world)), "booking.rdv", None)
        raw = (record.key.encode(), record.value, record.kafka_headers())
        await produce_raw(kafka_bootstrap, "booking.rdv", [raw, raw])
        async with asyncio.timeout(30):
            while not await harness.rows("SELECT id FROM webhook_deliveries"):
                await asyncio.sleep(0.2)
        await asyncio.sleep(1)
    finally:
        await broker.stop()

    assert await harness.deliver_webhooks() == 1
    assert len(receiver.requests) == 1
