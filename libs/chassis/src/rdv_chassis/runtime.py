"""What every service process is made of: its database handle, and the API and worker runners."""

import asyncio
import contextlib
import logging
import signal
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass

import uvicorn
from fastapi import APIRouter, FastAPI
from faststream.kafka import KafkaBroker
from sqlalchemy import MetaData, Table
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from rdv_chassis.db.engine import create_engine, create_session_factory
from rdv_chassis.errors import ErrorMapping
from rdv_chassis.messaging.broker import BrokerDeadLetters, new_broker
from rdv_chassis.messaging.kafka_sender import KafkaSender
from rdv_chassis.messaging.relay import OutboxRelay
from rdv_chassis.messaging.topics import ensure_topics
from rdv_chassis.messaging.unit_of_work import SqlUnitOfWork
from rdv_chassis.observability.logging import configure_logging
from rdv_chassis.settings import ServiceSettings
from rdv_chassis.web.app import create_api
from rdv_chassis.web.asyncapi import asyncapi_router
from rdv_chassis.web.readiness import database_check, kafka_check

log = logging.getLogger(__name__)


@dataclass
class Database:
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    metadata: MetaData
    outbox: Table
    inbox: Table
    producer: str

    @classmethod
    def connect(cls, settings: ServiceSettings, metadata: MetaData) -> "Database":
        engine = create_engine(settings.database_url, pool_size=settings.database_pool_size)
        return cls(
            engine,
            create_session_factory(engine),
            metadata,
            metadata.tables["outbox"],
            metadata.tables["inbox"],
            settings.service_name,
        )

    def unit_of_work(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.sessions, self.outbox, self.producer)


Subscription = Callable[[KafkaBroker, BrokerDeadLetters, Database], None]


def service_api(
    settings: ServiceSettings,
    database: Database,
    *,
    version: str,
    routers: Sequence[APIRouter],
    error_mapping: ErrorMapping | None = None,
    description: str = "",
    on_shutdown: Sequence[Callable[[], Awaitable[None]]] = (),
) -> FastAPI:
    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        for close in on_shutdown:
            await close()
        await database.engine.dispose()

    return create_api(
        service=settings.service_name,
        version=version,
        routers=[*routers, asyncapi_router(settings.service_name)],
        error_mapping=error_mapping or {},
        readiness_checks={
            "database": database_check(database.engine),
            "kafka": kafka_check(settings.kafka_bootstrap_servers),
        },
        lifespan=lifespan,
        description=description,
    )


async def run_worker(
    settings: ServiceSettings, database: Database, subscriptions: Sequence[Subscription]
) -> None:
    """Relay + subscribers + a small health/metrics server, until SIGTERM or SIGINT."""
    configure_logging(f"{settings.service_name}-worker", settings.log_level, json=settings.log_json)
    await _retry_until_kafka_answers(settings)
    broker = new_broker(settings.kafka_bootstrap_servers, f"{settings.service_name}-worker")
    for subscribe in subscriptions:
        subscribe(broker, BrokerDeadLetters(broker), database)
    relay = OutboxRelay(
        database.engine,
        KafkaSender(
            settings.kafka_bootstrap_servers,
            f"{settings.service_name}-relay",
            settings.outbox_send_timeout_seconds,
        ),
        batch_size=settings.outbox_batch_size,
        poll_interval=settings.outbox_poll_interval_seconds,
    )
    health = _EmbeddedServer(
        uvicorn.Config(
            worker_health_app(settings, database),
            host=settings.http_host,
            port=settings.worker_http_port,
            log_config=None,
            lifespan="off",
        )
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await broker.start()
    tasks = [asyncio.create_task(relay.run(settings.database_url)), asyncio.create_task(health.serve())]
    log.info("worker started")
    await stop.wait()
    relay.stop()
    health.should_exit = True
    await broker.stop()
    await asyncio.gather(*tasks, return_exceptions=True)
    await database.engine.dispose()


class _EmbeddedServer(uvicorn.Server):
    """Leaves SIGTERM to the worker, which must stop the relay and the broker first."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def worker_health_app(settings: ServiceSettings, database: Database) -> FastAPI:
    return create_api(
        service=f"{settings.service_name}-worker",
        version="1",
        routers=[],
        error_mapping={},
        readiness_checks={
            "database": database_check(database.engine),
            "kafka": kafka_check(settings.kafka_bootstrap_servers),
        },
    )


async def _retry_until_kafka_answers(settings: ServiceSettings) -> None:
    delay = 0.5
    while True:
        try:
            await ensure_topics(settings.kafka_bootstrap_servers)
            return
        except Exception as exc:
            log.warning("kafka not ready (%r); retrying in %.1fs", exc, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 10)


def serve_api(settings: ServiceSettings, app_factory: Callable[[], FastAPI]) -> None:
    configure_logging(settings.service_name, settings.log_level, json=settings.log_json)
    uvicorn.run(
        app_factory(),
        host=settings.http_host,
        port=settings.http_port,
        log_config=None,
        proxy_headers=True,
        forwarded_allow_ips="127.0.0.1",
    )


def serve_worker(
    settings: ServiceSettings, database: Database, subscriptions: Sequence[Subscription]
) -> None:
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run_worker(settings, database, subscriptions))
