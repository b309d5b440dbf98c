"""PostgreSQL LISTEN, to wake a loop as soon as a transaction announces work with NOTIFY."""

import logging
from collections.abc import Callable

import asyncpg
from rdv_chassis.db.engine import asyncpg_dsn

log = logging.getLogger(__name__)


async def listen(database_url: str, channel: str, wake: Callable[[], None]) -> asyncpg.Connection | None:
    """The listening connection, or None when LISTEN is unavailable: the loop then polls only."""
    try:
        connection = await asyncpg.connect(asyncpg_dsn(database_url))
        await connection.add_listener(channel, lambda *_: wake())
    except (OSError, asyncpg.PostgresError) as exc:
        log.warning("LISTEN %s unavailable, polling only: %r", channel, exc)
        return None
    return connection
