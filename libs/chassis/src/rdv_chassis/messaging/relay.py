"""Moves outbox rows to Kafka: woken by LISTEN/NOTIFY, polling as a fallback.

A batch is claimed with FOR UPDATE SKIP LOCKED and stays locked until its rows are marked sent
after Kafka's acknowledgement, in the same transaction: two relays never publish the same row,
and a relay that dies mid-batch releases its rows to the next one (at-least-once).
"""

import asyncio
import contextlib
import logging
from typing import Protocol

import asyncpg
from sqlalchemy.ext.asyncio import AsyncEngine

from rdv_chassis.db.engine import asyncpg_dsn
from rdv_chassis.messaging import outbox_store
from rdv_chassis.messaging.kafka_sender import SendResult
from rdv_chassis.messaging.records import OutgoingRecord
from rdv_chassis.messaging.unit_of_work import OUTBOX_CHANNEL

log = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 5.0
PURGE_EVERY_SECONDS = 3600.0
KEEP_SENT_DAYS = 7  # sent rows stay a week for inspection, then go


class Sender(Protocol):
    async def send(self, batch: list[tuple[int, OutgoingRecord]]) -> SendResult: ...

    async def close(self) -> None: ...


class OutboxRelay:
    def __init__(
        self,
        engine: AsyncEngine,
        sender: Sender,
        *,
        batch_size: int = 200,
        poll_interval: float = 1.0,
    ) -> None:
        self._engine = engine
        self._sender = sender
        self._batch_size = batch_size
        self._poll_interval = poll_interval
        self._wakeup = asyncio.Event()
        self._stopping = asyncio.Event()
        self._next_purge = 0.0
        self.published = 0

    async def relay_once(self) -> SendResult:
        """Publish one batch; returns what was sent and what failed."""
        async with self._engine.connect() as conn, conn.begin():
            claimed = await outbox_store.claim(conn, self._batch_size)
            if not claimed:
                return SendResult()
            result = await self._sender.send([(row.position, row.record) for row in claimed])
            await outbox_store.mark_sent(conn, result.sent)
            await outbox_store.mark_failed(conn, result.failed, result.error or "unknown error")
        self.published += len(result.sent)
        return result

    async def drain(self) -> None:
        """Publish until the outbox is empty or Kafka refuses, backing off between failures."""
        backoff = 0.1
        while not self._stopping.is_set():
            result = await self.relay_once()
            if result.failed:
                log.warning("outbox relay: %d rows not published: %s", len(result.failed), result.error)
                await self._sleep(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF_SECONDS)
                continue
            if not result.sent:
                return
            backoff = 0.1

    async def run(self, database_url: str) -> None:
        """Run until `stop()`; `database_url` is used for the LISTEN connection."""
        listener = await self._listen(database_url)
        try:
            while not self._stopping.is_set():
                self._wakeup.clear()
                try:
                    await self.drain()
                except Exception:
                    log.exception("outbox relay cycle failed")
                    await self._sleep(MAX_BACKOFF_SECONDS)
                    continue
                await self._purge_when_due()
                await self._sleep(self._poll_interval, wake_on_notify=True)
                if listener is None or listener.is_closed():
                    listener = await self._listen(database_url)
        finally:
            if listener is not None and not listener.is_closed():
                await listener.close()
            await self._sender.close()

    async def _purge_when_due(self) -> None:
        now = asyncio.get_running_loop().time()
        if now < self._next_purge:
            return
        self._next_purge = now + PURGE_EVERY_SECONDS
        try:
            async with self._engine.begin() as conn:
                await outbox_store.purge_sent(conn, KEEP_SENT_DAYS)
        except Exception:
            log.exception("outbox purge failed")

    def stop(self) -> None:
        self._stopping.set()
        self._wakeup.set()

    async def _listen(self, database_url: str) -> asyncpg.Connection | None:
        try:
            conn = await asyncpg.connect(asyncpg_dsn(database_url))
            await conn.add_listener(OUTBOX_CHANNEL, lambda *_: self._wakeup.set())
            return conn
        except (OSError, asyncpg.PostgresError) as exc:
            log.warning("outbox relay: LISTEN unavailable, polling only: %r", exc)
            return None

    async def _sleep(self, seconds: float, *, wake_on_notify: bool = False) -> None:
        event = self._wakeup if wake_on_notify else self._stopping
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), timeout=seconds)
