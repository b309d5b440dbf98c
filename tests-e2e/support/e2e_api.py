"""Signing in through the directory auth API and polling the asynchronous parts of the system."""

import time
from collections.abc import Callable
from typing import TypeVar

import httpx

DEMO_DOMAIN = "demo.rdv-solidarites.example"
DEMO_PASSWORD = "Rdv-Demo-2026!"

T = TypeVar("T")


def demo_email(name: str) -> str:
    return f"{name}@{DEMO_DOMAIN}"


def agent_token(gateway: httpx.Client, email: str, password: str = DEMO_PASSWORD) -> str:
    response = gateway.post("/api/v1/auth/sign_in", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


def user_token(gateway: httpx.Client, email: str, password: str = DEMO_PASSWORD) -> str:
    response = gateway.post("/api/v1/user_auth/sign_in", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def eventually(probe: Callable[[], T | None], what: str, timeout: float = 30.0, every: float = 0.3) -> T:
    """Calls `probe` until it returns something truthy; fails with `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    last: T | None = None
    while time.monotonic() < deadline:
        last = probe()
        if last:
            return last
        time.sleep(every)
    raise AssertionError(f"not within {timeout:.0f}s: {what} (last: {last!r})")
