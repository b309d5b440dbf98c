"""Schedule, move or drop an RDV's reminder when the RDV is booked, moved or cancelled."""

from dataclasses import dataclass

from rdv_contracts.booking import RdvStatus

from notifications.application.ports import Clock, Holidays, LocalCopies, Reminders
from notifications.domain.rdv_change import ChangeKind, RdvChange
from notifications.domain.reminder_rule import reminder_due_at


@dataclass(frozen=True)
class ScheduleReminder:
    """Business rules (product decisions, "Notifications"):

    - due 48 hours before the start, Sundays and the territory's holidays not counting, in its time zone;
    - moved with the RDV, dropped when it is cancelled or deleted;
    - an RDV booked (or moved) less than that ahead gets no reminder: the confirmation suffices;
    - events older than the stored RDV version change nothing.
    """

    copies: LocalCopies
    reminders: Reminders
    holidays: Holidays
    clock: Clock

    async def __call__(self, change: RdvChange) -> None:
        rdv = change.rdv
        if change.kind == ChangeKind.DESTROYED or rdv.status != RdvStatus.UNKNOWN:
            await self.reminders.save(rdv, None)
            return
        organisation = await self.copies.organisation(rdv.organisation_id)
        territory = await self.copies.territory(organisation.territory_id) if organisation else None
        due_at = reminder_due_at(
            rdv.starts_at,
            territory.time_zone if territory else "Europe/Paris",
            self.holidays.for_territory(territory),
        )
        await self.reminders.save(rdv, due_at if due_at > self.clock() else None)
