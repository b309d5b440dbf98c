"""Public search, step 3: the times an usager or a prescripteur can book for a motif, at a lieu.

- Only motifs the caller may book; booking delays apply (from now + min delay to the end of the
  day of now + max delay); periods of at most 31 days.
- Each time appears once even when several agents are free (the agent is chosen at booking).
- Collective motifs: the collective RDVs with seats left.
- Follow-up motifs: only for a signed-in usager, and only the slots of their referent agents.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

from availability.application.period import check_period
from availability.application.ports import CatalogSource, Clock, ReferentReader
from availability.application.public_scope import bookable_publicly, held_by
from availability.application.slot_search import BusyReader, SearchScope, local_day, search_slots, zone_of
from availability.domain.booking_rules import Caller, slot_query
from availability.domain.errors import NotFound
from availability.domain.schedule import instant
from availability.domain.slots import first_per_time


@dataclass(frozen=True)
class SearchPublicSlots:
    motif_id: int
    lieu_id: int | None
    first_day: date
    last_day: date
    caller: Caller = "user"
    user_id: int | None = None


@dataclass(frozen=True)
class PublicTime:
    starts_at: int
    ends_at: int
    lieu_id: int | None


@dataclass(frozen=True)
class PublicSlots:
    zone: ZoneInfo
    days: dict[date, list[PublicTime]]


async def search_public_slots(
    query: SearchPublicSlots,
    catalogs: CatalogSource,
    busy: BusyReader,
    referents: ReferentReader,
    clock: Clock,
) -> PublicSlots:
    check_period(query.first_day, query.last_day)
    catalog = await catalogs.current()
    motif = catalog.motifs.get(query.motif_id)
    if motif is None or not bookable_publicly(motif, query.caller):
        raise NotFound("motif introuvable")
    agents = await held_by(motif, query.user_id, referents)
    now = int(clock().timestamp())
    zone = zone_of(catalog, motif)
    days: dict[date, list[PublicTime]] = defaultdict(list)
    if motif.collectif:
        bounds = slot_query(motif, query.caller, query.first_day, query.last_day, now, zone, lambda _: False)
        if bounds is None:
            return PublicSlots(zone, {})
        start = max(bounds.not_before, instant(bounds.first_day, time.min, zone))
        end = instant(bounds.last_day + timedelta(days=1), time.min, zone)
        for rdv in await busy.collective(motif.id, start, end):
            if (rdv.seats_left is None or rdv.seats_left > 0) and query.lieu_id in (None, rdv.lieu_id):
                days[local_day(rdv.starts_at, zone)].append(
                    PublicTime(rdv.starts_at, rdv.ends_at, rdv.lieu_id)
                )
        return PublicSlots(zone, dict(days))
    scope = SearchScope(
        motif, frozenset({query.lieu_id}) if query.lieu_id is not None else frozenset(), agents
    )
    slots = await search_slots(
        catalog, busy, scope, query.caller, query.first_day, query.last_day, now, ordered=False
    )
    for slot in first_per_time(slots):
        days[slot.day].append(PublicTime(slot.starts_at, slot.ends_at, slot.lieu_id))
    return PublicSlots(zone, dict(days))
