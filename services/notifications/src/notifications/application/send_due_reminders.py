"""Turn the reminders that are due into deliveries, once, whichever worker gets there first."""

import logging
import uuid
from dataclasses import dataclass

from rdv_contracts.booking import RdvSnapshot, RdvStatus
from rdv_contracts.notifications import ReceiptEvent

from notifications.application.ports import Clock, Deliveries, LocalCopies, Reminders
from notifications.application.rdv_view import load_rdv_view
from notifications.application.usager_messages import UsagerMessages
from notifications.domain.errors import LocalCopyMissing

log = logging.getLogger(__name__)


def reminder_event_id(rdv: RdvSnapshot) -> uuid.UUID:
    """Stable per RDV and start time: a reminder fired twice records its deliveries once."""
    return uuid.uuid5(rdv.uuid, f"reminder:{rdv.starts_at.isoformat()}")


@dataclass(frozen=True)
class SendDueReminders:
    """Business rules: never for a cancelled or started RDV (nor one in the waiting room); usagers
    only (agents get no reminders); the motif and contact rules of every usager notification apply."""

    copies: LocalCopies
    reminders: Reminders
    deliveries: Deliveries
    usagers: UsagerMessages
    clock: Clock

    async def __call__(self, limit: int = 100) -> int:
        """Returns how many reminders were due."""
        now = self.clock()
        due = await self.reminders.claim_due(now, limit)
        for rdv in due:
            if rdv.status == RdvStatus.UNKNOWN and rdv.starts_at > now:
                await self._remind(rdv)
            await self.reminders.mark_sent(rdv.id, now)
        return len(due)

    async def _remind(self, rdv: RdvSnapshot) -> int:
        try:
            view = await load_rdv_view(self.copies, rdv)
        except LocalCopyMissing as missing:
            log.warning("reminder of rdv %s not sent: %s", rdv.id, missing)
            return 0
        planned = await self.usagers.deliveries(
            reminder_event_id(rdv), ReceiptEvent.RDV_UPCOMING_REMINDER, view
        )
        return await self.deliveries.record(planned)
