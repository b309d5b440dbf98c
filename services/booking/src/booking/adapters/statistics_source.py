"""RDVs grouped for the statistics, counted by PostgreSQL: what comes back is bounded by the number
of distinct (status, motif, lieu, origin, week, organisation) combinations, not by the RDVs."""

from collections.abc import Mapping
from typing import Any

from rdv_contracts.booking import CreatorType, RdvStatus
from sqlalchemy import Date, Table, cast, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from booking.adapters.agent_arrays import agent_array
from booking.adapters.tables import (
    local_agents,
    local_lieux,
    local_motifs,
    local_organisations,
    local_services,
    rdvs,
)
from booking.application.statistics_ports import StatisticsQuery, StatisticsRows
from booking.domain.statistics import RdvGroup


def _conditions(query: StatisticsQuery) -> list[Any]:
    found: list[Any] = [rdvs.c.organisation_id.in_(query.organisation_ids)]
    if query.starts_after is not None:
        found.append(rdvs.c.starts_at >= query.starts_after)
    if query.starts_before is not None:
        found.append(rdvs.c.starts_at < query.starts_before)
    if query.visible_service_ids is not None:
        motifs = select(local_motifs.c.id).where(local_motifs.c.service_id.in_(query.visible_service_ids))
        mine = rdvs.c.agent_ids.contains(agent_array(query.own_agent_id or 0))
        found.append(or_(rdvs.c.motif_id.in_(motifs), mine))
    return found


class SqlStatisticsSource:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def rows(self, query: StatisticsQuery) -> StatisticsRows:
        local_start = func.timezone(query.time_zone, rdvs.c.starts_at)
        week = func.to_char(local_start, 'IYYY-"W"IW').label("week")
        past = (cast(local_start, Date) < cast(func.timezone(query.time_zone, query.now), Date)).label("past")
        keys = [rdvs.c.status, rdvs.c.motif_id, rdvs.c.lieu_id, rdvs.c.created_by, week,
                rdvs.c.organisation_id, past]  # fmt: skip
        grouped = select(*keys, func.count()).where(*_conditions(query)).group_by(*keys)
        groups = [_group(row) for row in (await self._session.execute(grouped)).all()]
        agent = func.unnest(rdvs.c.agent_ids).label("agent_id")
        agents = select(agent).where(*_conditions(query)).subquery()
        by_agent = select(agents.c.agent_id, func.count()).group_by(agents.c.agent_id)
        agent_counts = {int(a): int(n) for a, n in (await self._session.execute(by_agent)).all()}
        motifs = await self._data(local_motifs, {g.motif_id for g in groups})
        motif_services = {i: d.get("service_id") for i, d in motifs.items()}
        agents_data = await self._data(local_agents, set(agent_counts))
        names = {
            "motif": {i: str(d["name"]) for i, d in motifs.items()},
            "service": await self._names(local_services, {s for s in motif_services.values() if s}),
            "lieu": await self._names(local_lieux, {g.lieu_id for g in groups if g.lieu_id is not None}),
            "agent": {i: _agent_name(d) for i, d in agents_data.items()},
            "organisation": await self._names(local_organisations, set(query.organisation_ids)),
        }
        return StatisticsRows(groups, agent_counts, motif_services, names)

    async def organisations_of_territory(self, territory_id: int) -> list[int]:
        query = select(local_organisations.c.id).where(local_organisations.c.territory_id == territory_id)
        return sorted((await self._session.execute(query)).scalars())

    async def _data(self, table: Table, ids: set[int]) -> dict[int, Mapping[str, Any]]:
        if not ids:
            return {}
        found = await self._session.execute(select(table.c.id, table.c.data).where(table.c.id.in_(ids)))
        return {int(i): d for i, d in found.all()}

    async def _names(self, table: Table, ids: set[int]) -> dict[int, str]:
        return {i: str(d.get("name", "")) for i, d in (await self._data(table, ids)).items()}


def _agent_name(data: Mapping[str, Any]) -> str:
    return f"{data.get('first_name') or ''} {data['last_name']}".strip()


def _group(row: Any) -> RdvGroup:
    status, motif_id, lieu_id, origin, week, organisation_id, past, count = row
    return RdvGroup(
        RdvStatus(status),
        motif_id,
        lieu_id,
        CreatorType(origin),
        week,
        organisation_id,
        bool(past),
        int(count),
    )
