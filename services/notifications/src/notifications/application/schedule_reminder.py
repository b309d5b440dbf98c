"""Schedule, move or drop an RDV's reminder when the RDV is booked, moved or cancelled."""

from dataclasses import dataclass

from rdv_contracts.booking import RdvStatus

from notifications.application.ports import Clock, Holidays, LocalCopies, Reminders
from notifications.application.references import organisation_and_territory
from notifications.domain.rdv_change import ChangeKind, RdvChange
from notifications.domain.reminder_rule import reminder_due_at


@dataclass(frozen=True)
class ScheduleReminder:
    """Business rules (product decisions, "Notifications"):

    - due 48 hours before the start, Sundays and the territory's holidays not counting, in its time zone;
    - moved with the RDV, dropped when it is cancelled or deleted;
    - an RDV booked (or moved) less than that ahead gets no reminder: the confirmation suffices;
    - the organisation and territory copies must be here (LocalCopyMissing otherwise);
    - events older than the stored RDV version change nothing.
    """

    copies: LocalCopies
    reminders: Reminders
    holidays: Holidays
    clock: Clock

    async def __call__(self, change: RdvChange) -> None:
        rdv, now = change.rdv, self.clock()
        if change.kind == ChangeKind.DESTROYED or rdv.status != RdvStatus.UNKNOWN or rdv.starts_at <= now:
            await self.reminders.save(rdv, None)
            return
        _, territory = await organisation_and_territory(self.copies, rdv.organisation_id)
        due_at = reminder_due_at(rdv.starts_at, territory.time_zone, self.holidays.for_territory(territory))
        await self.reminders.save(rdv, due_at if due_at > now else None)
