"""Next availability: the first slot of a motif within 6 months, for an agent (no delays) or for the
public (delays, only motifs the caller may book; follow-up motifs only with the signed-in usager's
referent agents). Optional lieu and agents filters.

It answers fast even when the first free slot is months away: windows with no plage occurrence are
skipped without reading busy times, and busy times are read for three growing windows at most.
"""

from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from availability.application.ports import CatalogSource, Clock, ReferentReader
from availability.application.public_scope import bookable_publicly, held_by
from availability.application.search_agent_slots import require_search_rights
from availability.application.slot_search import BusyReader, SearchScope, next_availability, zone_of
from availability.domain.booking_rules import Caller, may_book
from availability.domain.errors import NotFound
from availability.domain.rights import Caller as AgentCaller
from availability.domain.slots import Slot


@dataclass(frozen=True)
class NextAvailability:
    slot: Slot | None
    zone: ZoneInfo


@dataclass(frozen=True)
class FindNextAvailability:
    motif_id: int
    caller: Caller
    from_day: date | None = None
    lieu_id: int | None = None
    agent_ids: frozenset[int] = frozenset()
    agent: AgentCaller | None = None
    user_id: int | None = None


async def find_next_availability(
    query: FindNextAvailability,
    catalogs: CatalogSource,
    busy: BusyReader,
    referents: ReferentReader,
    clock: Clock,
) -> NextAvailability:
    catalog = await catalogs.current()
    motif = catalog.motifs.get(query.motif_id)
    if motif is None or not (
        may_book(motif, "agent") if query.caller == "agent" else bookable_publicly(motif, query.caller)
    ):
        raise NotFound("motif introuvable")
    agent_ids = query.agent_ids
    if query.agent is not None:
        require_search_rights(query.agent, motif, catalog)
    else:
        agent_ids = await held_by(motif, query.user_id, referents)
    now = clock()
    lieux = frozenset({query.lieu_id}) if query.lieu_id is not None else frozenset()
    scope = SearchScope(motif, lieux, agent_ids)
    from_day = max(query.from_day or now.date(), now.date())
    slot = await next_availability(catalog, busy, scope, query.caller, from_day, int(now.timestamp()))
    return NextAvailability(slot, zone_of(catalog, motif))
