"""Fault injection against the running system (`make test` runs these last: they disturb it).

Every fault is bounded in time and acts on this machine's own processes only.
"""

import sys
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).parent))

from booking_load import SlotPool
from demo_agenda import open_evening_plages
from system_control import System
from webhook_outage import begin_outage, end_outage


@pytest.fixture(scope="session")
def system() -> System:
    return System()


@pytest.fixture
async def api(base_url: str):
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
        yield client


@pytest.fixture
async def mails(mailbox_url: str):
    async with httpx.AsyncClient(base_url=mailbox_url, timeout=30) as client:
        yield client


@pytest.fixture(scope="session")
async def extra_plages(base_url: str) -> None:
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
        await open_evening_plages(client)


@pytest.fixture
async def slots(api: httpx.AsyncClient, extra_plages: None) -> SlotPool:
    pool = SlotPool(api)
    await pool.fill()
    return pool


@pytest.fixture(scope="session", autouse=True)
async def webhook_outage(base_url: str, extra_plages: None):
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
        pool = SlotPool(client)
        await pool.fill()
        outage = await begin_outage(client, pool)
        yield outage
        await end_outage(client, outage)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The webhook check last: the other tests run while the retries of its outage come due."""
    items.sort(key=lambda item: item.path.name == "test_webhook_outage.py")
