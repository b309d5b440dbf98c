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


async def terminate(engine, pid: int) -> None:
    async with engine.connect() as connection:
        await connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})


async def test_an_idle_connection_closed_by_the_server_is_replaced_before_use(make_database):
    engine = create_engine(await make_database(), pool_size=1, idle_before_check=0.2)
    other = create_engine(await make_database(), pool_size=1)
    try:
        dead = await backend_pid(engine)
        await terminate(other, dead)
        await asyncio.sleep(0.4)

        assert await backend_pid(engine) != dead
    finally:
        await engine.dispose()
        await other.dispose()


async def test_a_connection_used_a_moment_ago_is_not_checked(make_database):
    engine = create_engine(await make_database(), pool_size=1, idle_before_check=60)
    other = create_engine(await make_database(), pool_size=1)
    try:
        dead = await backend_pid(engine)
        await terminate(other, dead)
        await asyncio.sleep(0.2)

        with pytest.raises(DBAPIError):
            await backend_pid(engine)
        assert await backend_pid(engine) != dead  # the failure emptied the pool
    finally:
        await engine.dispose()
        await other.dispose()
