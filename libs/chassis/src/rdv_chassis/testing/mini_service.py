"""A minimal service for chassis tests: outbox, inbox and an effects table in its own database."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from rdv_contracts.envelope import EventEnvelope
from sqlalchemy import Column, Integer, MetaData, String, Table, func, insert, select
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from rdv_chassis.db.engine import create_engine, create_session_factory
from rdv_chassis.db.metadata import new_metadata
from rdv_chassis.db.tables import inbox_table, outbox_table
from rdv_chassis.messaging.unit_of_work import SqlUnitOfWork


@dataclass
class MiniService:
    url: str
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    metadata: MetaData
    outbox: Table
    inbox: Table
    effects: Table
    topic: str

    def uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.sessions, self.outbox, "test", resolve_topic=lambda _: self.topic)

    async def record_effect(self, session: AsyncSession, event: EventEnvelope) -> None:
        await session.execute(
            insert(self.effects).values(event_id=event.event_id, aggregate_id=event.aggregate_id)
        )

    async def effect_count(self) -> int:
        async with self.sessions() as session:
            return int((await session.execute(select(func.count()).select_from(self.effects))).scalar_one())

    async def effect_ids(self) -> list[uuid.UUID]:
        async with self.sessions() as session:
            return list((await session.execute(select(self.effects.c.event_id))).scalars())

    async def dispose(self) -> None:
        await self.engine.dispose()


async def mini_service(url: str, topic: str) -> MiniService:
    metadata = new_metadata()
    outbox = outbox_table(metadata)
    inbox = inbox_table(metadata)
    effects = Table(
        "effects",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("event_id", UUID(as_uuid=True), nullable=False),  # no unique: duplicates must show
        Column("aggregate_id", String(100), nullable=False),
    )
    engine = create_engine(url, pool_size=5)
    async with engine.begin() as conn:
        await conn.run_sync(metadata.create_all)
    return MiniService(url, engine, create_session_factory(engine), metadata, outbox, inbox, effects, topic)


def sample_event(aggregate_id: str = "agg-1", n: int = 0) -> EventEnvelope:
    return EventEnvelope(
        event_id=uuid.uuid4(),
        event_type="test.happened",
        schema_version=1,
        occurred_at=datetime.now(UTC),
        producer="test",
        aggregate_id=aggregate_id,
        organisation_id=None,
        payload={"n": n},
    )
