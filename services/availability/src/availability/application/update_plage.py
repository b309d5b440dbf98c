"""Change a plage d'ouverture.

- Same rights and validations as creation, checked on the new state; the agent and the organisation
  of a plage do not change.
- Publishes `plage_ouverture.updated` with the full new state, and returns the same warnings.
"""

from dataclasses import dataclass, replace
from typing import Any

from rdv_contracts.availability import PlageOuvertureUpdated

from availability.application.agenda_events import publish_plage
from availability.application.create_plage import SavedPlage
from availability.application.ports import AgendaUnitOfWork, CatalogSource, Clock, IcalRenderer
from availability.domain.errors import NotFound
from availability.domain.plage import check_plage, plage_warnings
from availability.domain.rights import Caller, require_agenda_rights


@dataclass(frozen=True)
class UpdatePlage:
    caller: Caller
    plage_id: int
    changes: dict[str, Any]


async def update_plage(
    command: UpdatePlage, uow: AgendaUnitOfWork, catalogs: CatalogSource, ical: IcalRenderer, clock: Clock
) -> SavedPlage:
    catalog = await catalogs.current()
    now = clock()
    async with uow:
        record = await uow.plages.get(command.plage_id)
        if record is None:
            raise NotFound("plage d'ouverture introuvable")
        old = record.fields
        require_agenda_rights(command.caller, old.agent_id, {old.organisation_id}, catalog)
        fields = replace(old, **command.changes)
        motifs = check_plage(fields, catalog, now.date())
        record = record.changed(fields, now)
        await uow.plages.update(record)
        publish_plage(uow, record, ical, PlageOuvertureUpdated)
        uow.catalog_changed()
        await uow.commit()
    return SavedPlage(record, plage_warnings(record, motifs, catalog, now.date()))
