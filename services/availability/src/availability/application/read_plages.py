"""Read plages d'ouverture.

- One plage: visible to the members of its organisation (and its territory's admins), else 404.
- A list: the plages of an organisation the caller belongs to, optionally of one agent.
"""

from dataclasses import dataclass

from availability.application.ports import AgendaUnitOfWork, CatalogSource
from availability.domain.errors import NotFound
from availability.domain.plage import PlageRecord
from availability.domain.rights import Caller


@dataclass(frozen=True)
class ListPlages:
    caller: Caller
    organisation_id: int
    agent_id: int | None = None


async def get_plage(
    caller: Caller, plage_id: int, uow: AgendaUnitOfWork, catalogs: CatalogSource
) -> PlageRecord:
    catalog = await catalogs.current()
    async with uow:
        record = await uow.plages.get(plage_id)
    if record is None or not caller.sees_organisation(record.fields.organisation_id, catalog):
        raise NotFound("plage d'ouverture introuvable")
    return record


async def list_plages(query: ListPlages, uow: AgendaUnitOfWork, catalogs: CatalogSource) -> list[PlageRecord]:
    catalog = await catalogs.current()
    if not query.caller.sees_organisation(query.organisation_id, catalog):
        raise NotFound("organisation introuvable")
    async with uow:
        return await uow.plages.list_for([query.organisation_id], query.agent_id)
