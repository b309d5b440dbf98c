import asyncio
from datetime import UTC, datetime

from notifications.entrypoints.subscribers import all_subscriptions, consumers
from notifications.entrypoints.worker import background_loops
from notifications.testing import factories as f
from rdv_chassis.messaging.broker import BrokerDeadLetters, new_broker
from rdv_chassis.messaging.records import OutgoingRecord
from rdv_chassis.messaging.topics import ensure_topics
from rdv_chassis.testing.kafka import produce_raw, skip_to_end
from rdv_contracts import booking as bk
from rdv_contracts.registry import spec_for


async def publish(bootstrap, *events):
    for event in events:
        topic = spec_for(event.event_type).topic.name
        record = OutgoingRecord.from_envelope(event, topic, None)
        await produce_raw(bootstrap, topic, [(record.key.encode(), record.value, record.kafka_headers())])


async def test_worker_consumes_real_topics_and_mails_once_despite_a_republished_event(
    world, smtp_server, kafka_bootstrap
):
    """The wiring of the worker: subscriptions with group ids on the real broker, plus the send loop."""
    await ensure_topics(kafka_bootstrap)
    t = f.territory()
    o, s = f.organisation(t.id), f.service()
    m, lieu, u, a = f.motif(o.id, s.id), f.lieu(o.id), f.user(phone_number=None), f.agent()
    snapshot = f.rdv(o.id, m.id, [a.id], [u.id], datetime(2031, 1, 13, 9, tzinfo=UTC), lieu_id=lieu.id)
    created = f.wrap(bk.RdvCreated(rdv=snapshot, actor=f.AGENT_ACTOR), snapshot.id, o.id)
    directory = [f.wrap(x, x.id) for x in (t, o, s, m, lieu, u, a)]

    for consumer in consumers(world.services):  # other tests publish on the same topics
        await skip_to_end(kafka_bootstrap, consumer.name, consumer.topics)
    broker = new_broker(kafka_bootstrap, "notifications-test")
    for attach in all_subscriptions(world.services):
        attach(broker, BrokerDeadLetters(broker), world.database)
    loops = background_loops(world.services)
    await broker.start()
    tasks = [asyncio.create_task(loop.run()) for loop in loops]
    try:
        await publish(kafka_bootstrap, *directory)
        async with asyncio.timeout(60):
            while (
                len(await world.rows("SELECT id FROM users WHERE id = :id", id=u.id)) == 0
                or len(await world.rows("SELECT id FROM motifs WHERE id = :id", id=m.id)) == 0
                or len(await world.rows("SELECT id FROM organisations WHERE id = :id", id=o.id)) == 0
            ):
                await asyncio.sleep(0.2)
        await publish(kafka_bootstrap, created, created)
        async with asyncio.timeout(60):
            while len(smtp_server.to(u.email)) + len(smtp_server.to(a.email)) < 1:
                await asyncio.sleep(0.2)
        await asyncio.sleep(2)
    finally:
        for loop in loops:
            loop.stop()
        await asyncio.gather(*tasks)
        await broker.stop()
    assert len(smtp_server.to(u.email)) == 1
