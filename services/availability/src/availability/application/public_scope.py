"""What an usager or a prescripteur can see from a public link (an organisation's or a territory's).

- Only active motifs the caller may book (`bookable_by`), with at least one plage still to come.
- Follow-up motifs are held by the usager's referent agents only (reference §1.7, §3.1): hidden from
  the general search; the invitation search of a signed-in usager (`with_referents`) lists only them,
  and each of their searches sees only the referents' plages. Being followed counts as an invitation.
- Collective motifs count only with a collective RDV that still has seats, within the booking delays.
"""

from dataclasses import dataclass
from datetime import date, time, timedelta

from availability.application.ports import CollectiveRdv, ReferentReader
from availability.application.slot_search import BusyReader, SearchScope, candidate_plages, zone_of
from availability.domain.booking_rules import Caller, may_book, slot_query
from availability.domain.catalog import Catalog, Motif
from availability.domain.errors import InvalidPlage, NotFound
from availability.domain.schedule import instant


@dataclass(frozen=True)
class PublicScope:
    territory_id: int | None = None
    organisation_id: int | None = None
    caller: Caller = "user"
    user_id: int | None = None
    with_referents: bool = False

    def organisation_ids(self, catalog: Catalog) -> set[int]:
        if self.organisation_id is not None:
            if self.organisation_id not in catalog.organisations:
                raise NotFound("organisation introuvable")
            return {self.organisation_id}
        if self.territory_id is None:
            raise InvalidPlage("territory_id", "un territoire ou une organisation est requis")
        if self.territory_id not in catalog.territories:
            raise NotFound("territoire introuvable")
        return {org.id for org in catalog.organisations.values() if org.territory_id == self.territory_id}


async def held_by(motif: Motif, user_id: int | None, referents: ReferentReader) -> frozenset[int]:
    """The agents the caller may book the motif with: all (empty set), or an usager's referents."""
    if not motif.follow_up:
        return frozenset()
    agents = await referents.of_user(user_id) if user_id is not None else frozenset()
    if not agents:
        raise NotFound("motif introuvable")
    return agents


def bookable_publicly(motif: Motif, caller: Caller) -> bool:
    return may_book(motif, caller, invited=motif.follow_up)


async def public_motifs(
    catalog: Catalog, scope: PublicScope, today: date, busy: BusyReader, referents: ReferentReader, now: int
) -> list[Motif]:
    organisations = scope.organisation_ids(catalog)
    agents = await referents.of_user(scope.user_id) if scope.with_referents and scope.user_id else None
    found = []
    for motif in catalog.motifs.values():
        if motif.organisation_id not in organisations or not bookable_publicly(motif, scope.caller):
            continue
        if motif.follow_up != scope.with_referents or (motif.follow_up and not agents):
            continue
        if motif.collectif:
            if await open_collective_rdvs(catalog, motif, scope.caller, busy, today, now):
                found.append(motif)
        elif _has_future_plage(catalog, SearchScope(motif, agent_ids=agents or frozenset()), today):
            found.append(motif)
    return found


def _has_future_plage(catalog: Catalog, scope: SearchScope, today: date) -> bool:
    return any(
        plage.span.last_day is None or plage.span.last_day >= today
        for plage in candidate_plages(catalog, scope)
    )


async def open_collective_rdvs(
    catalog: Catalog, motif: Motif, caller: Caller, busy: BusyReader, today: date, now: int
) -> list[CollectiveRdv]:
    """Collective RDVs of the motif with seats left, within the caller's booking delays."""
    zone = zone_of(catalog, motif)
    bounds = slot_query(motif, caller, today, today + timedelta(days=366), now, zone, lambda _: False)
    if bounds is None:
        return []
    end = instant(bounds.last_day + timedelta(days=1), time.min, zone)
    rdvs = await busy.collective(motif.id, bounds.not_before, end)
    return [rdv for rdv in rdvs if rdv.seats_left is None or rdv.seats_left > 0]
