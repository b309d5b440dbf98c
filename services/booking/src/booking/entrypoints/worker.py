import asyncio
import contextlib

from booking.bootstrap import build_database, subscriptions
from booking.config import BookingSettings
from booking.entrypoints.export_jobs import run_with_export_jobs


def main() -> None:
    settings = BookingSettings()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run_with_export_jobs(settings, build_database(settings), subscriptions()))


if __name__ == "__main__":
    main()
