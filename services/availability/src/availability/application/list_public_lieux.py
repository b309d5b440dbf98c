"""Public search, step 2: where a motif is offered, with the next availability of each place.

- On-site motifs: one entry per lieu; other motifs (phone, visio, home): one per organisation;
  collective motifs: one per lieu of their RDVs with seats left.
- Follow-up motifs: only with the signed-in usager's referent agents.
- Sorted by distance (haversine, metres) when the caller gives coordinates, else by next availability.
- Next availability: the first slot the caller could book, up to 6 months ahead.
"""

import math
from dataclasses import dataclass, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from availability.application.ports import CatalogSource, Clock, ReferentReader
from availability.application.public_scope import PublicScope, held_by, open_collective_rdvs, public_motifs
from availability.application.slot_search import (
    BusyReader,
    SearchScope,
    candidate_plages,
    local_day,
    next_availability,
    zone_of,
)
from availability.domain.catalog import Catalog, Lieu, Motif
from availability.domain.slots import Slot

EARTH_RADIUS_M = 6_371_000


@dataclass(frozen=True)
class PublicPlace:
    motif_id: int
    organisation_id: int
    lieu: Lieu | None
    distance_in_meters: float | None
    next_availability: Slot | None
    zone: ZoneInfo


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


async def list_public_lieux(
    scope: PublicScope,
    motif_key: str,
    catalogs: CatalogSource,
    busy: BusyReader,
    referents: ReferentReader,
    clock: Clock,
    position: tuple[float, float] | None = None,
) -> list[PublicPlace]:
    catalog = await catalogs.current()
    now = clock()
    at = int(now.timestamp())
    places = []
    for motif in await public_motifs(catalog, scope, now.date(), busy, referents, at):
        if motif.key != motif_key:
            continue
        agents = await held_by(motif, scope.user_id, referents)
        firsts = (
            await _first_collective_rdvs(catalog, busy, motif, scope, now.date(), at)
            if motif.collectif
            else await _first_slots(
                catalog, busy, SearchScope(motif, agent_ids=agents), scope, now.date(), at
            )
        )
        for lieu_id, first in sorted(firsts.items(), key=lambda item: item[0] or 0):
            places.append(_place(catalog, motif, lieu_id, first, position))
    if position:
        return sorted(places, key=lambda p: (p.distance_in_meters is None, p.distance_in_meters or 0))
    return sorted(places, key=lambda p: p.next_availability.starts_at if p.next_availability else math.inf)


async def _first_slots(
    catalog: Catalog, busy: BusyReader, motif_scope: SearchScope, scope: PublicScope, today: date, now: int
) -> dict[int | None, Slot | None]:
    """On-site motifs: each lieu of their plages; others: one entry for the organisation."""
    plages = candidate_plages(catalog, motif_scope)
    lieu_ids = {p.lieu_id for p in plages} if motif_scope.motif.on_site else {None}
    firsts: dict[int | None, Slot | None] = {}
    for lieu_id in lieu_ids:
        lieu_scope = replace(
            motif_scope, lieu_ids=frozenset({lieu_id}) if lieu_id is not None else frozenset()
        )
        firsts[lieu_id] = await next_availability(catalog, busy, lieu_scope, scope.caller, today, now)
    return firsts


async def _first_collective_rdvs(
    catalog: Catalog, busy: BusyReader, motif: Motif, scope: PublicScope, today: date, now: int
) -> dict[int | None, Slot | None]:
    """Collective motifs: each lieu of their RDVs with seats left, with the first of them."""
    firsts: dict[int | None, Slot | None] = {}
    for rdv in await open_collective_rdvs(catalog, motif, scope.caller, busy, today, now):
        if rdv.lieu_id not in firsts:
            firsts[rdv.lieu_id] = Slot(
                rdv.starts_at, (datetime.min, rdv.id), rdv.agent_ids[0], rdv.lieu_id,
                local_day(rdv.starts_at, zone_of(catalog, motif)), rdv.ends_at - rdv.starts_at,
            )  # fmt: skip
    return firsts


def _place(
    catalog: Catalog,
    motif: Motif,
    lieu_id: int | None,
    first: Slot | None,
    position: tuple[float, float] | None,
) -> PublicPlace:
    lieu = catalog.lieux.get(lieu_id) if lieu_id is not None else None
    distance = None
    if position and lieu and lieu.latitude is not None and lieu.longitude is not None:
        distance = haversine(position[0], position[1], lieu.latitude, lieu.longitude)
    return PublicPlace(motif.id, motif.organisation_id, lieu, distance, first, zone_of(catalog, motif))
