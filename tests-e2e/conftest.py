import os
import sys
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).parent / "support"))

from e2e_servers import Radicale, WebhookReceiver, start_radicale, start_webhook_receiver


@pytest.fixture(scope="session")
def base_url() -> str:
    url = os.environ.get("RDV_E2E_BASE_URL")
    if not url:
        pytest.fail("RDV_E2E_BASE_URL is not set: run the end-to-end tests through `make test`")
    return url


@pytest.fixture
def gateway(base_url: str) -> httpx.Client:
    with httpx.Client(base_url=base_url, timeout=10) as client:
        yield client


@pytest.fixture(scope="session")
def mailbox_url() -> str:
    url = os.environ.get("RDV_E2E_MAILBOX_URL")
    if not url:
        pytest.fail("RDV_E2E_MAILBOX_URL is not set: run the end-to-end tests through `make test`")
    return url


@pytest.fixture
def mailbox(mailbox_url: str) -> httpx.Client:
    """The local mailbox (deploy/local/mailbox.py): GET /messages?to=<address>, DELETE /messages."""
    with httpx.Client(base_url=mailbox_url, timeout=10) as client:
        yield client


@pytest.fixture(scope="module")
def module_gateway(base_url: str) -> httpx.Client:
    with httpx.Client(base_url=base_url, timeout=15) as client:
        yield client


@pytest.fixture(scope="module")
def module_mailbox(mailbox_url: str) -> httpx.Client:
    with httpx.Client(base_url=mailbox_url, timeout=10) as client:
        yield client


@pytest.fixture(scope="module")
def webhook_receiver() -> WebhookReceiver:
    """An HTTP server on a loopback port that answers 200 to every POST and keeps it."""
    receiver = start_webhook_receiver()
    yield receiver
    receiver.stop()


@pytest.fixture(scope="module")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Radicale:
    """A real CalDAV server (Radicale) on a free loopback port."""
    server = start_radicale(tmp_path_factory.mktemp("radicale"))
    yield server
    server.stop()
