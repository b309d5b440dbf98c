import asyncio
import uuid
from collections import Counter

from rdv_chassis.messaging.broker import BrokerDeadLetters, new_broker, subscribe
from rdv_chassis.messaging.inbox import InboxProcessor, NotYetAvailable, Outcome
from rdv_chassis.messaging.incoming import IncomingRecord
from rdv_chassis.messaging.kafka_sender import KafkaSender
from rdv_chassis.messaging.relay import OutboxRelay
from rdv_chassis.observability.correlation import correlation_scope, get_correlation_id
from rdv_chassis.testing.kafka import create_topic, produce_raw, read_topic
from rdv_chassis.testing.mini_service import sample_event
from rdv_contracts.registry import dead_letter_topic


class ListDeadLetters:
    def __init__(self) -> None:
        self.records: list[tuple[IncomingRecord, str]] = []

    async def dead_letter(self, record: IncomingRecord, reason: str) -> None:
        self.records.append((record, reason))


def as_record(event, offset: int = 0) -> IncomingRecord:
    headers = (("event_id", str(event.event_id).encode()),)
    return IncomingRecord("t", 0, offset, event.aggregate_id.encode(), event.to_wire(), headers)


async def wait_until(predicate, timeout: float = 30.0) -> None:
    async with asyncio.timeout(timeout):
        while not await predicate():
            await asyncio.sleep(0.1)


async def test_a_redelivered_event_has_no_second_effect(make_service):
    service = await make_service()
    processor = InboxProcessor(
        "consumer-a",
        service.sessions,
        service.inbox,
        {"test.happened": service.record_effect},
        ListDeadLetters(),
    )
    event = sample_event()
    assert await processor.process(as_record(event)) == Outcome.PROCESSED
    assert await processor.process(as_record(event, offset=1)) == Outcome.DUPLICATE
    assert await service.effect_count() == 1


async def test_a_failed_handler_rolls_back_its_inbox_row_so_the_retry_applies_it(make_service):
    service = await make_service()
    calls = 0

    async def flaky(session, event):
        nonlocal calls
        calls += 1
        await service.record_effect(session, event)
        if calls == 1:
            raise RuntimeError("first attempt fails after writing")

    processor = InboxProcessor(
        "consumer-a",
        service.sessions,
        service.inbox,
        {"test.happened": flaky},
        ListDeadLetters(),
        retry_delay=0,
    )
    assert await processor.process(as_record(sample_event())) == Outcome.PROCESSED
    assert calls == 2
    assert await service.effect_count() == 1


async def test_a_handler_that_keeps_failing_is_dead_lettered_after_bounded_attempts(make_service):
    service = await make_service()
    calls = 0

    async def broken(session, event):
        nonlocal calls
        calls += 1
        raise ValueError("cannot handle")

    dead = ListDeadLetters()
    processor = InboxProcessor(
        "consumer-a",
        service.sessions,
        service.inbox,
        {"test.happened": broken},
        dead,
        max_attempts=3,
        retry_delay=0,
    )
    assert await processor.process(as_record(sample_event())) == Outcome.DEAD_LETTERED
    assert calls == 3
    assert "cannot handle" in dead.records[0][1]


async def test_unknown_event_types_are_ignored_once(make_service):
    service = await make_service()
    processor = InboxProcessor("consumer-a", service.sessions, service.inbox, {}, ListDeadLetters())
    assert await processor.process(as_record(sample_event())) == Outcome.IGNORED
    assert await service.effect_count() == 0


async def test_event_committed_in_one_service_reaches_a_subscriber_of_another_through_kafka(
    make_service, kafka_bootstrap
):
    producer_service = await make_service()
    consumer_service = await make_service(topic=producer_service.topic)
    events = [sample_event(f"agg-{n}", n) for n in range(20)]
    with correlation_scope("request-42"):
        async with producer_service.uow() as uow:
            for event in events:
                uow.publish(event)
            await uow.commit()
    seen_correlation_ids = set()

    async def record_effect(session, event):
        seen_correlation_ids.add(get_correlation_id())
        await consumer_service.record_effect(session, event)

    broker = new_broker(kafka_bootstrap, "consumer-service")
    processor = InboxProcessor(
        f"c-{uuid.uuid4().hex[:6]}",
        consumer_service.sessions,
        consumer_service.inbox,
        {"test.happened": record_effect},
        BrokerDeadLetters(broker),
    )
    subscribe(broker, processor, [producer_service.topic])
    relay = OutboxRelay(producer_service.engine, KafkaSender(kafka_bootstrap, "relay", 10), poll_interval=0.2)
    relay_task = asyncio.create_task(relay.run(producer_service.url))
    await broker.start()
    try:
        await wait_until(lambda: _has(consumer_service, 20))
    finally:
        relay.stop()
        await relay_task
        await broker.stop()
    assert sorted(await consumer_service.effect_ids()) == sorted(e.event_id for e in events)
    assert seen_correlation_ids == {"request-42"}, "the consumer runs under the producer request's id"


