"""Ask for a spreadsheet of the RDV list (or of its participations, one row per usager).

Business rules (seeds' FAQ "Comment exporter une liste de rendez-vous ?"): one organisation per
export; the caller must belong to it (or administer its territory), else it does not exist for them
(404). Basic agents export what their list shows: their services' RDVs and their own; admins, the
Secrétariat and territory admins the whole organisation. Usagers' names and contacts appear only for
members of the organisation. The file is produced in the background: the answer is 202 with the
export, pending, listed under the agent's account ("Vos exports") for 7 days.
"""

from dataclasses import dataclass

from rdv_contracts.booking import ExportType

from booking.application.export_ports import ExportUnits
from booking.application.ports import Clock
from booking.domain.export import Export, ExportFilters, ExportScope
from booking.domain.export_errors import ExportNotFound
from booking.domain.rights import AgentAccess


@dataclass(frozen=True)
class RequestExport:
    organisation_id: int
    export_type: ExportType
    filters: ExportFilters


async def request_export(
    units: ExportUnits, clock: Clock, access: AgentAccess, command: RequestExport
) -> Export:
    async with units() as unit:
        organisation = await unit.directory.organisation(command.organisation_id)
        territory_id = organisation.territory_id if organisation else None
        if organisation is None or not access.is_member(command.organisation_id, territory_id):
            raise ExportNotFound("Organisation introuvable.")
        export = Export(
            agent_id=access.agent_id,
            organisation_id=command.organisation_id,
            export_type=command.export_type,
            filters=command.filters,
            scope=ExportScope.of(access, command.organisation_id, territory_id),
            created_at=clock(),
        )
        await unit.exports.add(export)
        await unit.commit()
        return export
