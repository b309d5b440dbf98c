"""Anonymise the receipts older than six months, daily (product decisions, "Data protection")."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from notifications.application.ports import Clock, NotificationsUnit

# The shortest six calendar months (September to March): a few days early is no breach, late would be.
RETENTION = timedelta(days=181)


@dataclass(frozen=True)
class AnonymiseOldReceipts:
    """Business rules (reference §8.1, AnonymizeOldReceipts):

    - settled receipts created more than six months ago lose their recipient (address or phone
      number), their content (subject or SMS text) and their error message, which may quote the address;
    - their result, channel, event, RDV and organisation are kept for statistics and the RDV's history;
    - one batch per call, each in its own transaction, so a backlog never holds long locks.
    """

    units: Callable[[], NotificationsUnit]
    clock: Clock
    batch_size: int = 500

    async def __call__(self) -> int:
        """Returns how many receipts this batch anonymised (0: nothing left)."""
        now = self.clock()
        async with self.units() as unit:
            erased = await unit.store.anonymise_created_before(now - RETENTION, now, self.batch_size)
            await unit.commit()
        return erased
