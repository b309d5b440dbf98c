"""An agent sets one usager's status in an RDV (`PATCH /participations/:id` of the reference API).

Rules: the RDV's status is recomputed from its participations: any seen makes it seen; an
individual RDV whose participations all agree takes their status; otherwise it is unknown.
"""

from dataclasses import dataclass

from rdv_contracts.booking import RdvStatus

from booking.application.agent_access import visible_rdv
from booking.application.events import agent_actor, publish_changed
from booking.application.ports import Clock, UnitOfWorkFactory
from booking.domain.errors import RdvNotFound
from booking.domain.rdv import Rdv
from booking.domain.rights import AgentAccess
from booking.domain.snapshot import snapshot


@dataclass(frozen=True)
class SetParticipationStatus:
    participation_id: int
    status: RdvStatus


async def set_participation_status(
    uow_factory: UnitOfWorkFactory, clock: Clock, access: AgentAccess, cmd: SetParticipationStatus
) -> Rdv:
    async with uow_factory() as uow:
        rdv_id = await uow.rdvs.rdv_id_of_participation(cmd.participation_id)
        if rdv_id is None:
            raise RdvNotFound("Participation introuvable.")
        rdv = await visible_rdv(uow, access, rdv_id, for_update=True)
        before = snapshot(rdv)
        rdv.set_participation_status(rdv.participation(cmd.participation_id), cmd.status, clock())
        rdv.touch(clock())
        await uow.rdvs.save(rdv)
        publish_changed(uow, before, rdv, agent_actor(access.agent_id))
        await uow.commit()
    return rdv
