"""One calendar-sync service against a throwaway database: API client, consumers, workers."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from calendar_sync.bootstrap import (
    Overrides,
    build_app,
    build_database,
    calendar_pusher,
    webhook_deliverer,
)
from calendar_sync.config import CalendarSyncSettings
from calendar_sync.entrypoints.subscriptions import consumers
from cryptography.fernet import Fernet
from rdv_chassis.auth.jwks import JwksClient
from rdv_chassis.auth.jwt import TokenVerifier
from rdv_chassis.auth.signing import SigningKey, generate_rsa_key, jwks_document, sign
from rdv_chassis.messaging.inbox import InboxProcessor, Outcome
from rdv_chassis.messaging.incoming import IncomingRecord
from rdv_chassis.messaging.records import OutgoingRecord
from rdv_chassis.runtime import Database
from rdv_chassis.testing.migrations import upgrade_head
from rdv_contracts.envelope import EventEnvelope
from rdv_contracts.registry import spec_for
from sqlalchemy import text

ALEMBIC_INI = Path(__file__).parents[3] / "alembic.ini"
KEY: SigningKey = generate_rsa_key("calsync-test")


@dataclass
class FakeClock:
    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


class RecordingDeadLetters:
    def __init__(self) -> None:
        self.records: list[tuple[IncomingRecord, str]] = []

    async def dead_letter(self, record: IncomingRecord, reason: str) -> None:
        self.records.append((record, reason))


def test_settings(database_url: str, **changes: Any) -> CalendarSyncSettings:
    values: dict[str, Any] = {
        "environment": "test",
        "database_url": database_url,
        "encryption_key": Fernet.generate_key().decode(),
        "outbound_allowed_schemes": ("http", "https"),
        "outbound_allowed_networks": ("127.0.0.0/8",),
        "public_base_url": "https://rdv.example.gouv.fr",
        "webhook_timeout_seconds": 2.0,
        "consumer_retry_delay_seconds": 0.01,
    }
    return CalendarSyncSettings(**(values | changes))


@dataclass
class Harness:
    settings: CalendarSyncSettings
    database: Database
    overrides: Overrides
    clock: FakeClock
    client: httpx.AsyncClient
    processors: dict[str, InboxProcessor]
    dead_letters: RecordingDeadLetters
    consumer_of_topic: dict[str, str]

    def headers(
        self, subject: str = "agent:1", orgs: Iterable[tuple[int, str]] = (), territories: Iterable[int] = ()
    ) -> dict[str, str]:
        claims = {
            "sub": subject,
            "orgs": [{"id": org, "level": level} for org, level in orgs],
            "territories": list(territories),
        }
        token = sign(claims, KEY, self.settings.jwt_issuer, self.settings.jwt_audience, 300)
        return {"Authorization": f"Bearer {token}"}

    async def publish(self, *envelopes: EventEnvelope) -> list[Outcome]:
        outcomes = []
        for envelope in envelopes:
            topic = spec_for(envelope.event_type, envelope.schema_version).topic.name
            record = OutgoingRecord.from_envelope(envelope, topic, None)
            incoming = IncomingRecord(
                topic, 0, 0, record.key.encode(), record.value, tuple(record.kafka_headers())
            )
            processor = self.processors[self.consumer_of_topic[topic]]
            outcomes.append(await processor.process(incoming))
        return outcomes

    async def deliver_webhooks(self, overrides: Overrides | None = None) -> int:
        deliverer = webhook_deliverer(self.settings, self.database, overrides or self.overrides)
        total = 0
        while attempted := await deliverer.deliver_due():
            total += attempted
        return total

    async def rows(self, sql: str, **params: Any) -> list[Any]:
        async with self.database.engine.connect() as conn:
            return list((await conn.execute(text(sql), params)).mappings())


async def start_harness(database_url: str, overrides: Overrides | None = None, **settings: Any) -> Harness:
    await upgrade_head(ALEMBIC_INI, database_url)
    config = test_settings(database_url, **settings)
    database = build_database(config)
    clock = FakeClock()
    jwks = httpx.AsyncClient(
        transport=httpx.MockTransport(lambda _: httpx.Response(200, json=jwks_document([KEY])))
    )
    overrides = overrides or Overrides()
    overrides.clock = clock
    overrides.verifier = TokenVerifier(
        JwksClient(config.jwks_url, jwks), config.jwt_issuer, config.jwt_audience
    )
    app = build_app(config, database, overrides)
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://calendar-sync")
    dead_letters = RecordingDeadLetters()
    built = consumers(config, clock)
    processors = {
        consumer.name.removeprefix("calendar-sync."): consumer.processor(config, database, dead_letters)
        for consumer in built
    }
    by_topic = {topic: c.name.removeprefix("calendar-sync.") for c in built for topic in c.topics}
    return Harness(config, database, overrides, clock, client, processors, dead_letters, by_topic)


async def push_calendars(harness: Harness) -> int:
    pusher = calendar_pusher(harness.settings, harness.database, harness.overrides)
    total = 0
    while pushed := await pusher.push_due():
        total += pushed
    return total
