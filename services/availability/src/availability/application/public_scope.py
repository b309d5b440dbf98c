"""What an usager or a prescripteur can see from a public link (an organisation's or a territory's).

Only active motifs the caller may book (`bookable_by`), not follow-up ones (those need an invitation
with referents), with at least one plage still to come; collective motifs count only with an RDV
that has seats left (reference §3.1).
"""

from dataclasses import dataclass
from datetime import date

from availability.application.slot_search import SearchScope, candidate_plages
from availability.domain.booking_rules import Caller, may_book
from availability.domain.catalog import Catalog, Motif
from availability.domain.errors import InvalidPlage, NotFound


@dataclass(frozen=True)
class PublicScope:
    territory_id: int | None = None
    organisation_id: int | None = None
    caller: Caller = "user"

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


def public_motifs(catalog: Catalog, scope: PublicScope, today: date) -> list[Motif]:
    organisations = scope.organisation_ids(catalog)
    return [
        motif
        for motif in catalog.motifs.values()
        if motif.organisation_id in organisations
        and may_book(motif, scope.caller)
        and not motif.follow_up
        and (motif.collectif or _has_future_plage(catalog, motif, today))
    ]


def _has_future_plage(catalog: Catalog, motif: Motif, today: date) -> bool:
    return any(
        plage.span.last_day is None or plage.span.last_day >= today
        for plage in candidate_plages(catalog, SearchScope(motif))
    )
