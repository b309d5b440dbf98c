"""Checks every service's migrations the same way: up, down, up, and no drift from the tables in code."""

import asyncio
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import MetaData, inspect
from sqlalchemy.ext.asyncio import create_async_engine


def alembic_config(alembic_ini: Path, url: str) -> Config:
    config = Config(str(alembic_ini))
    config.set_main_option("script_location", str(alembic_ini.parent / "migrations"))
    config.set_main_option("sqlalchemy.url", url)
    return config


async def upgrade_head(alembic_ini: Path, url: str) -> None:
    await asyncio.to_thread(command.upgrade, alembic_config(alembic_ini, url), "head")


async def check_up_down_up(alembic_ini: Path, url: str, metadata: MetaData) -> None:
    config = alembic_config(alembic_ini, url)
    await asyncio.to_thread(command.upgrade, config, "head")
    await asyncio.to_thread(command.downgrade, config, "base")
    assert await _tables(url) <= {"alembic_version"}, "downgrade to base left tables behind"
    await asyncio.to_thread(command.upgrade, config, "head")
    diff = await _drift(url, metadata)
    assert diff == [], f"migrations differ from the tables in code: {diff}"


async def _tables(url: str) -> set[str]:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            return set(await conn.run_sync(lambda sync: inspect(sync).get_table_names()))
    finally:
        await engine.dispose()


async def _drift(url: str, metadata: MetaData) -> list[object]:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(
                lambda sync: compare_metadata(
                    MigrationContext.configure(sync, opts={"compare_type": True}), metadata
                )
            )
    finally:
        await engine.dispose()
