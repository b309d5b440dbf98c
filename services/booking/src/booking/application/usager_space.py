"""The usager's space: their RDVs and their relatives', upcoming and past, and cancelling one.

Rules: RDVs of invisible motifs are not shown; cancelling follows `cancel_rdv_by_user`.
"""

from datetime import datetime

from rdv_contracts.directory import VisibilityType

from booking.application.cancel_rdv_by_user import cancel_participation
from booking.application.events import user_actor
from booking.application.ports import Clock, UnitOfWorkFactory
from booking.application.usager_access import own_rdv, own_user_ids
from booking.domain.rdv import Rdv


async def my_rdvs(uow_factory: UnitOfWorkFactory, user_id: int) -> list[Rdv]:
    async with uow_factory() as uow:
        rdvs = await uow.rdvs.of_users(sorted(await own_user_ids(uow, user_id)))
        visible = []
        for rdv in rdvs:
            motif = await uow.directory.motif(rdv.motif_id)
            if motif is None or motif.visibility_type is not VisibilityType.INVISIBLE:
                visible.append(rdv)
        return visible


def split_upcoming(rdvs: list[Rdv], now: datetime) -> tuple[list[Rdv], list[Rdv]]:
    upcoming = [r for r in rdvs if r.ends_at >= now]
    return upcoming, [r for r in rdvs if r.ends_at < now]


async def cancel_my_rdv(uow_factory: UnitOfWorkFactory, clock: Clock, user_id: int, rdv_id: int) -> Rdv:
    async with uow_factory() as uow:
        rdv, participation = await own_rdv(uow, user_id, rdv_id)
        await cancel_participation(uow, rdv, participation, clock(), user_actor(user_id))
        await uow.commit()
    return rdv
