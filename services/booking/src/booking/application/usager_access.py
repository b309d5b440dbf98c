"""An usager acts for themselves and their relatives; other people's RDVs do not exist for them."""

from booking.application.ports import UnitOfWork
from booking.domain.errors import RdvNotFound
from booking.domain.participation import Participation
from booking.domain.rdv import Rdv


async def own_user_ids(uow: UnitOfWork, user_id: int) -> set[int]:
    return {user_id} | {relative.id for relative in await uow.directory.relatives(user_id)}


async def family_ids(uow: UnitOfWork, user_id: int) -> set[int]:
    """The responsible and all their relatives: a collective RDV takes one of them."""
    user = await uow.directory.user(user_id)
    root = user.responsible_id if user and user.responsible_id else user_id
    return await own_user_ids(uow, root)


async def own_rdv(uow: UnitOfWork, user_id: int, rdv_id: int) -> tuple[Rdv, Participation]:
    rdv = await uow.rdvs.get(rdv_id, for_update=True)
    mine = await own_user_ids(uow, user_id)
    participation = next((p for p in rdv.participations if p.user_id in mine), None) if rdv else None
    if rdv is None or participation is None:
        raise RdvNotFound()
    return rdv, participation
