"""A notifications service on a migrated database, a real SMTP server (aiosmtpd) and a local
HTTP server speaking Brevo's transactional SMS API."""

import asyncio
import email
import itertools
import socket
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from aiosmtpd.controller import Controller
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from notifications.adapters.sms.brevo import BrevoSms
from notifications.adapters.sms.logging_gateway import LoggingSms
from notifications.adapters.tables import metadata
from notifications.bootstrap import Services, build_mailer
from notifications.config import NotificationsSettings
from notifications.entrypoints.subscribers import consumers
from notifications.entrypoints.worker import fire_reminders
from rdv_chassis.messaging.inbox import InboxProcessor, Outcome
from rdv_chassis.messaging.incoming import IncomingRecord
from rdv_chassis.messaging.records import OutgoingRecord
from rdv_chassis.runtime import Database
from rdv_chassis.testing.migrations import upgrade_head
from rdv_contracts.envelope import EventEnvelope
from rdv_contracts.registry import spec_for
from sqlalchemy import select, text

ALEMBIC_INI = Path(__file__).parents[2] / "alembic.ini"
CALLBACK_TOKEN = "callback-token-for-the-tests-0123456789"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class MailSink:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(email.message_from_bytes(envelope.content, policy=default_policy))  # type: ignore[arg-type]
        return "250 OK"


class SmtpServer:
    def __init__(self, port: int) -> None:
        self.port = port
        self.sink = MailSink()
        self._controller: Controller | None = None

    def start(self) -> None:
        self._controller = Controller(self.sink, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def messages(self) -> list[EmailMessage]:
        return self.sink.messages

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    server = SmtpServer(free_port())
    server.start()
    yield server
    server.stop()


@dataclass
class FakeBrevo:
    """Answers POST /v3/transactionalSMS/send like Brevo: 201 {"messageId": n}, `api-key` required."""

    api_key: str = "brevo-test-key"
    requests: list[dict[str, Any]] = field(default_factory=list)
    ids: Iterator[int] = field(default_factory=lambda: itertools.count(1511882900176220))
    port: int = 0

    def app(self) -> FastAPI:
        app = FastAPI()

        @app.post("/v3/transactionalSMS/send")
        async def send(request: Request) -> JSONResponse:
            if request.headers.get("api-key") != self.api_key:
                return JSONResponse({"code": "unauthorized", "message": "Key not found"}, status_code=401)
            body = await request.json()
            if not body.get("recipient") or not body.get("content") or not body.get("sender"):
                return JSONResponse({"code": "missing_parameter", "message": "missing"}, status_code=400)
            self.requests.append(body)
            return JSONResponse({"messageId": next(self.ids)}, status_code=201)

        return app


@pytest.fixture
async def brevo() -> AsyncIterator[FakeBrevo]:
    fake = FakeBrevo(port=free_port())
    server = uvicorn.Server(uvicorn.Config(fake.app(), host="127.0.0.1", port=fake.port, log_config=None))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.02)
    yield fake
    server.should_exit = True
    await task


