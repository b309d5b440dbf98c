from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from calsync_support.harness import Harness, start_harness
from calsync_support.receiver import WebhookReceiver
from calsync_support.world import World, make_world

pytestmark = pytest.mark.integration


@pytest.fixture
async def harness(make_database: Callable[[], Awaitable[str]]) -> AsyncIterator[Harness]:
    started = await start_harness(await make_database())
    yield started
    await started.client.aclose()
    await started.database.engine.dispose()


@pytest.fixture
async def world(harness: Harness) -> World:
    return await make_world(harness)


@pytest.fixture
async def receiver() -> AsyncIterator[WebhookReceiver]:
    started = await WebhookReceiver().start()
    yield started
    await started.stop()
