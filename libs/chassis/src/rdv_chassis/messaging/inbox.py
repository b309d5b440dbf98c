"""Processes one Kafka record once in effect: the inbox row and the handler's effects share a transaction.

A record that keeps failing is retried a bounded number of times, then published to the
dead-letter topic so the partition keeps flowing. Infrastructure failures (database down) are
not the record's fault: they propagate so the subscriber rewinds and reads the record again later.
A record whose reference never arrives (`NotYetAvailable` for longer than the patience) is
dead-lettered too, so one lost entity cannot block its partition for ever.
"""

import asyncio
import logging
import time
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from enum import StrEnum
from typing import Protocol

from pydantic import ValidationError
from rdv_contracts.envelope import EventEnvelope
from sqlalchemy import Table
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from rdv_chassis.messaging.incoming import IncomingRecord
from rdv_chassis.messaging.records import TOMBSTONE_EVENT_TYPE
from rdv_chassis.observability.correlation import correlation_scope

log = logging.getLogger(__name__)

EventHandler = Callable[[AsyncSession, EventEnvelope], Awaitable[None]]
TombstoneHandler = Callable[[AsyncSession, str], Awaitable[None]]


class Outcome(StrEnum):
    PROCESSED = "processed"
    DUPLICATE = "duplicate"
    IGNORED = "ignored"
    DEAD_LETTERED = "dead_lettered"


class DeadLetterSink(Protocol):
    async def dead_letter(self, record: IncomingRecord, reason: str) -> None: ...


class MalformedRecord(Exception):
    pass


class NotYetAvailable(Exception):
    """Raised by a handler whose event refers to something this service has not received yet
    (an RDV of a motif still on its way): the record is read again later, and dead-lettered only
    once the processor's patience is spent."""


def is_infrastructure_error(exc: BaseException) -> bool:
    if isinstance(exc, NotYetAvailable | OperationalError | InterfaceError | OSError | ConnectionError):
        return True
    return isinstance(exc, DBAPIError) and exc.connection_invalidated


