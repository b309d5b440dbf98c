"""Delete an absence: same rights as creation; publishes `absence.deleted` then a tombstone."""

from dataclasses import dataclass

from availability.application.agenda_events import publish_absence_deleted
from availability.application.create_absence import agent_organisations
from availability.application.ports import AgendaUnitOfWork, CatalogSource
from availability.domain.errors import NotFound
from availability.domain.rights import Caller, require_agenda_rights


@dataclass(frozen=True)
class DeleteAbsence:
    caller: Caller
    absence_id: int


async def delete_absence(command: DeleteAbsence, uow: AgendaUnitOfWork, catalogs: CatalogSource) -> None:
    catalog = await catalogs.current()
    async with uow:
        record = await uow.absences.get(command.absence_id)
        if record is None:
            raise NotFound("absence introuvable")
        agent_id = record.fields.agent_id
        require_agenda_rights(command.caller, agent_id, agent_organisations(agent_id, catalog), catalog)
        await uow.absences.delete(record.id)
        publish_absence_deleted(uow, record)
        uow.catalog_changed()
        await uow.commit()
