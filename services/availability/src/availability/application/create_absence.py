"""Create an absence (indisponibilité).

- It belongs to an agent, not to an organisation, and blocks that agent in every organisation.
- An agent creates their own; admins, the secretariat and territory admins of one of the agent's
  organisations create them for the agent. Otherwise 404 (foreign) or 403.
- One day, several days (then it cannot recur), or recurring like a plage.
- RDVs it overlaps are not cancelled: the answer lists them so the agent can act (seeds,
  "Indisponibilités").
- Publishes `absence.created` with the RRULE and an ICS rendering.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime

from rdv_contracts.availability import AbsenceCreated

from availability.application.agenda_events import publish_absence
from availability.application.ports import (
    AgendaUnitOfWork,
    CatalogSource,
    Clock,
    IcalRenderer,
    RdvSummary,
)
from availability.domain.absence import AbsenceFields, AbsenceRecord
from availability.domain.catalog import Catalog
from availability.domain.rights import Caller, require_agenda_rights
from availability.domain.schedule import DailySpan


@dataclass(frozen=True)
class CreateAbsence:
    caller: Caller
    fields: AbsenceFields


@dataclass(frozen=True)
class SavedAbsence:
    record: AbsenceRecord
    overlapping_rdvs: list[RdvSummary]


def absence_time_zone(agent_id: int, catalog: Catalog) -> str:
    agent = catalog.agents.get(agent_id)
    organisations = sorted(agent.organisation_ids) if agent else []
    return catalog.time_zone_of(organisations[0]) if organisations else "Europe/Paris"


def agent_organisations(agent_id: int, catalog: Catalog) -> set[int]:
    agent = catalog.agents.get(agent_id)
    return set(agent.organisation_ids) if agent else set()


async def overlapping_rdvs(
    uow: AgendaUnitOfWork, record: AbsenceRecord, catalog: Catalog
) -> list[RdvSummary]:
    fields = record.fields
    span = DailySpan(
        fields.first_day,
        fields.start_time,
        fields.end_time,
        record.time_zone,
        catalog.expander,
        record.rrule,
        fields.recurrence.until if fields.recurrence else None,
        fields.end_day,
    )
    since = datetime.combine(fields.first_day, fields.start_time, tzinfo=span.zone)
    rdvs = await uow.busy.rdvs_of(fields.agent_id, since)
    return [
        rdv
        for rdv in rdvs
        if any(span.windows_overlapping(int(rdv.starts_at.timestamp()), int(rdv.ends_at.timestamp())))
    ]


async def create_absence(
    command: CreateAbsence, uow: AgendaUnitOfWork, catalogs: CatalogSource, ical: IcalRenderer, clock: Clock
) -> SavedAbsence:
    catalog = await catalogs.current()
    fields = command.fields
    require_agenda_rights(
        command.caller, fields.agent_id, agent_organisations(fields.agent_id, catalog), catalog
    )
    now = clock()
    fields.check(now.date())
    record = AbsenceRecord(
        fields=fields,
        time_zone=absence_time_zone(fields.agent_id, catalog),
        ical_uid=f"absence_{uuid.uuid4()}@rdv-platform",
        created_at=now,
        updated_at=now,
    )
    async with uow:
        record = await uow.absences.add(record)
        publish_absence(uow, record, ical, AbsenceCreated)
        uow.catalog_changed()
        overlapping = await overlapping_rdvs(uow, record, catalog)
        await uow.commit()
    return SavedAbsence(record, overlapping)
