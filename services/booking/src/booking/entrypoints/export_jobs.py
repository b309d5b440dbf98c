"""The worker's export jobs beside the chassis worker: produce pending exports, purge expired ones.

Both poll the database, so a restarted worker picks up what was left; exports are claimed with
SKIP LOCKED, so several workers share them.
"""

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime

from rdv_chassis.runtime import Database, Subscription, run_worker

from booking.adapters.export_spreadsheet import xlsx_spreadsheet
from booking.adapters.export_unit_of_work import ExportsUnitOfWork
from booking.application.ports import Clock
from booking.application.produce_export import ProduceExport
from booking.application.purge_expired_exports import PurgeExpiredExports
from booking.config import BookingSettings

log = logging.getLogger(__name__)

EXPORT_POLL_SECONDS = 2.0
PURGE_EVERY_SECONDS = 24 * 3600.0


def export_jobs(database: Database, clock: Clock) -> list[tuple[str, Callable[[], Awaitable[int]], float]]:
    def units() -> ExportsUnitOfWork:
        return ExportsUnitOfWork(database.sessions, database.outbox, database.producer)

    return [
        ("exports", ProduceExport(units, xlsx_spreadsheet, clock), EXPORT_POLL_SECONDS),
        ("exports_purge", PurgeExpiredExports(units, clock), PURGE_EVERY_SECONDS),
    ]


async def repeat(name: str, step: Callable[[], Awaitable[int]], pause: float, stop: asyncio.Event) -> None:
    """Runs `step` again at once while it finds work, else after `pause` seconds."""
    while not stop.is_set():
        try:
            done = await step()
        except Exception:
            log.exception("%s: step failed", name)
            done = 0
        if done == 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), pause)


async def run_with_export_jobs(
    settings: BookingSettings, database: Database, subscriptions: Sequence[Subscription]
) -> None:
    stop = asyncio.Event()
    jobs = export_jobs(database, lambda: datetime.now(UTC))
    tasks = [asyncio.create_task(repeat(name, step, pause, stop)) for name, step, pause in jobs]
    try:
        await run_worker(settings, database, subscriptions)
    finally:
        stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)
