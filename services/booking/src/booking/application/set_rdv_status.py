"""An agent sets an RDV's status; cancelling is setting `revoked` (or `excused` for the usager).

Rules: any status at any time, past or future; a collective RDV is only unknown, seen or revoked;
participations follow (those cancelled on their own stay cancelled, except on a reset to unknown);
an RDV brought back from cancelled must find its time free again, or be forced.
"""

from dataclasses import dataclass

from rdv_contracts.booking import RdvStatus

from booking.application.agent_access import visible_rdv
from booking.application.events import agent_actor, publish_changed
from booking.application.placement import place_for_agent
from booking.application.ports import Clock, UnitOfWorkFactory
from booking.domain.rdv import Rdv
from booking.domain.rights import AgentAccess
from booking.domain.snapshot import snapshot


@dataclass(frozen=True)
class SetRdvStatus:
    rdv_id: int
    status: RdvStatus
    force: bool = False


async def set_rdv_status(
    uow_factory: UnitOfWorkFactory, clock: Clock, access: AgentAccess, cmd: SetRdvStatus
) -> Rdv:
    async with uow_factory() as uow:
        rdv = await visible_rdv(uow, access, cmd.rdv_id, for_update=True)
        before = snapshot(rdv)
        was_cancelled = rdv.is_cancelled
        rdv.set_status(cmd.status, clock())
        if was_cancelled and not rdv.is_cancelled:
            await place_for_agent(uow.rdvs, rdv, force=cmd.force)
        if rdv.status == before.status and snapshot(rdv) == before:
            return rdv
        rdv.touch(clock())
        await uow.rdvs.save(rdv)
        publish_changed(uow, before, rdv, agent_actor(access.agent_id))
        await uow.commit()
    return rdv
