"""Statistics of an organisation, or of a whole territory for its admins.

Rules (seeds: "Statistiques"): an organisation's figures are for its members (and its territory's
admins); a basic agent's figures cover what their RDV list shows (their services' RDVs and their
own), admins and the Secrétariat the whole organisation. A territory's figures are for its admins
only. Anything else does not exist for the caller (404). Weeks and "à renseigner" follow the
territory's time zone.
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from booking.application.ports import Clock
from booking.application.read_rdvs import DEFAULT_TIME_ZONE, time_zone_of
from booking.application.statistics_ports import StatisticsQuery, StatisticsRows, StatisticsUnits
from booking.domain.export_errors import ExportNotFound
from booking.domain.rights import AgentAccess
from booking.domain.statistics import Statistics, statistics_of


@dataclass(frozen=True)
class Period:
    starts_after: datetime | None = None
    starts_before: datetime | None = None


@dataclass(frozen=True)
class StatisticsReport:
    statistics: Statistics
    names: Mapping[str, Mapping[int, str]]
    time_zone: str


async def organisation_statistics(
    units: StatisticsUnits, clock: Clock, access: AgentAccess, organisation_id: int, period: Period
) -> StatisticsReport:
    async with units() as unit:
        organisation = await unit.directory.organisation(organisation_id)
        territory_id = organisation.territory_id if organisation else None
        if organisation is None or not access.is_member(organisation_id, territory_id):
            raise ExportNotFound("Organisation introuvable.")
        zone = await time_zone_of(unit, organisation_id)
        query = StatisticsQuery([organisation_id], zone, clock(), period.starts_after, period.starts_before)
        if not access.sees_whole(organisation_id, territory_id):
            query = replace(query, visible_service_ids=access.service_ids, own_agent_id=access.agent_id)
        rows = await unit.statistics.rows(query)
    return StatisticsReport(
        statistics_of(rows.groups, rows.agent_counts, rows.motif_services), rows.names, zone
    )


async def territory_statistics(
    units: StatisticsUnits, clock: Clock, access: AgentAccess, territory_id: int, period: Period
) -> StatisticsReport:
    if territory_id not in access.territory_admin_ids:
        raise ExportNotFound("Territoire introuvable.")
    async with units() as unit:
        territory = await unit.directory.territory(territory_id)
        if territory is None:
            raise ExportNotFound("Territoire introuvable.")
        zone = territory.time_zone or DEFAULT_TIME_ZONE
        organisations = await unit.statistics.organisations_of_territory(territory_id)
        query = StatisticsQuery(organisations, zone, clock(), period.starts_after, period.starts_before)
        rows = await unit.statistics.rows(query)
    return StatisticsReport(
        statistics_of(rows.groups, rows.agent_counts, rows.motif_services), rows.names, zone
    )


def _report(rows: StatisticsRows, zone: str) -> StatisticsReport:
    return StatisticsReport(
        statistics_of(rows.groups, rows.agent_counts, rows.motif_services), rows.names, zone
    )
