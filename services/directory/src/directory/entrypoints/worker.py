import asyncio
import contextlib
import logging

from rdv_chassis.runtime import run_worker

from directory.application.context import Context
from directory.application.delete_inactive_users import delete_inactive_users
from directory.bootstrap import build_context, build_database, build_signer, subscriptions
from directory.config import DirectorySettings

log = logging.getLogger(__name__)


async def run_retention(ctx: Context, interval_seconds: float) -> None:
    """Daily data-retention job; a failed run is logged and retried at the next interval."""
    while True:
        try:
            deleted = await delete_inactive_users(ctx)
            log.info("retention: %d inactive usagers deleted", deleted)
        except Exception:
            log.exception("retention run failed")
        await asyncio.sleep(interval_seconds)


async def run(settings: DirectorySettings) -> None:
    database = build_database(settings)
    ctx = build_context(settings, database, build_signer(settings))
    retention = asyncio.create_task(run_retention(ctx, settings.retention_interval_seconds))
    try:
        await run_worker(settings, database, subscriptions())
    finally:
        retention.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await retention


def main() -> None:
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run(DirectorySettings()))


if __name__ == "__main__":
    main()
