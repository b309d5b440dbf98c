"""Public search, step 2: where a motif is offered, with the next availability of each place.

- On-site motifs: one entry per lieu; other motifs (phone, visio, home): one per organisation.
- Sorted by distance (haversine, metres) when the caller gives coordinates, else by next availability.
- Next availability: the first slot the caller could book, up to 6 months ahead.
"""

import math
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from availability.application.ports import CatalogSource, Clock
from availability.application.public_scope import PublicScope, public_motifs
from availability.application.slot_search import (
    BusyReader,
    SearchScope,
    candidate_plages,
    next_availability,
    zone_of,
)
from availability.domain.catalog import Catalog, Lieu
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
    clock: Clock,
    position: tuple[float, float] | None = None,
) -> list[PublicPlace]:
    catalog = await catalogs.current()
    now = clock()
    places = []
    for motif in public_motifs(catalog, scope, now.date()):
        if motif.key != motif_key:
            continue
        lieu_ids = (
            {p.lieu_id for p in candidate_plages(catalog, SearchScope(motif))} if motif.on_site else {None}
        )
        for lieu_id in sorted(lieu_ids, key=lambda i: i or 0):
            places.append(await _place(catalog, busy, scope, motif.id, lieu_id, now, position))
    if position:
        return sorted(places, key=lambda p: (p.distance_in_meters is None, p.distance_in_meters or 0))
    return sorted(places, key=lambda p: p.next_availability.starts_at if p.next_availability else math.inf)


async def _place(
    catalog: Catalog,
    busy: BusyReader,
    public: PublicScope,
    motif_id: int,
    lieu_id: int | None,
    now: datetime,
    position: tuple[float, float] | None,
) -> PublicPlace:
    motif = catalog.motifs[motif_id]
    lieu = catalog.lieux.get(lieu_id) if lieu_id is not None else None
    scope = SearchScope(motif, frozenset({lieu_id}) if lieu_id is not None else frozenset())
    first = await next_availability(catalog, busy, scope, public.caller, now.date(), int(now.timestamp()))
    distance = None
    if position and lieu and lieu.latitude is not None and lieu.longitude is not None:
        distance = haversine(position[0], position[1], lieu.latitude, lieu.longitude)
    return PublicPlace(motif_id, motif.organisation_id, lieu, distance, first, zone_of(catalog, motif))
