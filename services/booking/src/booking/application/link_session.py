"""What a link session (10 minutes after the right letters) allows: the recap, and cancelling.

Rules: the session is bound to one participation; cancelling follows `cancel_rdv_by_user`.
"""

from booking.application.cancel_rdv_by_user import cancel_participation, usager
from booking.application.open_link import token_hash
from booking.application.ports import Clock, UnitOfWork, UnitOfWorkFactory
from booking.application.recap import Recap, recap_of
from booking.domain.errors import LinkSessionExpired, RdvNotFound
from booking.domain.participation import Participation
from booking.domain.rdv import Rdv


async def _session_rdv(uow: UnitOfWork, clock: Clock, session_token: str) -> tuple[Rdv, Participation]:
    found = await uow.links.session(token_hash(session_token), clock())
    if found is None:
        raise LinkSessionExpired()
    rdv_id, participation_id = found
    rdv = await uow.rdvs.get(rdv_id, for_update=True)
    if rdv is None:
        raise RdvNotFound()
    return rdv, rdv.participation(participation_id)


async def recap_of_session(uow_factory: UnitOfWorkFactory, clock: Clock, session_token: str) -> Recap:
    async with uow_factory() as uow:
        rdv, _ = await _session_rdv(uow, clock, session_token)
        return await recap_of(uow, rdv, clock())


async def cancel_via_link(uow_factory: UnitOfWorkFactory, clock: Clock, session_token: str) -> Rdv:
    async with uow_factory() as uow:
        rdv, participation = await _session_rdv(uow, clock, session_token)
        await cancel_participation(uow, rdv, participation, clock(), usager(participation.user_id))
        await uow.commit()
    return rdv
