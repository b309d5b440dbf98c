"""An agent reads the link of one participation, e.g. to give it to the usager on the phone.

Rules: the link is the one notifications sends (`/r/<rdv_id>/<token>`, token derived from the
participation, never stored); only agents who may see the RDV get it; it opens with the last-name
check like any link.
"""

from booking.application.agent_access import visible_rdv
from booking.application.ports import UnitOfWorkFactory
from booking.domain.errors import RdvNotFound
from booking.domain.link_token import participation_token
from booking.domain.rights import AgentAccess


async def participation_link(
    uow_factory: UnitOfWorkFactory, access: AgentAccess, link_secret: str, participation_id: int
) -> tuple[int, str]:
    """(rdv_id, token) of the participation."""
    async with uow_factory() as uow:
        rdv_id = await uow.rdvs.rdv_id_of_participation(participation_id)
        if rdv_id is None:
            raise RdvNotFound("Participation introuvable.")
        await visible_rdv(uow, access, rdv_id)
    return rdv_id, participation_token(link_secret, rdv_id, participation_id)