class Clock:
    """Real time, moved forward by the tests."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def advance(self, delta: timedelta) -> None:
        self.offset += delta


class DeadLetters:
    def __init__(self) -> None:
        self.records: list[tuple[IncomingRecord, str]] = []

    async def dead_letter(self, record: IncomingRecord, reason: str) -> None:
        self.records.append((record, reason))


@dataclass
class World:
    services: Services
    database: Database
    clock: Clock
    processors: dict[str, InboxProcessor]
    dead_letters: DeadLetters
    http: httpx.AsyncClient

    async def feed(self, *envelopes: EventEnvelope) -> list[Outcome]:
        outcomes = []
        for event in envelopes:
            topic = spec_for(event.event_type, event.schema_version).topic.name
            record = OutgoingRecord.from_envelope(event, topic, None)
            incoming = IncomingRecord(
                topic, 0, 0, record.key.encode(), record.value, tuple(record.kafka_headers())
            )
            outcomes.append(await self.processors[topic].process(incoming))
        return outcomes

    async def dispatch(self) -> int:
        """Sends every delivery due now."""
        total = 0
        while sent := await self.services.dispatcher()():
            total += sent
        return total

    async def fire_reminders(self) -> int:
        return await fire_reminders(self.services)

    async def rows(self, query: str, **params: Any) -> list[dict[str, Any]]:
        async with self.database.engine.connect() as conn:
            return [dict(r) for r in (await conn.execute(text(query), params)).mappings()]

    async def deliveries(self) -> list[dict[str, Any]]:
        async with self.database.engine.connect() as conn:
            table = metadata.tables["deliveries"]
            return [dict(r) for r in (await conn.execute(select(table).order_by(table.c.id))).mappings()]


def make_settings(url: str, smtp_port: int, brevo_port: int) -> NotificationsSettings:
    return NotificationsSettings(
        database_url=url,
        environment="development",
        public_base_url="https://rdv.example.fr",
        smtp_port=smtp_port,
        brevo_api_key="brevo-test-key",
        brevo_base_url=f"http://127.0.0.1:{brevo_port}/v3",
        sms_callback_token=CALLBACK_TOKEN,
        link_secret="link-secret-for-the-tests-0123456789",
        dispatch_first_retry_seconds=1,
        dispatch_max_attempts=4,
        consumer_retry_delay_seconds=0.01,
    )


async def make_world(url: str, smtp_port: int, brevo: FakeBrevo) -> tuple[World, Database]:
    await upgrade_head(ALEMBIC_INI, url)
    settings = make_settings(url, smtp_port, brevo.port)
    database = Database.connect(settings, metadata)
    http = httpx.AsyncClient()
    clock = Clock()
    gateways = {
        LoggingSms.name: LoggingSms(),
        BrevoSms.name: BrevoSms(
            http, "brevo-test-key", "RdvSoli", "https://rdv.example.fr/cb", brevo_url(brevo)
        ),
    }
    services = Services(settings, database, clock=clock, mailer=build_mailer(settings), sms_gateways=gateways)
    dead_letters = DeadLetters()
    processors = {}
    for consumer in consumers(services):
        for topic in consumer.topics:
            processors[topic] = consumer.processor(services, database, dead_letters)
    return World(services, database, clock, processors, dead_letters, http), database


def brevo_url(brevo: FakeBrevo) -> str:
    return f"http://127.0.0.1:{brevo.port}/v3"


@pytest.fixture
async def world(make_database, smtp_server: SmtpServer, brevo: FakeBrevo) -> AsyncIterator[World]:
    built, database = await make_world(await make_database(), smtp_server.port, brevo)
    yield built
    await built.http.aclose()
    await database.engine.dispose()


@dataclass
class Directory:
    territory: Any
    organisation: Any
    service: Any
    motif: Any
    lieu: Any
    user: Any
    agent: Any
    other_agent: Any


async def publish_directory(
    world: World,
    *,
    motif: dict[str, Any] | None = None,
    user: dict[str, Any] | None = None,
    agent: dict[str, Any] | None = None,
    territory: dict[str, Any] | None = None,
) -> Directory:
    from notifications.testing import factories as f

    t = f.territory(**{"sms_provider": "send_in_blue", **(territory or {})})
    o = f.organisation(t.id)
    s = f.service()
    m = f.motif(o.id, s.id, **(motif or {}))
    lieu = f.lieu(o.id)
    u = f.user(**(user or {}))
    a = f.agent(**(agent or {}))
    other = f.agent(first_name="Dominique", last_name="Bernard")
    await world.feed(
        f.wrap(t, t.id),
        f.wrap(o, o.id),
        f.wrap(s, s.id),
        f.wrap(m, m.id, o.id),
        f.wrap(lieu, lieu.id, o.id),
        f.wrap(u, u.id),
        f.wrap(a, a.id),
        f.wrap(other, other.id),
    )
    return Directory(t, o, s, m, lieu, u, a, other)
