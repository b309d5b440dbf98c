"""Delete a plage d'ouverture.

- Same rights as creation. Its RDVs stay (they live in booking).
- Publishes `plage_ouverture.deleted`, then a tombstone on the compacted topic.
"""

from dataclasses import dataclass

from availability.application.agenda_events import publish_plage_deleted
from availability.application.ports import AgendaUnitOfWork, CatalogSource
from availability.domain.errors import NotFound
from availability.domain.rights import Caller, require_agenda_rights


@dataclass(frozen=True)
class DeletePlage:
    caller: Caller
    plage_id: int


async def delete_plage(command: DeletePlage, uow: AgendaUnitOfWork, catalogs: CatalogSource) -> None:
    catalog = await catalogs.current()
    async with uow:
        record = await uow.plages.get(command.plage_id)
        if record is None:
            raise NotFound("plage d'ouverture introuvable")
        require_agenda_rights(
            command.caller, record.fields.agent_id, {record.fields.organisation_id}, catalog
        )
        await uow.plages.delete(record.id)
        publish_plage_deleted(uow, record)
        uow.catalog_changed()
        await uow.commit()
