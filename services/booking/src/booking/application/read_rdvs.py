"""What agents read: one RDV, filtered lists, and the "à renseigner" counts.

Rules: basic agents see their services' RDVs and their own; admins, the Secrétariat and territory
admins see the whole organisation; another organisation's RDVs do not exist for them (404).
Lists are paginated like the reference API v1.
"""

from dataclasses import dataclass, replace
from datetime import datetime

from booking.application.agent_access import visible_rdv
from booking.application.ports import RdvFilters, UnitOfWork, UnitOfWorkFactory
from booking.domain.errors import RdvNotFound
from booking.domain.rdv import Rdv
from booking.domain.rights import AgentAccess

DEFAULT_TIME_ZONE = "Europe/Paris"


@dataclass(frozen=True)
class RdvPage:
    rdvs: list[Rdv]
    total: int
    time_zone: str
    """The organisation's territory's: "À renseigner" flips at its midnight."""


async def time_zone_of(uow: UnitOfWork, organisation_id: int) -> str:
    organisation = await uow.directory.organisation(organisation_id)
    territory = await uow.directory.territory(organisation.territory_id) if organisation else None
    return territory.time_zone if territory else DEFAULT_TIME_ZONE


async def get_rdv(uow_factory: UnitOfWorkFactory, access: AgentAccess, rdv_id: int) -> RdvPage:
    async with uow_factory() as uow:
        rdv = await visible_rdv(uow, access, rdv_id)
        return RdvPage([rdv], 1, await time_zone_of(uow, rdv.organisation_id))


async def list_rdvs(
    uow_factory: UnitOfWorkFactory, access: AgentAccess, filters: RdvFilters, offset: int, limit: int
) -> RdvPage:
    async with uow_factory() as uow:
        organisation = await uow.directory.organisation(filters.organisation_id)
        territory_id = organisation.territory_id if organisation else None
        if not access.is_member(filters.organisation_id, territory_id):
            raise RdvNotFound("Organisation introuvable.")
        if not access.sees_whole(filters.organisation_id, territory_id):
            filters = replace(filters, visible_service_ids=access.service_ids, own_agent_id=access.agent_id)
        rdvs, total = await uow.rdvs.search(filters, offset, limit)
        return RdvPage(rdvs, total, await time_zone_of(uow, filters.organisation_id))


async def unknown_past_counts(
    uow_factory: UnitOfWorkFactory, access: AgentAccess, organisation_id: int, now: datetime
) -> dict[int, int]:
    """Per agent, RDVs already started whose status is still unknown (reference §1.10)."""
    async with uow_factory() as uow:
        organisation = await uow.directory.organisation(organisation_id)
        if not access.is_member(organisation_id, organisation.territory_id if organisation else None):
            raise RdvNotFound("Organisation introuvable.")
        return await uow.rdvs.unknown_past_counts(organisation_id, now)
