"""Shared body of every service's Alembic env.py (online, async)."""

import asyncio
from collections.abc import Callable

from alembic import context
from sqlalchemy import MetaData, pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine


def run_migrations(target_metadata: MetaData, default_url: Callable[[], str]) -> None:
    """Tests pass the URL as `sqlalchemy.url`; deployments get it from the service settings."""
    url = context.config.get_main_option("sqlalchemy.url") or default_url()
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=target_metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    asyncio.run(_run_online(url, target_metadata))


async def _run_online(url: str, target_metadata: MetaData) -> None:
    engine = create_async_engine(url, poolclass=pool.NullPool)
    async with engine.connect() as connection:
        await connection.run_sync(_configure_and_run, target_metadata)
    await engine.dispose()


def _configure_and_run(connection: Connection, target_metadata: MetaData) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()
