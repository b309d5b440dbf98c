from collections.abc import Callable
from typing import Any

from aiokafka.client import AIOKafkaClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from rdv_chassis.web.health import ReadinessCheck


def database_check(engine: AsyncEngine) -> ReadinessCheck:
    async def check() -> None:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))

    return check


def kafka_check(
    bootstrap_servers: str,
    request_timeout_ms: int = 1500,
    client_factory: Callable[..., Any] = AIOKafkaClient,
) -> ReadinessCheck:
    """Bootstraps a fresh client each time: a cached one would report a broker it lost as still there."""

    async def check() -> None:
        client = client_factory(bootstrap_servers=bootstrap_servers, request_timeout_ms=request_timeout_ms)
        try:
            await client.bootstrap()
        finally:
            await client.close()

    return check
