"""Shared steps of every slot search: the candidate plages, the busy time, the engine, the look-ahead."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from availability.application.ports import CollectiveRdv
from availability.domain.booking_rules import Caller, slot_query
from availability.domain.busy import busy_timelines
from availability.domain.catalog import Catalog, Motif, Plage
from availability.domain.intervals import Interval
from availability.domain.schedule import instant
from availability.domain.slots import Slot, SlotQuery, find_slots, first_open_day, iter_slots

NEXT_AVAILABILITY_DAYS = 183
# Look-ahead windows from the first possible day: most searches stop in the first.
_WINDOWS = (7, 35, NEXT_AVAILABILITY_DAYS)


class BusyReader(Protocol):
    async def by_agent(
        self, agent_ids: Collection[int], start: int, end: int, exclude_rdv_id: int | None = None
    ) -> dict[int, list[Interval]]: ...

    async def collective(self, motif_id: int, start: int, end: int) -> list[CollectiveRdv]: ...


@dataclass(frozen=True)
class SearchScope:
    motif: Motif
    lieu_ids: frozenset[int] = frozenset()
    agent_ids: frozenset[int] = frozenset()
    exclude_rdv_id: int | None = None


def zone_of(catalog: Catalog, motif: Motif) -> ZoneInfo:
    return ZoneInfo(catalog.time_zone_of(motif.organisation_id))


def local_day(moment: datetime | int, zone: ZoneInfo) -> date:
    timestamp = moment if isinstance(moment, int) else int(moment.timestamp())
    return datetime.fromtimestamp(timestamp, zone).date()


def candidate_plages(catalog: Catalog, scope: SearchScope) -> list[Plage]:
    """The plages of the motif in the scope, first created first."""
    plages = []
    for plage in catalog.plages_by_motif.get(scope.motif.id, ()):
        agent = catalog.agents.get(plage.agent_id)
        if agent is None or not agent.active:
            continue
        if scope.lieu_ids and plage.lieu_id not in scope.lieu_ids:
            continue
        if scope.agent_ids and plage.agent_id not in scope.agent_ids:
            continue
        lieu = catalog.lieux.get(plage.lieu_id) if plage.lieu_id is not None else None
        if scope.motif.on_site and (lieu is None or not lieu.enabled):
            continue
        plages.append(plage)
    return plages


def _bounds(
    catalog: Catalog, motif: Motif, caller: Caller, first_day: date, last_day: date, now: int
) -> tuple[SlotQuery, int, int] | None:
    """The engine's query for the caller, and the UTC instants its days cover."""
    zone = zone_of(catalog, motif)
    closed = catalog.closed_days_of(motif.organisation_id)
    query = slot_query(motif, caller, first_day, last_day, now, zone, closed)
    if query is None:
        return None
    end = instant(query.last_day + timedelta(days=1), time.min, zone)
    return query, instant(query.first_day, time.min, zone), end


async def search_slots(
    catalog: Catalog,
    busy: BusyReader,
    scope: SearchScope,
    caller: Caller,
    first_day: date,
    last_day: date,
    now: int,
    plages: list[Plage] | None = None,
    ordered: bool = True,
) -> list[Slot]:
    """The slots of the period, sorted unless `ordered` is false: then plage after plage, first created
    first (the order of `candidate_plages`)."""
    bounds = _bounds(catalog, scope.motif, caller, first_day, last_day, now)
    plages = candidate_plages(catalog, scope) if plages is None else plages
    if bounds is None or not plages:
        return []
    query, start, end = bounds
    agent_ids = {plage.agent_id for plage in plages}
    rdvs = await busy.by_agent(agent_ids, start, end, scope.exclude_rdv_id)
    timelines = busy_timelines(agent_ids, rdvs, catalog.absences_by_agent, start, end)
    return find_slots(plages, timelines, query) if ordered else list(iter_slots(plages, timelines, query))


async def next_availability(
    catalog: Catalog, busy: BusyReader, scope: SearchScope, caller: Caller, from_day: date, now: int
) -> Slot | None:
    """The first slot within 6 months of `from_day`.

    Plages, closed days and absences are in memory: the first day where a slot could fit is found
    without the database, then RDVs are read for growing windows from that day.
    """
    plages = candidate_plages(catalog, scope)
    last_day = from_day + timedelta(days=NEXT_AVAILABILITY_DAYS)
    horizon = _bounds(catalog, scope.motif, caller, from_day, last_day, now)
    if horizon is None or not plages:
        return None
    query, start, end = horizon
    agent_ids = {plage.agent_id for plage in plages}
    absent = busy_timelines(agent_ids, {}, catalog.absences_by_agent, start, end)
    first = first_open_day(plages, absent, query)
    for days in _WINDOWS:
        if first is None or first > query.last_day:
            return None
        last = min(first + timedelta(days=days), query.last_day)
        found = await search_slots(catalog, busy, scope, caller, first, last, now, plages)
        if found:
            return found[0]
        first = last + timedelta(days=1)
    return None