class InboxProcessor:
    def __init__(
        self,
        consumer: str,
        session_factory: async_sessionmaker[AsyncSession],
        inbox: Table,
        handlers: Mapping[str, EventHandler],
        dead_letters: DeadLetterSink,
        *,
        on_tombstone: TombstoneHandler | None = None,
        max_attempts: int = 3,
        retry_delay: float = 0.2,
        rewind_delay: float = 1.0,
        not_yet_available_patience: float = 600.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.consumer = consumer
        self._session_factory = session_factory
        self._inbox = inbox
        self._handlers = handlers
        self._dead_letters = dead_letters
        self._on_tombstone = on_tombstone
        self._max_attempts = max_attempts
        self._retry_delay = retry_delay
        self._rewind_delay = rewind_delay
        self._patience = not_yet_available_patience
        self._clock = clock
        self._waiting_since: dict[tuple[str, int, int], float] = {}

    async def process(self, record: IncomingRecord) -> Outcome:
        with correlation_scope(record.header("correlation_id")):
            try:
                event_id = _event_id(record)
            except MalformedRecord as exc:
                return await self._dead_letter(record, f"malformed: {exc}")
            last_error = ""
            for attempt in range(1, self._max_attempts + 1):
                try:
                    outcome = await self._apply_once(record, event_id)
                    self._waiting_since.pop(_position(record), None)
                    return outcome
                except MalformedRecord as exc:
                    return await self._dead_letter(record, f"malformed: {exc}")
                except Exception as exc:
                    if isinstance(exc, NotYetAvailable) and self._patience_spent(record):
                        return await self._dead_letter(
                            record, f"not available after {self._patience:g} s: {exc}"
                        )
                    if is_infrastructure_error(exc):
                        await asyncio.sleep(self._rewind_delay)  # the subscriber rewinds right away
                        raise
                    last_error = f"{type(exc).__name__}: {exc}"
                    log.warning(
                        "%s: attempt %d failed on %s@%d: %s",
                        self.consumer,
                        attempt,
                        record.topic,
                        record.offset,
                        last_error,
                    )
                    await asyncio.sleep(self._retry_delay * attempt)
            return await self._dead_letter(record, f"failed {self._max_attempts} times: {last_error}")

    async def process_batch(self, records: Sequence[IncomingRecord]) -> list[Outcome]:
        """One transaction, one inbox insert for a whole batch of records: the throughput path.

        Any failure rolls the batch back and replays it record by record through `process`,
        which retries, dead-letters or rewinds each one exactly as it would alone.
        """
        if len(records) <= 1:
            return [await self.process(record) for record in records]
        try:
            return await self._apply_batch(records)
        except Exception as exc:
            if is_infrastructure_error(exc) and not isinstance(exc, NotYetAvailable):
                await asyncio.sleep(self._rewind_delay)
                raise
            return [await self.process(record) for record in records]

    async def _apply_batch(self, records: Sequence[IncomingRecord]) -> list[Outcome]:
        event_ids = [_event_id(record) for record in records]
        async with self._session_factory() as session, session.begin():
            fresh = await self._claim(session, event_ids)
            outcomes = []
            for record, event_id in zip(records, event_ids, strict=True):
                if event_id not in fresh:
                    outcomes.append(Outcome.DUPLICATE)
                    continue
                fresh.discard(event_id)  # the same event twice in one batch is applied once
                with correlation_scope(record.header("correlation_id")):
                    outcomes.append(await self._apply(session, record))
            return outcomes

    async def _apply_once(self, record: IncomingRecord, event_id: uuid.UUID) -> Outcome:
        async with self._session_factory() as session, session.begin():
            if not await self._claim(session, [event_id]):
                return Outcome.DUPLICATE
            return await self._apply(session, record)

    async def _claim(self, session: AsyncSession, event_ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
        """Inbox rows for the events not seen before; returns those (the others are duplicates)."""
        # One statement compiled once (parameters apart), whatever the batch size: every record pays it.
        inserted = await session.execute(
            insert(self._inbox).on_conflict_do_nothing().returning(self._inbox.c.event_id),
            [{"consumer": self.consumer, "event_id": event_id} for event_id in set(event_ids)],
        )
        return set(inserted.scalars())

    async def _apply(self, session: AsyncSession, record: IncomingRecord) -> Outcome:
        if record.value is None:
            if self._on_tombstone is None:
                return Outcome.IGNORED
            await self._on_tombstone(session, record.key_text)
            return Outcome.PROCESSED
        envelope = _envelope(record)
        handler = self._handlers.get(envelope.event_type)
        if handler is None:
            return Outcome.IGNORED  # consumers ignore event types they do not know
        await handler(session, envelope)
        return Outcome.PROCESSED

    def _patience_spent(self, record: IncomingRecord) -> bool:
        first_seen = self._waiting_since.setdefault(_position(record), self._clock())
        return self._clock() - first_seen >= self._patience

    async def _dead_letter(self, record: IncomingRecord, reason: str) -> Outcome:
        self._waiting_since.pop(_position(record), None)
        log.error(
            "%s: dead-lettering %s@%d/%d: %s",
            self.consumer,
            record.topic,
            record.partition,
            record.offset,
            reason,
        )
        await self._dead_letters.dead_letter(record, reason)
        return Outcome.DEAD_LETTERED


def _position(record: IncomingRecord) -> tuple[str, int, int]:
    return (record.topic, record.partition, record.offset)


def _event_id(record: IncomingRecord) -> uuid.UUID:
    header = record.header("event_id")
    if header is None and record.value is not None:
        return _envelope(record).event_id
    if header is None:
        raise MalformedRecord("tombstone without an event_id header")
    try:
        return uuid.UUID(header)
    except ValueError as exc:
        raise MalformedRecord(f"event_id header is not a uuid: {header!r}") from exc


def _envelope(record: IncomingRecord) -> EventEnvelope:
    assert record.value is not None
    if record.header("event_type") == TOMBSTONE_EVENT_TYPE:
        raise MalformedRecord("tombstone header on a record with a value")
    try:
        return EventEnvelope.from_wire(record.value)
    except (ValidationError, ValueError, UnicodeDecodeError) as exc:
        raise MalformedRecord(str(exc)[:500]) from exc
