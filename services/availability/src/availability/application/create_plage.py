"""Create a plage d'ouverture.

- An agent creates their own plages; organisation admins, the secretariat and territory admins create
  them for other agents of the organisation. A foreign organisation answers 404.
- Exceptional (one day) or recurring (weekly every N weeks on chosen weekdays, monthly on the nth
  weekday), with an optional inclusive end date; stored as an RFC 5545 RRULE.
- One or more individual motifs of the organisation, usable by the agent (their service, or
  `for_secretariat` for the secretariat); a lieu of the organisation is required for on-site motifs.
- Realistic dates (2018 to 5 years ahead), end after start, within one day.
- Warnings, not errors: another plage of the agent overlaps; a motif lasts longer than the plage.
- Publishes `plage_ouverture.created` with the RRULE and an ICS rendering.
"""

import uuid
from dataclasses import dataclass

from rdv_contracts.availability import PlageOuvertureCreated

from availability.application.agenda_events import publish_plage
from availability.application.ports import AgendaUnitOfWork, CatalogSource, Clock, IcalRenderer
from availability.domain.plage import PlageFields, PlageRecord, Warning, check_plage, plage_warnings
from availability.domain.rights import Caller, require_agenda_rights


@dataclass(frozen=True)
class CreatePlage:
    caller: Caller
    fields: PlageFields


@dataclass(frozen=True)
class SavedPlage:
    record: PlageRecord
    warnings: list[Warning]


async def create_plage(
    command: CreatePlage, uow: AgendaUnitOfWork, catalogs: CatalogSource, ical: IcalRenderer, clock: Clock
) -> SavedPlage:
    catalog = await catalogs.current()
    fields = command.fields
    require_agenda_rights(command.caller, fields.agent_id, {fields.organisation_id}, catalog)
    now = clock()
    motifs = check_plage(fields, catalog, now.date())
    record = PlageRecord(
        fields=fields,
        time_zone=catalog.time_zone_of(fields.organisation_id),
        ical_uid=f"plage_ouverture_{uuid.uuid4()}@rdv-platform",
        created_at=now,
        updated_at=now,
    )
    async with uow:
        record = await uow.plages.add(record)
        publish_plage(uow, record, ical, PlageOuvertureCreated)
        uow.catalog_changed()
        await uow.commit()
    return SavedPlage(record, plage_warnings(record, motifs, catalog, now.date()))
