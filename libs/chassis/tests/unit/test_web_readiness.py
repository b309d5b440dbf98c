import asyncio
from typing import Any, cast

import httpx
import pytest
from fastapi import FastAPI
from rdv_chassis.observability.metrics import Metrics
from rdv_chassis.web.health import health_router
from rdv_chassis.web.readiness import database_check, kafka_check
from sqlalchemy.ext.asyncio import AsyncEngine


class FakeConnection:
    def __init__(self, statements: list[str], error: Exception | None) -> None:
        self.statements = statements
        self.error = error

    async def __aenter__(self) -> "FakeConnection":
        if self.error:
            raise self.error
        return self

    async def __aexit__(self, *_: object) -> None:
        return None

    async def execute(self, statement: Any) -> None:
        self.statements.append(str(statement))


class FakeEngine:
    def __init__(self, error: Exception | None = None) -> None:
        self.statements: list[str] = []
        self.error = error

    def connect(self) -> FakeConnection:
        return FakeConnection(self.statements, self.error)


class FakeKafkaClient:
    def __init__(self, fail: bool, **options: Any) -> None:
        self.options = options
        self.fail = fail
        self.closed = False

    async def bootstrap(self) -> None:
        if self.fail:
            raise ConnectionError("Unable to bootstrap from [('kafka', 9092)]")

    async def close(self) -> None:
        self.closed = True


async def test_database_check_runs_select_1():
    engine = FakeEngine()

    await database_check(cast(AsyncEngine, engine))()

    assert engine.statements == ["SELECT 1"]


async def test_database_check_fails_when_the_database_is_unreachable():
    with pytest.raises(OSError):
        await database_check(cast(AsyncEngine, FakeEngine(OSError("connection refused"))))()


@pytest.mark.parametrize("fail", [False, True])
async def test_kafka_check_bootstraps_and_always_closes_its_client(fail):
    clients: list[FakeKafkaClient] = []

    def factory(**options: Any) -> FakeKafkaClient:
        clients.append(FakeKafkaClient(fail, **options))
        return clients[-1]

    check = kafka_check("kafka:9092", client_factory=factory)

    if fail:
        with pytest.raises(ConnectionError):
            await check()
    else:
        await check()

    [client] = clients
    assert client.options["bootstrap_servers"] == "kafka:9092"
    assert client.closed


async def test_a_hanging_check_times_out_and_is_reported():
    async def hangs() -> None:
        await asyncio.sleep(10)

    app = FastAPI()
    app.include_router(health_router({"kafka": hangs}, Metrics(), timeout=0.05))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        response = await client.get("/health/ready")

    assert response.status_code == 503
    assert response.json()["checks"] == {"kafka": "timed out after 0.05s"}
