"""Read absences: those of the agents of an organisation the caller belongs to (absences have no
organisation of their own), optionally of one agent; one absence is 404 unless its agent is visible."""

from dataclasses import dataclass

from availability.application.create_absence import agent_organisations
from availability.application.ports import AgendaUnitOfWork, CatalogSource
from availability.domain.absence import AbsenceRecord
from availability.domain.errors import NotFound
from availability.domain.rights import Caller


@dataclass(frozen=True)
class ListAbsences:
    caller: Caller
    organisation_id: int
    agent_id: int | None = None


async def get_absence(
    caller: Caller, absence_id: int, uow: AgendaUnitOfWork, catalogs: CatalogSource
) -> AbsenceRecord:
    catalog = await catalogs.current()
    async with uow:
        record = await uow.absences.get(absence_id)
    organisations = agent_organisations(record.fields.agent_id, catalog) if record else set()
    if record is None or not any(caller.sees_organisation(org, catalog) for org in organisations):
        raise NotFound("absence introuvable")
    return record


async def list_absences(
    query: ListAbsences, uow: AgendaUnitOfWork, catalogs: CatalogSource
) -> list[AbsenceRecord]:
    catalog = await catalogs.current()
    if not query.caller.sees_organisation(query.organisation_id, catalog):
        raise NotFound("organisation introuvable")
    members = [a.id for a in catalog.agents.values() if query.organisation_id in a.organisation_ids]
    agent_ids = [query.agent_id] if query.agent_id in members else [] if query.agent_id else members
    async with uow:
        return await uow.absences.list_for(agent_ids)