async def test_a_deleted_entity_tombstone_reaches_the_consumer_with_its_key(make_service, kafka_bootstrap):
    service = await make_service()
    async with service.uow() as uow:
        uow.publish(sample_event("motif-7"))
        uow.publish_tombstone(service.topic, "motif-7")
        await uow.commit()
    relay = OutboxRelay(service.engine, KafkaSender(kafka_bootstrap, "relay", 10))
    await relay.drain()
    records = await read_topic(kafka_bootstrap, service.topic)
    assert [(r.key, r.value is None) for r in records] == [(b"motif-7", False), (b"motif-7", True)]

    deleted_keys = []

    async def on_tombstone(session, key):
        deleted_keys.append(key)

    processor = InboxProcessor(
        "consumer-t", service.sessions, service.inbox, {}, ListDeadLetters(), on_tombstone=on_tombstone
    )
    tombstone = IncomingRecord.from_consumer_record(records[1])
    assert await processor.process(tombstone) == Outcome.PROCESSED
    assert await processor.process(tombstone) == Outcome.DUPLICATE
    assert deleted_keys == ["motif-7"]


async def _has(service, count: int) -> bool:
    return await service.effect_count() >= count


async def test_malformed_message_lands_in_dead_letter_topic_and_next_messages_still_flow(
    make_service, kafka_bootstrap, unique_name
):
    topic = unique_name("dlq")
    await create_topic(kafka_bootstrap, topic, partitions=1)
    await create_topic(kafka_bootstrap, dead_letter_topic(topic), partitions=1)
    service = await make_service(topic=topic)
    before, after = sample_event(n=1), sample_event(n=2)
    await produce_raw(
        kafka_bootstrap,
        topic,
        [
            (b"agg-1", before.to_wire(), [("event_id", str(before.event_id).encode())]),
            (b"agg-1", b"{not json", [("event_id", str(uuid.uuid4()).encode())]),
            (b"agg-1", b'{"event_id": "nope"}', []),
            (b"agg-1", after.to_wire(), [("event_id", str(after.event_id).encode())]),
        ],
    )
    broker = new_broker(kafka_bootstrap, "dlq-test")
    processor = InboxProcessor(
        f"c-{uuid.uuid4().hex[:6]}",
        service.sessions,
        service.inbox,
        {"test.happened": service.record_effect},
        BrokerDeadLetters(broker),
    )
    subscribe(broker, processor, [topic])
    await broker.start()
    try:
        await wait_until(lambda: _has(service, 2))
    finally:
        await broker.stop()
    assert sorted(await service.effect_ids()) == sorted([before.event_id, after.event_id])
    dead = await read_topic(kafka_bootstrap, dead_letter_topic(topic))
    assert [r.value for r in dead] == [b"{not json", b'{"event_id": "nope"}']
    assert all(dict(r.headers)["dlq_source_topic"] == topic.encode() for r in dead)


class CountingProcessor(InboxProcessor):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.outcomes: Counter = Counter()
        self.batches = 0

    async def process_batch(self, records: list[IncomingRecord]) -> list[Outcome]:
        outcomes = await super().process_batch(records)
        self.outcomes.update(outcomes)
        self.batches += 1
        return outcomes


async def test_duplicates_on_the_topic_have_no_second_effect_through_the_subscriber(
    make_service, kafka_bootstrap, unique_name
):
    topic = unique_name("dup")
    await create_topic(kafka_bootstrap, topic, partitions=3)
    service = await make_service(topic=topic)
    events = [sample_event(f"agg-{n % 7}", n) for n in range(100)]
    raw = [(e.aggregate_id.encode(), e.to_wire(), [("event_id", str(e.event_id).encode())]) for e in events]
    await produce_raw(kafka_bootstrap, topic, raw * 3)
    broker = new_broker(kafka_bootstrap, "dup-test")
    processor = CountingProcessor(
        f"c-{uuid.uuid4().hex[:6]}",
        service.sessions,
        service.inbox,
        {"test.happened": service.record_effect},
        BrokerDeadLetters(broker),
    )
    subscribe(broker, processor, [topic])
    await broker.start()
    try:
        async with asyncio.timeout(60):
            while processor.outcomes.total() < 300:
                await asyncio.sleep(0.1)
    finally:
        await broker.stop()
    assert processor.outcomes == Counter({Outcome.PROCESSED: 100, Outcome.DUPLICATE: 200})
    assert processor.batches < 300, "records should arrive in batches"
    assert sorted(await service.effect_ids()) == sorted(e.event_id for e in events)


