"""Loading an RDV on behalf of an agent: what they may not see does not exist for them (404)."""

from dataclasses import dataclass

from rdv_contracts.directory import Motif

from booking.application.ports import UnitOfWork
from booking.domain.errors import RdvNotFound
from booking.domain.rdv import Rdv
from booking.domain.rights import AgentAccess


@dataclass(frozen=True)
class Scope:
    territory_id: int | None
    motif: Motif | None


async def scope_of(uow: UnitOfWork, rdv: Rdv) -> Scope:
    organisation = await uow.directory.organisation(rdv.organisation_id)
    return Scope(organisation.territory_id if organisation else None, await uow.directory.motif(rdv.motif_id))


async def visible_rdv(uow: UnitOfWork, access: AgentAccess, rdv_id: int, *, for_update: bool = False) -> Rdv:
    rdv = await uow.rdvs.get(rdv_id, for_update=for_update)
    if rdv is None:
        raise RdvNotFound()
    scope = await scope_of(uow, rdv)
    service_id = scope.motif.service_id if scope.motif else None
    if not access.may_see(rdv.organisation_id, scope.territory_id, service_id, rdv.agent_ids):
        raise RdvNotFound()
    return rdv
