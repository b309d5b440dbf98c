"""An organisation admin deletes an RDV for good.

Rules: admins of the RDV's organisation only (others get 403, foreign agents 404); no usager is
notified; a `rdv.destroyed` event with the last state lets calendars and webhooks follow.
"""

from booking.application.agent_access import visible_rdv
from booking.application.events import agent_actor, publish_destroyed
from booking.application.ports import Clock, UnitOfWorkFactory
from booking.domain.errors import NotAllowed
from booking.domain.rights import AgentAccess


async def delete_rdv(uow_factory: UnitOfWorkFactory, clock: Clock, access: AgentAccess, rdv_id: int) -> None:
    async with uow_factory() as uow:
        rdv = await visible_rdv(uow, access, rdv_id, for_update=True)
        if not access.may_delete(rdv.organisation_id):
            raise NotAllowed("Seuls les administrateurs de l'organisation peuvent supprimer un RDV.")
        rdv.touch(clock())
        publish_destroyed(uow, rdv, agent_actor(access.agent_id))
        await uow.rdvs.delete(rdv)
        await uow.commit()
