"""Pooled connections are checked on checkout only after sitting idle, and replaced when dead."""

import asyncio

import pytest
from rdv_chassis.db.engine import create_engine
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

pytestmark = pytest.mark.integration


async def backend_pid(engine) -> int:
    async with engine.connect() as connection:
        return (await connection.execute(text("SELECT pg_backend_pid()"))).scalar_one()


@pytest.fixture
async def pool_with_a_dead_connection(make_database):
    """An engine of one pooled connection, idle-checked after `idle_before_check` seconds, whose
    connection the server then terminated; returns the engine and the dead backend's pid."""
    engines = []

    async def make(idle_before_check: float):
        engine = create_engine(await make_database(), pool_size=1, idle_before_check=idle_before_check)
        other = create_engine(await make_database(), pool_size=1)
        engines.extend((engine, other))
        dead = await backend_pid(engine)
        async with other.connect() as connection:
            await connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": dead})
        return engine, dead

    yield make
    for engine in engines:
        await engine.dispose()


async def test_an_idle_connection_closed_by_the_server_is_replaced_before_use(pool_with_a_dead_connection):
    engine, dead = await pool_with_a_dead_connection(idle_before_check=0.2)
    await asyncio.sleep(0.4)

    assert await backend_pid(engine) != dead


async def test_a_connection_used_a_moment_ago_is_not_checked(pool_with_a_dead_connection):
    engine, dead = await pool_with_a_dead_connection(idle_before_check=60)
    await asyncio.sleep(0.2)

    with pytest.raises(DBAPIError):
        await backend_pid(engine)
    assert await backend_pid(engine) != dead  # the failure emptied the pool
