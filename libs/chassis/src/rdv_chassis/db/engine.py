"""Engines and sessions of every service.

Connections are checked on checkout only when they sat idle in the pool for a while. SQLAlchemy's
`pool_pre_ping` checks every checkout, and with asyncpg a check is three round trips (BEGIN, an empty
query, ROLLBACK): on a booking, as much as its own statements. A connection used a moment ago is
alive; one idle for longer may have been closed by a PostgreSQL restart, and is replaced before use.
A connection that dies between two close uses fails its request (503 with Retry-After), and
SQLAlchemy then drops every connection of the pool older than that failure.
"""

import time

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry, PoolProxiedConnection

IDLE_BEFORE_CHECK_SECONDS = 5.0
_RETURNED_AT = "rdv_returned_at"


def create_engine(
    url: str, *, pool_size: int = 10, idle_before_check: float = IDLE_BEFORE_CHECK_SECONDS
) -> AsyncEngine:
    engine = create_async_engine(url, pool_size=pool_size, max_overflow=pool_size)
    check_idle_connections(engine.sync_engine, idle_before_check)
    return engine


def check_idle_connections(engine: Engine, idle_before_check: float) -> None:
    @event.listens_for(engine, "checkin")
    def returned(dbapi_connection: object, record: ConnectionPoolEntry) -> None:
        record.info[_RETURNED_AT] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def taken(dbapi_connection: object, record: ConnectionPoolEntry, proxy: PoolProxiedConnection) -> None:
        returned_at = record.info.get(_RETURNED_AT)
        if returned_at is None or time.monotonic() - returned_at < idle_before_check:
            return
        try:
            alive = engine.dialect.do_ping(dbapi_connection)  # type: ignore[arg-type]
        except Exception as exc:
            raise DisconnectionError("idle connection closed by the server") from exc
        if not alive:
            raise DisconnectionError("idle connection closed by the server")


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


def asyncpg_dsn(url: str) -> str:
    """asyncpg itself (LISTEN, raw benchmarks) wants a plain postgresql:// DSN."""
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)
