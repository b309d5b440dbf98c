"""The worker process: relay and subscribers (chassis), plus the delivery, reminder and daily
anonymisation loops."""

import asyncio
import contextlib

import httpx
from rdv_chassis.runtime import run_worker

from notifications.adapters.deliveries_repository import DELIVERIES_CHANNEL
from notifications.adapters.wakeups import listen
from notifications.application.anonymise_old_receipts import AnonymiseOldReceipts
from notifications.application.send_due_reminders import SendDueReminders
from notifications.bootstrap import Services, build_database, build_services, subscriptions
from notifications.config import NotificationsSettings
from notifications.entrypoints.loops import PollingLoop
from notifications.entrypoints.subscribers import usager_messages


async def fire_reminders(services: Services) -> int:
    async with services.unit() as unit:
        fire = SendDueReminders(
            unit.copies, unit.reminders, unit.store, usager_messages(services, unit.copies), services.clock
        )
        due = await fire()
        await unit.commit()
        return due


def background_loops(services: Services) -> list[PollingLoop]:
    """The deliveries loop first: NOTIFY wakes it when new deliveries are recorded."""
    settings = services.settings
    return [
        PollingLoop("deliveries", services.dispatcher(), settings.dispatch_interval_seconds),
        PollingLoop("reminders", lambda: fire_reminders(services), settings.reminder_interval_seconds),
        PollingLoop(
            "receipts_anonymisation",
            AnonymiseOldReceipts(services.unit, services.clock),
            settings.anonymisation_interval_seconds,
        ),
    ]


async def run(settings: NotificationsSettings) -> None:
    database = build_database(settings)
    async with httpx.AsyncClient() as http:
        services = build_services(settings, database, http)
        loops = background_loops(services)
        tasks = [asyncio.create_task(loop.run()) for loop in loops]
        listener = await listen(settings.database_url, DELIVERIES_CHANNEL, loops[0].wake)
        try:
            await run_worker(settings, database, subscriptions(services))
        finally:
            if listener is not None:
                await listener.close()
            for loop in loops:
                loop.stop()
            await asyncio.gather(*tasks, return_exceptions=True)


def main() -> None:
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run(NotificationsSettings()))


if __name__ == "__main__":
    main()
