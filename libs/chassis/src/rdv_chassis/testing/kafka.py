"""Reading a whole topic and producing raw records, for assertions on what really reached Kafka."""

import asyncio

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic


async def create_topic(bootstrap: str, name: str, partitions: int = 1) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(name, partitions, 1)])
    finally:
        await admin.close()


async def read_topic(bootstrap: str, topic: str, timeout: float = 20.0) -> list[ConsumerRecord]:
    """Every record currently on the topic, from offset 0 to the end offsets at call time."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    try:
        async with asyncio.timeout(timeout):
            partitions = consumer.partitions_for_topic(topic)
            while not partitions:
                await consumer._client.force_metadata_update()
                partitions = consumer.partitions_for_topic(topic)
            assigned = [TopicPartition(topic, p) for p in partitions]
            consumer.assign(assigned)
            await consumer.seek_to_beginning(*assigned)
            end = await consumer.end_offsets(assigned)
            records: list[ConsumerRecord] = []
            while [tp for tp in assigned if await consumer.position(tp) < end[tp]]:
                batch = await consumer.getmany(*assigned, timeout_ms=500)
                for part in batch.values():
                    records.extend(part)
            return records
    finally:
        await consumer.stop()


async def produce_raw(
    bootstrap: str, topic: str, records: list[tuple[bytes | None, bytes | None, list[tuple[str, bytes]]]]
) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True)
    await producer.start()
    try:
        for key, value, headers in records:
            await producer.send_and_wait(topic, value, key=key, headers=headers)
    finally:
        await producer.stop()


async def skip_to_end(bootstrap: str, group_id: str, topics: list[str], timeout: float = 30.0) -> None:
    """Commits the group's offsets at the end of its topics, so a test's consumer reads only what the
    test publishes next, not what other tests left on the shared topics of the same broker.

    Waits until the broker's metadata names every topic's partitions and the committed offsets read
    back equal the end offsets: a group left at the beginning would replay every other test's events."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=group_id, enable_auto_commit=False)
    await consumer.start()
    try:
        async with asyncio.timeout(timeout):
            while any(not consumer.partitions_for_topic(t) for t in topics):
                await consumer._client.force_metadata_update()
            partitions = [TopicPartition(t, p) for t in topics for p in consumer.partitions_for_topic(t)]
            consumer.assign(partitions)
            ends = await consumer.end_offsets(partitions)
            while [tp for tp in partitions if await consumer.committed(tp) != ends[tp]]:
                await consumer.commit(dict(ends.items()))
    finally:
        await consumer.stop()