async def test_an_event_whose_reference_is_not_there_yet_is_read_again_not_dead_lettered(
    make_service, kafka_bootstrap, unique_name
):
    topic = unique_name("later")
    await create_topic(kafka_bootstrap, topic, partitions=1)
    await create_topic(kafka_bootstrap, dead_letter_topic(topic), partitions=1)
    service = await make_service(topic=topic)
    event = sample_event()
    await produce_raw(kafka_bootstrap, topic, [(b"agg-1", event.to_wire(), [])])
    attempts = 0

    async def needs_a_motif_first(session, envelope):
        nonlocal attempts
        attempts += 1
        if attempts < 3:
            raise NotYetAvailable("motif 12 not received yet")
        await service.record_effect(session, envelope)

    broker = new_broker(kafka_bootstrap, "later-test")
    processor = InboxProcessor(
        f"c-{uuid.uuid4().hex[:6]}",
        service.sessions,
        service.inbox,
        {"test.happened": needs_a_motif_first},
        BrokerDeadLetters(broker),
        max_attempts=1,
        rewind_delay=0.1,
    )
    subscribe(broker, processor, [topic])
    await broker.start()
    try:
        await wait_until(lambda: _has(service, 1))
    finally:
        await broker.stop()
    assert attempts == 3
    assert await service.effect_ids() == [event.event_id]
    assert await read_topic(kafka_bootstrap, dead_letter_topic(topic)) == []


async def test_a_reference_that_never_arrives_is_dead_lettered_after_the_patience_and_the_partition_flows_on(
    make_service, kafka_bootstrap, unique_name
):
    topic = unique_name("never")
    await create_topic(kafka_bootstrap, topic, partitions=1)
    await create_topic(kafka_bootstrap, dead_letter_topic(topic), partitions=1)
    service = await make_service(topic=topic)
    orphan, healthy = sample_event(), sample_event()
    await produce_raw(
        kafka_bootstrap, topic, [(b"agg-1", orphan.to_wire(), []), (b"agg-1", healthy.to_wire(), [])]
    )

    async def needs_a_motif_that_was_lost(session, envelope):
        if envelope.event_id == orphan.event_id:
            raise NotYetAvailable("motif 12 not received yet")
        await service.record_effect(session, envelope)

    broker = new_broker(kafka_bootstrap, "never-test")
    processor = InboxProcessor(
        f"c-{uuid.uuid4().hex[:6]}",
        service.sessions,
        service.inbox,
        {"test.happened": needs_a_motif_that_was_lost},
        BrokerDeadLetters(broker),
        rewind_delay=0.1,
        not_yet_available_patience=1.0,
    )
    subscribe(broker, processor, [topic])
    await broker.start()
    try:
        await wait_until(lambda: _has(service, 1))
    finally:
        await broker.stop()
    assert await service.effect_ids() == [healthy.event_id]
    dead = await read_topic(kafka_bootstrap, dead_letter_topic(topic))
    assert len(dead) == 1
    assert dict(dead[0].headers)["dlq_reason"].startswith(b"not available after 1 s")


async def test_a_batch_applies_each_new_event_once_in_one_transaction(make_service):
    service = await make_service()
    processor = InboxProcessor(
        "consumer-b",
        service.sessions,
        service.inbox,
        {"test.happened": service.record_effect},
        ListDeadLetters(),
    )
    seen, fresh = sample_event(n=1), sample_event(n=2)
    await processor.process(as_record(seen))
    outcomes = await processor.process_batch([as_record(seen, 1), as_record(fresh, 2), as_record(fresh, 3)])
    assert outcomes == [Outcome.DUPLICATE, Outcome.PROCESSED, Outcome.DUPLICATE]
    assert sorted(await service.effect_ids()) == sorted([seen.event_id, fresh.event_id])


async def test_a_failing_record_in_a_batch_is_dead_lettered_alone_and_the_others_apply(make_service):
    service = await make_service()
    poison = sample_event(n=13)

    async def fails_on_13(session, event):
        if event.payload["n"] == 13:
            raise ValueError("cannot handle 13")
        await service.record_effect(session, event)

    dead = ListDeadLetters()
    processor = InboxProcessor(
        "consumer-b", service.sessions, service.inbox, {"test.happened": fails_on_13}, dead, retry_delay=0
    )
    events = [sample_event(n=1), poison, sample_event(n=2)]
    outcomes = await processor.process_batch([as_record(e, i) for i, e in enumerate(events)])
    assert outcomes == [Outcome.PROCESSED, Outcome.DEAD_LETTERED, Outcome.PROCESSED]
    assert sorted(await service.effect_ids()) == sorted([events[0].event_id, events[2].event_id])
    assert [record.offset for record, _ in dead.records] == [1]
