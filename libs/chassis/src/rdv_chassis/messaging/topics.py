"""Creates the registry's topics (and their dead-letter topics) with the right cleanup policy."""

import asyncio
import contextlib
import logging
from collections.abc import Iterable

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError
from rdv_contracts.registry import TOPICS, Topic, dead_letter_topic

log = logging.getLogger(__name__)


def new_topics(topics: Iterable[Topic], replication_factor: int = 1) -> list[NewTopic]:
    created = []
    for topic in topics:
        created.append(
            NewTopic(topic.name, topic.partitions, replication_factor, topic_configs=topic.config())
        )
        created.append(NewTopic(dead_letter_topic(topic.name), 1, replication_factor))
    return created


async def ensure_topics(
    bootstrap_servers: str, topics: Iterable[Topic] | None = None, replication_factor: int = 1
) -> None:
    wanted = new_topics(TOPICS.values() if topics is None else topics, replication_factor)
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, request_timeout_ms=10000)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [topic for topic in wanted if topic.name not in existing]
        if missing:
            with contextlib.suppress(TopicAlreadyExistsError):  # another worker was faster
                await admin.create_topics(missing)
            log.info("created topics: %s", ", ".join(t.name for t in missing))
        await _wait_for_metadata(admin, {t.name for t in wanted})
    finally:
        await admin.close()


async def _wait_for_metadata(admin: AIOKafkaAdminClient, names: set[str]) -> None:
    async with asyncio.timeout(30):
        while not names <= set(await admin.list_topics()):
            await asyncio.sleep(0.2)
