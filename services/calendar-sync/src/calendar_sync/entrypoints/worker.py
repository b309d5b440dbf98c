import asyncio
import contextlib

from rdv_chassis.runtime import run_worker

from calendar_sync.bootstrap import (
    build_database,
    calendar_pusher,
    housekeeping,
    subscriptions,
    webhook_deliverer,
)
from calendar_sync.config import CalendarSyncSettings
from calendar_sync.entrypoints.delivery_loop import run_delivery_loop
from calendar_sync.entrypoints.periodic import run_periodically


async def run(settings: CalendarSyncSettings) -> None:
    """The chassis worker (relay, subscribers, health) plus our outbound loop and the daily
    housekeeping, stopped with it."""
    database = build_database(settings)
    steps = [
        webhook_deliverer(settings, database).deliver_due,
        calendar_pusher(settings, database).push_due,
    ]
    loops = [
        asyncio.create_task(run_delivery_loop(steps, settings.delivery_poll_interval_seconds)),
        asyncio.create_task(
            run_periodically(
                "housekeeping", housekeeping(settings, database), settings.housekeeping_interval_seconds
            )
        ),
    ]
    try:
        await run_worker(settings, database, subscriptions(settings))
    finally:
        for loop in loops:
            loop.cancel()
        await asyncio.gather(*loops, return_exceptions=True)


def main() -> None:
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run(CalendarSyncSettings()))


if __name__ == "__main__":
    main()
