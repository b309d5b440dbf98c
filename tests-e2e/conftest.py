import os

import httpx
import pytest


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
