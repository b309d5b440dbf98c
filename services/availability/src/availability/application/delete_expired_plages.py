"""Delete the plages d'ouverture that ended more than a year ago (product decisions, "Plages"; seeds:
"Les plages d'ouverture de plus d'un an sont automatiquement supprimées"), daily.

- Exceptional plages whose day, and recurring plages whose end date, is more than a year old.
  Open-ended recurring plages never expire.
- Each deletion publishes `plage_ouverture.deleted` with reason "rgpd", then a tombstone.
- Works in batches, each in its own transaction, so a long backlog never holds a long lock.
"""

from collections.abc import Callable
from datetime import timedelta

from availability.application.agenda_events import publish_plage_deleted
from availability.application.ports import AgendaUnitOfWork, Clock

RETENTION = timedelta(days=365)
BATCH = 200


async def delete_expired_plages(new_uow: Callable[[], AgendaUnitOfWork], clock: Clock) -> int:
    cutoff = clock().date() - RETENTION
    deleted = 0
    while True:
        async with new_uow() as uow:
            expired = await uow.plages.ended_before(cutoff, BATCH)
            for record in expired:
                await uow.plages.delete(record.id)
                publish_plage_deleted(uow, record, reason="rgpd")
            if expired:
                uow.catalog_changed()
            await uow.commit()
        deleted += len(expired)
        if len(expired) < BATCH:
            return deleted
