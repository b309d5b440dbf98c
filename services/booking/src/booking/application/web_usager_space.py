"""The usager space page: recaps of their and their relatives' RDVs, upcoming first then past.

Rules: those of `usager_space.my_rdvs` (invisible motifs hidden); upcoming ones in date order,
past ones most recent first; each recap says whether it can still be cancelled or moved online.
"""

from dataclasses import dataclass

from booking.application.ports import Clock, UnitOfWorkFactory
from booking.application.recap import Recap, recap_of
from booking.application.usager_space import my_rdvs, split_upcoming


@dataclass(frozen=True)
class SpaceRecaps:
    upcoming: list[Recap]
    past: list[Recap]
    names: dict[int, str]
    """Display names of the usager and their relatives, by user id."""


async def space_recaps(uow_factory: UnitOfWorkFactory, clock: Clock, user_id: int) -> SpaceRecaps:
    now = clock()
    upcoming, past = split_upcoming(await my_rdvs(uow_factory, user_id), now)
    async with uow_factory() as uow:
        people = [await uow.directory.user(user_id), *await uow.directory.relatives(user_id)]
        names = {u.id: f"{u.first_name} {u.last_name}".strip() for u in people if u is not None}
        return SpaceRecaps(
            [await recap_of(uow, rdv, now) for rdv in sorted(upcoming, key=lambda r: r.starts_at)],
            [await recap_of(uow, rdv, now) for rdv in sorted(past, key=lambda r: r.starts_at, reverse=True)],
            names,
        )
