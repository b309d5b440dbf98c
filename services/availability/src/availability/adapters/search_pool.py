"""The searches' reads (catalog version, busy times) on a small asyncpg pool of their own.

Every slot search makes these two reads, on its hot path. Through SQLAlchemy it cost a pre-ping, the
statement's compilation and the result's wrapping: about 1.4 ms of a 0.5 ms query. Here: a pooled
connection in autocommit, a prepared statement, and nothing to reset on release (no transaction,
LISTEN or advisory lock is ever taken on these connections).
"""

import asyncio
from collections.abc import Sequence
from typing import Any

import asyncpg
from rdv_chassis.db.engine import asyncpg_dsn


async def _nothing_to_reset(_: asyncpg.Connection) -> None:
    return None


class SearchPool:
    def __init__(self, database_url: str, size: int) -> None:
        self._dsn = asyncpg_dsn(database_url)
        self._size = size
        self._pool: asyncpg.Pool | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    async def fetch(self, query: str, *args: Any) -> Sequence[asyncpg.Record]:
        pool = await self._current()
        async with pool.acquire() as connection:
            return await connection.fetch(query, *args)

    async def fetchval(self, query: str, *args: Any) -> Any:
        pool = await self._current()
        async with pool.acquire() as connection:
            return await connection.fetchval(query, *args)

    async def _current(self) -> asyncpg.Pool:
        # Opened on first use, on the loop that serves requests (a test may start the app on another).
        loop = asyncio.get_running_loop()
        if self._pool is None or self._loop is not loop:
            self._pool, self._loop = None, loop
            pool = await asyncpg.create_pool(
                self._dsn, min_size=0, max_size=self._size, reset=_nothing_to_reset
            )
            if self._pool is None:
                self._pool = pool
            else:
                await pool.close()  # another request opened it meanwhile
        return self._pool

    async def close(self) -> None:
        if self._pool is not None and self._loop is asyncio.get_running_loop():
            await self._pool.close()
        self._pool = None
