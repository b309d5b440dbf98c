"""Change an absence.

- Same rights and validations as creation, on the new state; the agent does not change.
- Publishes `absence.updated`; the answer lists the RDVs the new state overlaps.
"""

from dataclasses import dataclass, replace
from typing import Any

from rdv_contracts.availability import AbsenceUpdated

from availability.application.agenda_events import publish_absence
from availability.application.create_absence import SavedAbsence, agent_organisations, overlapping_rdvs
from availability.application.ports import AgendaUnitOfWork, CatalogSource, Clock, IcalRenderer
from availability.domain.errors import NotFound
from availability.domain.rights import Caller, require_agenda_rights


@dataclass(frozen=True)
class UpdateAbsence:
    caller: Caller
    absence_id: int
    changes: dict[str, Any]


async def update_absence(
    command: UpdateAbsence, uow: AgendaUnitOfWork, catalogs: CatalogSource, ical: IcalRenderer, clock: Clock
) -> SavedAbsence:
    catalog = await catalogs.current()
    now = clock()
    async with uow:
        record = await uow.absences.get(command.absence_id)
        if record is None:
            raise NotFound("absence introuvable")
        agent_id = record.fields.agent_id
        require_agenda_rights(command.caller, agent_id, agent_organisations(agent_id, catalog), catalog)
        fields = replace(record.fields, **command.changes)
        fields.check(now.date())
        record = record.changed(fields, now)
        await uow.absences.update(record)
        publish_absence(uow, record, ical, AbsenceUpdated)
        uow.catalog_changed()
        overlapping = await overlapping_rdvs(uow, record, catalog)
        await uow.commit()
    return SavedAbsence(record, overlapping)
