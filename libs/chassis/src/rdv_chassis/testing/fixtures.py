"""Pytest fixtures for integration tests against the real PostgreSQL and Kafka that `make test` starts.

`RDV_TEST_PG_DSN` (postgresql://postgres@127.0.0.1:PORT) and `RDV_TEST_KAFKA` (host:port) point at
them; `RDV_TEST_KAFKA_PID_FILE` lets fault tests pause the broker. Without them an integration
test fails instead of silently skipping: a suite that skips its integration tests proves nothing.
"""

import os
import uuid
from collections.abc import AsyncIterator, Callable

import asyncpg
import pytest

from rdv_chassis.db.engine import asyncpg_dsn


def _required_env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        pytest.fail(f"{name} is not set: run integration tests through `make test` (deploy/local/test.sh)")
    return value


@pytest.fixture(scope="session")
def pg_server_dsn() -> str:
    return _required_env("RDV_TEST_PG_DSN").rstrip("/")


@pytest.fixture(scope="session")
def kafka_bootstrap() -> str:
    return _required_env("RDV_TEST_KAFKA")


@pytest.fixture(scope="session")
def kafka_pid() -> int:
    with open(_required_env("RDV_TEST_KAFKA_PID_FILE")) as pid_file:
        return int(pid_file.read().strip())


@pytest.fixture
def unique_name() -> Callable[[str], str]:
    return lambda prefix: f"{prefix}_{uuid.uuid4().hex[:10]}"


@pytest.fixture
async def make_database(pg_server_dsn: str) -> AsyncIterator[Callable[[], object]]:
    """Factory of throwaway databases (with btree_gist); returns their SQLAlchemy async URL."""
    created: list[str] = []

    async def create() -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        admin = await asyncpg.connect(f"{pg_server_dsn}/postgres")
        try:
            await admin.execute(f'CREATE DATABASE "{name}"')
        finally:
            await admin.close()
        created.append(name)
        conn = await asyncpg.connect(f"{pg_server_dsn}/{name}")
        try:
            await conn.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        finally:
            await conn.close()
        return f"{pg_server_dsn.replace('postgresql://', 'postgresql+asyncpg://', 1)}/{name}"

    yield create
    admin = await asyncpg.connect(f"{pg_server_dsn}/postgres")
    try:
        for name in created:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


async def raw_connection(url: str) -> asyncpg.Connection:
    return await asyncpg.connect(asyncpg_dsn(url))
