"""Consumer groups moved back to the start of their topics, and their lag, through the Kafka admin API."""

import asyncio
import time

import asyncpg
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.structs import OffsetAndMetadata
from ledger import DATABASES


async def groups_of(bootstrap: str, prefixes: tuple[str, ...]) -> list[str]:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        return sorted(g for g, _ in await admin.list_consumer_groups() if g.startswith(prefixes))
    finally:
        await admin.close()


async def committed(bootstrap: str, group: str) -> dict[TopicPartition, int]:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        offsets = await admin.list_consumer_group_offsets(group)
    finally:
        await admin.close()
    return {tp: meta.offset for tp, meta in offsets.items()}


async def rewind(bootstrap: str, group: str) -> int:
    """Commits the earliest offsets of every partition the group has read; returns the records to replay."""
    partitions = list(await committed(bootstrap, group))
    if not partitions:
        return 0
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False)
    await consumer.start()
    try:
        consumer.assign(partitions)
        earliest = await consumer.beginning_offsets(partitions)
        ends = await consumer.end_offsets(partitions)
        await consumer.commit({tp: OffsetAndMetadata(earliest[tp], "") for tp in partitions})
    finally:
        await consumer.stop()
    return sum(ends[tp] - earliest[tp] for tp in partitions)


async def lag(bootstrap: str, group: str) -> int:
    offsets = await committed(bootstrap, group)
    if not offsets:
        return 0
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    try:
        consumer.assign(list(offsets))
        ends = await consumer.end_offsets(list(offsets))
    finally:
        await consumer.stop()
    return sum(ends[tp] - offset for tp, offset in offsets.items())


async def wait_caught_up(bootstrap: str, groups: list[str], timeout: float) -> float:
    started = time.monotonic()
    for group in groups:
        while (behind := await lag(bootstrap, group)) > 0:
            assert time.monotonic() - started < timeout, f"{group} still {behind} behind after {timeout} s"
            await asyncio.sleep(1)
    return time.monotonic() - started


async def row_counts(pg: str) -> dict[str, int]:
    counts = {}
    for database in DATABASES:
        connection = await asyncpg.connect(f"{pg}/{database}")
        try:
            tables = await connection.fetch(
                "select tablename from pg_tables where schemaname = 'public' and tablename <> 'inbox'"
            )
            for (table,) in tables:
                counts[f"{database}.{table}"] = await connection.fetchval(f'select count(*) from "{table}"')
        finally:
            await connection.close()
    return counts
