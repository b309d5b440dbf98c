"""Failed sign-ins are counted in PostgreSQL: every API process sees the same counts."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from directory.adapters.auth_tables import failed_attempts
from directory.adapters.rate_limits import PostgresAttemptLimiter
from directory.bootstrap import build_app, build_database
from directory.config import DirectorySettings
from sqlalchemy import insert

from .conftest import Directory, fast_hasher

WRONG = "Mauvais-mot-de-passe-1"
RIGHT = "Mot-de-passe-solide-2026"


@pytest.fixture
async def second_instance(world: Directory, tmp_path) -> AsyncIterator[httpx.AsyncClient]:
    """Another API process on the same database (its own app, context and limiter)."""
    settings = DirectorySettings(
        environment="test",
        database_url=world.database.engine.url.render_as_string(hide_password=False),
        key_dir=tmp_path / "keys",
        public_base_url="https://rdv.example",
    )
    database = build_database(settings)
    app = build_app(settings, database, clock=world.clock, passwords=fast_hasher())
    transport = httpx.ASGITransport(app, client=("203.0.113.1", 1234))
    async with httpx.AsyncClient(transport=transport, base_url="http://second") as client:
        yield client
    await database.engine.dispose()


async def sign_in(client: httpx.AsyncClient, email: str, password: str, ip: str) -> int:
    body = {"email": email, "password": password}
    response = await client.post("/api/v1/auth/sign_in", json=body, headers={"X-Forwarded-For": ip})
    return response.status_code


async def test_two_api_instances_share_the_failure_count_of_an_account(
    world: Directory, second_instance: httpx.AsyncClient
):
    for attempt in range(5):
        client = world.client if attempt % 2 else second_instance
        assert await sign_in(client, "basic@rdv.example", WRONG, f"198.51.100.{attempt}") == 401
    for client in (world.client, second_instance):
        assert await sign_in(client, "basic@rdv.example", "Mot-de-passe-solide-2026", "198.51.100.9") == 429


async def test_two_api_instances_share_the_failure_count_of_an_address(world: Directory):
    limiter = world.app.state.context.limiter
    other = PostgresAttemptLimiter(world.database.engine, "5/15 minutes", "3/15 minutes")
    await limiter.count_failure("ip:192.0.2.7")
    await other.count_failure("ip:192.0.2.7", "account:x@rdv.example")
    await limiter.count_failure("ip:192.0.2.7")
    assert not await other.allowed("account:y@rdv.example", "ip:192.0.2.7")
    assert await other.allowed("account:y@rdv.example", "ip:192.0.2.8")


async def test_failures_older_than_the_window_no_longer_count(world: Directory):
    limiter = PostgresAttemptLimiter(world.database.engine, "2/15 minutes", "50/15 minutes")
    async with world.database.engine.begin() as connection:
        long_ago = datetime.now(UTC) - timedelta(minutes=16)
        await connection.execute(
            insert(failed_attempts), [{"key": "account:old@rdv.example", "failed_at": long_ago}] * 2
        )
    assert await limiter.allowed("account:old@rdv.example")
    await limiter.count_failure("account:old@rdv.example")
    await limiter.count_failure("account:old@rdv.example")
    assert not await limiter.allowed("account:old@rdv.example")


async def test_a_successful_sign_in_clears_the_account_count_for_every_instance(
    world: Directory, second_instance: httpx.AsyncClient
):
    for _ in range(4):
        assert await sign_in(second_instance, "admin@rdv.example", WRONG, "198.51.100.20") == 401
    assert (
        await sign_in(world.client, "admin@rdv.example", "Mot-de-passe-solide-2026", "198.51.100.20") == 200
    )
    for _ in range(4):
        assert await sign_in(second_instance, "admin@rdv.example", WRONG, "198.51.100.20") == 401
    assert (
        await sign_in(world.client, "admin@rdv.example", "Mot-de-passe-solide-2026", "198.51.100.20") == 200
    )
