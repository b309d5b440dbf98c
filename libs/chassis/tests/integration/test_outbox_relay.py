import asyncio
import os
import signal
import uuid
from collections import Counter

from rdv_chassis.messaging import outbox_store
from rdv_chassis.messaging.kafka_sender import KafkaSender, SendResult
from rdv_chassis.messaging.records import OutgoingRecord
from rdv_chassis.messaging.relay import OutboxRelay
from rdv_chassis.testing.kafka import read_topic
from rdv_chassis.testing.mini_service import sample_event
from rdv_contracts.envelope import EventEnvelope
from sqlalchemy import func, select, text


async def commit_events(service, count: int, keys: int = 10) -> list[uuid.UUID]:
    ids = []
    for n in range(count):
        event = sample_event(f"agg-{n % keys}", n)
        async with service.uow() as uow:
            uow.publish(event)
            await uow.commit()
        ids.append(event.event_id)
    return ids


async def test_rolled_back_transaction_writes_no_outbox_row_and_publishes_nothing(
    make_service, kafka_bootstrap
):
    service = await make_service()
    async with service.uow() as uow:
        uow.publish(sample_event())
        await uow.session.execute(select(1))
        # leaving without commit() rolls back
    relay = OutboxRelay(service.engine, KafkaSender(kafka_bootstrap, "t", 10))
    assert (await relay.relay_once()).sent == []
    async with service.sessions() as session:
        assert (await session.execute(select(func.count()).select_from(service.outbox))).scalar_one() == 0
    assert await read_topic(kafka_bootstrap, service.topic) == []


async def test_committed_events_are_published_in_commit_order_per_key_with_their_headers(
    make_service, kafka_bootstrap
):
    service = await make_service()
    ids = await commit_events(service, 30, keys=3)
    relay = OutboxRelay(service.engine, KafkaSender(kafka_bootstrap, "t", 10))
    await relay.drain()
    records = await read_topic(kafka_bootstrap, service.topic)
    assert [uuid.UUID(dict(r.headers)["event_id"].decode()) for r in records if r.key == b"agg-0"] == ids[
        0::3
    ]
    first = EventEnvelope.from_wire(records[0].value)
    assert dict(records[0].headers)["event_type"] == b"test.happened"
    assert first.event_id in ids


class CountingSender:
    """Wraps the real sender and counts every row each relay publishes."""

    def __init__(self, inner: KafkaSender, counter: Counter) -> None:
        self._inner, self._counter = inner, counter

    async def send(self, batch: list[tuple[int, OutgoingRecord]]) -> SendResult:
        await asyncio.sleep(0.01)  # widen the window in which both relays hold batches
        result = await self._inner.send(batch)
        self._counter.update(record.event_id for position, record in batch if position in result.sent)
        return result

    async def close(self) -> None:
        await self._inner.close()


async def test_two_relays_draining_at_once_never_publish_the_same_row(make_service, kafka_bootstrap):
    """Catches a regression from FOR UPDATE SKIP LOCKED to a plain SELECT (both relays would send)."""
    service = await make_service()
    ids = await commit_events(service, 600, keys=50)
    counter: Counter = Counter()
    relays = [
        OutboxRelay(
            service.engine, CountingSender(KafkaSender(kafka_bootstrap, f"r{i}", 10), counter), batch_size=40
        )
        for i in range(2)
    ]
    await asyncio.gather(*(relay.drain() for relay in relays))
    assert all(relay.published > 0 for relay in relays), "both relays should have taken part"
    assert sorted(counter) == sorted(ids)
    assert max(counter.values()) == 1
    records = await read_topic(kafka_bootstrap, service.topic)
    assert len(records) == 600
    for key in {r.key for r in records}:
        n_values = [EventEnvelope.from_wire(r.value).payload["n"] for r in records if r.key == key]
        assert n_values == sorted(n_values), "events of one aggregate must keep their order"
    for relay in relays:
        await relay._sender.close()


async def test_events_committed_while_kafka_is_stopped_are_all_delivered_after_it_resumes(
    make_service, kafka_bootstrap, kafka_pid
):
    """500 events committed while the broker is frozen: none lost once it is back."""
    service = await make_service()
    relay = OutboxRelay(service.engine, KafkaSender(kafka_bootstrap, "t", 2.0), poll_interval=0.2)
    relay_task = asyncio.create_task(relay.run(service.url))
    await commit_events(service, 5)
    os.kill(kafka_pid, signal.SIGSTOP)
    try:
        ids = await commit_events(service, 500, keys=25)  # commits never wait on Kafka
        await asyncio.sleep(3)
    finally:
        os.kill(kafka_pid, signal.SIGCONT)
    try:
        async with asyncio.timeout(90):
            while await _unsent(service):
                await asyncio.sleep(0.5)
    finally:
        relay.stop()
        await relay_task
    published = {
        EventEnvelope.from_wire(r.value).event_id for r in await read_topic(kafka_bootstrap, service.topic)
    }
    assert set(ids) <= published


async def _unsent(service) -> int:
    async with service.sessions() as session:
        query = select(func.count()).select_from(service.outbox).where(service.outbox.c.sent_at.is_(None))
        return int((await session.execute(query)).scalar_one())


async def _published_within(service, relay, listen_url: str, seconds: float) -> bool:
    task = asyncio.create_task(relay.run(listen_url))
    try:
        await asyncio.sleep(0.5)  # the relay is idle, waiting for a wake-up
        await commit_events(service, 1)
        async with asyncio.timeout(seconds):
            while await _unsent(service):
                await asyncio.sleep(0.05)
        return True
    except TimeoutError:
        return False
    finally:
        relay.stop()
        await task


async def test_relay_is_woken_by_notify_long_before_its_poll_interval(make_service, kafka_bootstrap):
    service = await make_service()
    relay = OutboxRelay(service.engine, KafkaSender(kafka_bootstrap, "t", 10), poll_interval=60)
    assert await _published_within(service, relay, service.url, seconds=5)


async def test_relay_falls_back_to_polling_when_listen_is_unavailable(make_service, kafka_bootstrap):
    service = await make_service()
    relay = OutboxRelay(service.engine, KafkaSender(kafka_bootstrap, "t", 10), poll_interval=0.3)
    unreachable = "postgresql+asyncpg://postgres@127.0.0.1:1/none"
    assert await _published_within(service, relay, unreachable, seconds=5)


async def test_sent_rows_older_than_the_retention_are_purged_and_unsent_rows_never(make_service):
    service = await make_service()
    await commit_events(service, 3)
    outbox = service.outbox
    async with service.engine.begin() as conn:
        first, second, _ = (
            await conn.execute(select(outbox.c.position).order_by(outbox.c.position))
        ).scalars()
        await conn.execute(
            outbox.update()
            .where(outbox.c.position == first)
            .values(sent_at=func.now() - text("interval '8 days'"))
        )
        await conn.execute(outbox.update().where(outbox.c.position == second).values(sent_at=func.now()))
        assert await outbox_store.purge_sent(conn, older_than_days=7) == 1
        remaining = (
            (await conn.execute(select(outbox.c.position).order_by(outbox.c.position))).scalars().all()
        )
    assert remaining[0] == second and len(remaining) == 2
