"""The daily housekeeping: what this service no longer needs goes (GDPR art. 5(1)(e)).

Rules:
- webhook deliveries no longer pending (delivered, abandoned, gone) go 30 days after they were
  queued, with their bodies; pending ones stay, whatever their age;
- an erased usager is forgotten 30 days after the erasure, when no body queued before it can
  still be pending;
- Outlook consents never completed go once their one-hour lifetime is over;
- each consumer's inbox forgets an event id once Kafka can no longer deliver that event again
  (`domain/retention.py`); consumers of compacted topics never forget;
- batches of `batch_size` rows, each in its own transaction, so a backlog never holds long locks.
"""

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from calendar_sync.application.outlook_connection import FLOW_LIFETIME
from calendar_sync.application.ports import Clock, UnitOfWorkFactory
from calendar_sync.domain.retention import ERASURE_MEMORY, FINISHED_DELIVERY_RETENTION

if TYPE_CHECKING:
    from calendar_sync.application.ports import Stores

Purge = Callable[["Stores"], Awaitable[int]]


@dataclass
class PurgeOldRecords:
    unit_of_work: UnitOfWorkFactory
    clock: Clock
    inbox_retention: Mapping[str, timedelta] = field(default_factory=dict)
    """Consumer name → how long its inbox remembers an event id."""
    batch_size: int = 1000

    async def __call__(self) -> dict[str, int]:
        """How many rows went, by kind."""
        now, limit = self.clock(), self.batch_size
        purges: dict[str, Purge] = {
            "webhook_deliveries": lambda s: s.deliveries.purge_finished_before(
                now - FINISHED_DELIVERY_RETENTION, limit
            ),
            "erased_users": lambda s: s.erased_users.purge_erased_before(now - ERASURE_MEMORY),
            "outlook_authorisations": lambda s: s.outlook_authorisations.purge_started_before(
                now - FLOW_LIFETIME
            ),
        }
        for consumer, retention in self.inbox_retention.items():
            purges[f"inbox {consumer}"] = _inbox_purge(consumer, now - retention, limit)
        return {kind: await self._drain(purge) for kind, purge in purges.items()}

    async def _drain(self, purge: Purge) -> int:
        total = 0
        while True:
            async with self.unit_of_work() as uow:
                purged = await purge(uow.stores)
                await uow.commit()
            total += purged
            if purged < self.batch_size:
                return total


def _inbox_purge(consumer: str, cutoff: datetime, limit: int) -> Purge:
    return lambda s: s.inbox.purge_processed_before(consumer, cutoff, limit)
