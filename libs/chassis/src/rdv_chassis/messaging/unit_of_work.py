"""The unit of work owns the transaction and writes pending events to the outbox in it."""

import functools
from collections.abc import Callable
from types import TracebackType
from typing import Self

from rdv_contracts.envelope import EventEnvelope
from sqlalchemy import Table, TextClause, bindparam, insert, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from rdv_chassis.messaging.records import OutgoingRecord
from rdv_chassis.observability.correlation import get_correlation_id

OUTBOX_CHANNEL = "outbox"

TopicResolver = Callable[[EventEnvelope], str]


def registry_topic(envelope: EventEnvelope) -> str:
    from rdv_contracts.registry import spec_for

    return spec_for(envelope.event_type, envelope.schema_version).topic.name


class SqlUnitOfWork:
    """`async with uow:` rolls back unless `await uow.commit()` is called.

    Repositories built on `uow.session` never commit; `commit()` adds the outbox rows of the
    events published during the unit and wakes the relay (NOTIFY is delivered only on commit).
    """

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        outbox: Table,
        producer: str,
        resolve_topic: TopicResolver = registry_topic,
    ) -> None:
        self._session_factory = session_factory
        self._outbox = outbox
        self._producer = producer
        self._resolve_topic = resolve_topic
        self._pending: list[OutgoingRecord] = []
        self._session: AsyncSession | None = None

    @property
    def session(self) -> AsyncSession:
        if self._session is None:
            raise RuntimeError("unit of work used outside `async with`")
        return self._session

    async def __aenter__(self) -> Self:
        self._session = self._session_factory()
        self._pending = []
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            await self.session.rollback()
        finally:
            await self.session.close()
            self._session = None
            self._pending = []

    def publish(self, envelope: EventEnvelope) -> None:
        record = OutgoingRecord.from_envelope(envelope, self._resolve_topic(envelope), get_correlation_id())
        self._pending.append(record)

    def publish_tombstone(self, topic: str, key: str) -> None:
        self._pending.append(OutgoingRecord.tombstone(topic, key, self._producer, get_correlation_id()))

    async def flush_events(self) -> None:
        """Write pending events now (still inside the transaction), e.g. before a savepoint."""
        if not self._pending:
            return
        if len(self._pending) == 1:  # most transactions: the row and the NOTIFY in one round trip
            await self.session.execute(_one_row_and_notify(self._outbox), _row(self._pending[0]))
        else:
            await self.session.execute(insert(self._outbox), [_row(record) for record in self._pending])
            await self.session.execute(text("SELECT pg_notify(:channel, '')"), {"channel": OUTBOX_CHANNEL})
        self._pending = []

    async def commit(self) -> None:
        await self.flush_events()
        await self.session.commit()


@functools.cache
def _one_row_and_notify(outbox: Table) -> TextClause:
    """Built once per outbox table, so SQLAlchemy compiles it once."""
    columns = ("event_id", "topic", "key", "event_type", "value", "headers")
    return text(
        f"WITH written AS (INSERT INTO {outbox.name} ({', '.join(columns)})"
        f" VALUES ({', '.join(':' + name for name in columns)}))"
        f" SELECT pg_notify('{OUTBOX_CHANNEL}', '')"
    ).bindparams(*(bindparam(name, type_=outbox.c[name].type) for name in columns))


def _row(record: OutgoingRecord) -> dict[str, object]:
    return {
        "event_id": record.event_id,
        "topic": record.topic,
        "key": record.key,
        "event_type": record.event_type,
        "value": record.value,
        "headers": record.headers,
    }
