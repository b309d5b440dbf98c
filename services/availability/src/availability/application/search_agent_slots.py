"""Agent search, "Trouver un RDV": the free slots of a motif over a period, by day and lieu with the
agents free at each time.

- No booking delays for agents (reference §2.7); periods of at most 31 days.
- A basic agent searches the motifs of their services; admins and the secretariat every motif of
  their organisation; territory admins every organisation of their territory.
- "Élargir la recherche": a motif of another organisation of the agent's territories is searchable
  when it is open to prescripteurs. Any other foreign motif answers 404.
- Optional filters: lieux, agents, teams (their members, added to the agents chosen; see
  `team_filter`). Collective motifs list their RDVs with seats left instead.
- When the period has nothing, the answer carries the next availability (6 months ahead).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

from rdv_contracts.directory import BookableBy

from availability.application.period import check_period
from availability.application.ports import CatalogSource, Clock, CollectiveRdv, TeamReader
from availability.application.slot_search import (
    BusyReader,
    SearchScope,
    next_availability,
    search_slots,
    zone_of,
)
from availability.application.team_filter import agents_of_teams
from availability.domain.catalog import Catalog, Motif
from availability.domain.errors import NotAllowed, NotFound
from availability.domain.rights import Caller
from availability.domain.schedule import instant
from availability.domain.slots import Slot


@dataclass(frozen=True)
class SearchAgentSlots:
    caller: Caller
    motif_id: int
    first_day: date
    last_day: date
    lieu_ids: frozenset[int] = frozenset()
    agent_ids: frozenset[int] = frozenset()
    team_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class TimeWithAgents:
    starts_at: int
    ends_at: int
    agent_ids: list[int]


@dataclass(frozen=True)
class AgentSearchResult:
    motif: Motif
    zone: ZoneInfo
    days: dict[date, dict[int | None, list[TimeWithAgents]]]
    next_availability: Slot | None
    collective_rdvs: list[CollectiveRdv]


def require_search_rights(caller: Caller, motif: Motif, catalog: Catalog) -> None:
    organisation_id = motif.organisation_id
    if caller.sees_organisation(organisation_id, catalog):
        if caller.manages_organisation(organisation_id, catalog) or motif.service_id in caller.service_ids:
            return
        raise NotAllowed("ce motif n'est pas celui de votre service")
    territory = catalog.territory_of(organisation_id)
    own_territories = {t.id for org in caller.levels if (t := catalog.territory_of(org))}
    if territory is None or territory.id not in own_territories or motif.bookable_by == BookableBy.AGENTS:
        raise NotFound("motif introuvable")


def group_by_day_and_lieu(slots: list[Slot]) -> dict[date, dict[int | None, list[TimeWithAgents]]]:
    """`slots` in the order of their plages' creation, so each time lists the first created first."""
    agents: dict[tuple[date, int | None, int], list[int]] = defaultdict(list)
    for slot in slots:
        free = agents[(slot.day, slot.lieu_id, slot.starts_at)]
        if slot.agent_id not in free:
            free.append(slot.agent_id)
    days: dict[date, dict[int | None, list[TimeWithAgents]]] = defaultdict(lambda: defaultdict(list))
    duration = slots[0].duration if slots else 0
    for key in sorted(agents, key=lambda key: (key[0], key[1] or 0, key[2])):
        day, lieu_id, starts_at = key
        days[day][lieu_id].append(TimeWithAgents(starts_at, starts_at + duration, agents[key]))
    return days


async def search_agent_slots(
    query: SearchAgentSlots, catalogs: CatalogSource, busy: BusyReader, clock: Clock, teams: TeamReader
) -> AgentSearchResult:
    check_period(query.first_day, query.last_day)
    catalog = await catalogs.current()
    motif = catalog.motifs.get(query.motif_id)
    if motif is None or not motif.active:
        raise NotFound("motif introuvable")
    require_search_rights(query.caller, motif, catalog)
    now = int(clock().timestamp())
    zone = zone_of(catalog, motif)
    if motif.collectif:
        return AgentSearchResult(motif, zone, {}, None, await _collective(catalog, busy, motif, query))
    agent_ids = query.agent_ids
    if query.team_ids:
        territory = catalog.territory_of(motif.organisation_id)
        territory_id = territory.id if territory else None
        agent_ids = await agents_of_teams(query.team_ids, agent_ids, territory_id, teams)
        if not agent_ids:
            return AgentSearchResult(motif, zone, {}, None, [])
    scope = SearchScope(motif, query.lieu_ids, agent_ids)
    slots = await search_slots(
        catalog, busy, scope, "agent", query.first_day, query.last_day, now, ordered=False
    )
    upcoming = None
    if not slots:
        upcoming = await next_availability(catalog, busy, scope, "agent", query.last_day, now)
    return AgentSearchResult(motif, zone, group_by_day_and_lieu(slots), upcoming, [])


async def _collective(
    catalog: Catalog, busy: BusyReader, motif: Motif, query: SearchAgentSlots
) -> list[CollectiveRdv]:
    zone = ZoneInfo(catalog.time_zone_of(motif.organisation_id))
    start = instant(query.first_day, time.min, zone)
    end = instant(query.last_day + timedelta(days=1), time.min, zone)
    return [
        rdv
        for rdv in await busy.collective(motif.id, start, end)
        if (rdv.seats_left is None or rdv.seats_left > 0)
        and (not query.lieu_ids or rdv.lieu_id in query.lieu_ids)
    ]
