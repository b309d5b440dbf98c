"""Smoke test of a running Kafka broker with the client the services use (aiokafka).

Checks what the platform relies on, so a Kafka or aiokafka upgrade can be validated in one command:
auto topic creation (3 partitions), a compacted topic created by the admin client, an idempotent producer
with acks=all, a consumer group with manual commits, the committed offsets as seen by a consumer and by
the admin client, and a restarted group member resuming after its committed offset.

Usage: .venv/bin/python deploy/local/kafka_smoke.py [BOOTSTRAP]   (default 127.0.0.1:$RDV_KAFKA_PORT or 9092)
Exits 0 when every check passes.
"""

import asyncio
import logging
import os
import sys
import uuid

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType

MESSAGES = 20


def check(condition: bool, what: str) -> None:
    if not condition:
        raise AssertionError(what)
    print(f"ok   {what}")


def consumer(bootstrap: str, topic: str, group: str) -> AIOKafkaConsumer:
    return AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=group,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        isolation_level="read_committed",
    )


async def drain(cons: AIOKafkaConsumer, expected: int, timeout: float = 20.0) -> list:
    received: list = []
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while len(received) < expected and loop.time() < deadline:
        batches = await cons.getmany(timeout_ms=500)
        for records in batches.values():
            received.extend(records)
    return received


async def main(bootstrap: str) -> None:
    run = uuid.uuid4().hex[:8]
    topic = f"smoke.auto.{run}"
    compacted = f"smoke.compacted.{run}"
    group = f"smoke-group-{run}"

    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        cluster = await admin.describe_cluster()
        check(len(cluster["brokers"]) == 1, f"metadata: one broker at {bootstrap}")

        await admin.create_topics(
            [
                NewTopic(
                    compacted,
                    num_partitions=3,
                    replication_factor=1,
                    topic_configs={"cleanup.policy": "compact"},
                )
            ]
        )
        configs = await admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, compacted)])
        policy = _config_value(configs, "cleanup.policy")
        check(policy == "compact", "admin: compacted topic created")

        producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True)
        await producer.start()
        try:
            for i in range(MESSAGES):
                await producer.send_and_wait(topic, f"value-{i}".encode(), key=f"key-{i % 5}".encode())
            await producer.send_and_wait(compacted, b"snapshot", key=b"aggregate-1")
            await producer.send_and_wait(compacted, None, key=b"aggregate-1")
        finally:
            await producer.stop()
        check(True, f"producer: {MESSAGES} messages with acks=all and idempotence, plus a tombstone")

        described = await admin.describe_topics([topic])
        check(len(described[0]["partitions"]) == 3, "broker: auto-created topic has 3 partitions")

        first = consumer(bootstrap, topic, group)
        await first.start()
        try:
            received = await drain(first, MESSAGES)
            check(len(received) == MESSAGES, f"consumer group: received {len(received)}/{MESSAGES}")
            await first.commit()
            committed = {tp: await first.committed(tp) for tp in first.assignment()}
            ends = await first.end_offsets(list(first.assignment()))
            check(committed == ends, "consumer: committed offsets equal the end offsets")
        finally:
            await first.stop()

        group_offsets = await admin.list_consumer_group_offsets(group)
        total = sum(meta.offset for meta in group_offsets.values())
        check(total == MESSAGES, f"admin: group {group} committed {total} messages")

        producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True)
        await producer.start()
        try:
            await producer.send_and_wait(topic, b"after-restart", key=b"key-0")
        finally:
            await producer.stop()
        second = consumer(bootstrap, topic, group)
        await second.start()
        try:
            received = await drain(second, 1)
            extra = await second.getmany(timeout_ms=1000)
            values = [r.value for r in received] + [r.value for rs in extra.values() for r in rs]
            check(values == [b"after-restart"], "consumer: a new group member resumes after the commit")
        finally:
            await second.stop()

        await admin.delete_topics([topic, compacted])
    finally:
        await admin.close()


def _config_value(responses, key: str):
    for response in responses:
        for resource in response.resources:
            for entry in resource[4]:
                if entry[0] == key:
                    return entry[1]
    return None


if __name__ == "__main__":
    default = f"127.0.0.1:{os.environ.get('RDV_KAFKA_PORT', '9092')}"
    bootstrap = sys.argv[1] if len(sys.argv) > 1 else default
    # aiokafka logs expected hiccups on a fresh broker (auto-created topic not yet in metadata,
    # group coordinator still loading); the checks above are what decides.
    logging.getLogger("aiokafka").setLevel(logging.CRITICAL)
    try:
        asyncio.run(asyncio.wait_for(main(bootstrap), timeout=120))
    except AssertionError as failure:
        print(f"FAIL {failure}")
        sys.exit(1)
    print("kafka smoke test passed")
