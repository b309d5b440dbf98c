from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from rdv_chassis.testing.kafka import create_topic
from rdv_chassis.testing.mini_service import MiniService, mini_service

pytestmark = pytest.mark.integration


@pytest.fixture
async def make_service(
    make_database: Callable[[], Awaitable[str]], kafka_bootstrap: str, unique_name: Callable[[str], str]
) -> AsyncIterator[Callable[..., Awaitable[MiniService]]]:
    services: list[MiniService] = []

    async def make(topic: str | None = None, partitions: int = 3) -> MiniService:
        if topic is None:
            topic = unique_name("chassis")
            await create_topic(kafka_bootstrap, topic, partitions)
        service = await mini_service(await make_database(), topic)
        services.append(service)
        return service

    yield make
    for service in services:
        await service.dispose()
