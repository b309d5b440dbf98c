"""`python -m availability.entrypoints.retention`: the daily retention job (run it once a day)."""

import asyncio
import logging

from rdv_chassis.observability.logging import configure_logging

from availability.adapters.unit_of_work import SqlAgendaUnitOfWork
from availability.application.delete_expired_plages import delete_expired_plages
from availability.bootstrap import build_database, utc_now
from availability.config import AvailabilitySettings

log = logging.getLogger(__name__)


async def run(settings: AvailabilitySettings) -> int:
    database = build_database(settings)
    try:
        deleted = await delete_expired_plages(lambda: SqlAgendaUnitOfWork(database), utc_now)
    finally:
        await database.engine.dispose()
    log.info("expired plages deleted: %d", deleted)
    return deleted


def main() -> None:
    settings = AvailabilitySettings()
    configure_logging(f"{settings.service_name}-retention", settings.log_level, json=settings.log_json)
    asyncio.run(run(settings))


if __name__ == "__main__":
    main()
