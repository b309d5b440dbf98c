"""RDV statistics (seeds: "Statistiques", up to date once statuses are filled in).

Counted from groups of RDVs sharing status, motif, lieu, origin, ISO week and organisation. Rates
are over RDVs whose day has passed (the reference's "past RDVs only"): cancellation = excused or
revoked, no-show = noshow; "à renseigner" = past RDVs whose status is still unknown.
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rdv_contracts.booking import CreatorType, RdvStatus

from booking.domain.statuses import CANCELLED


@dataclass(frozen=True)
class RdvGroup:
    status: RdvStatus
    motif_id: int
    lieu_id: int | None
    origin: CreatorType
    week: str
    """ISO week of the start in the territory's time zone, e.g. "2026-W48"."""
    organisation_id: int
    past: bool
    count: int


@dataclass
class Statistics:
    total: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    by_motif: Counter[int] = field(default_factory=Counter)
    by_service: Counter[int] = field(default_factory=Counter)
    by_lieu: Counter[int | None] = field(default_factory=Counter)
    by_origin: Counter[str] = field(default_factory=Counter)
    by_week: Counter[str] = field(default_factory=Counter)
    by_organisation: Counter[int] = field(default_factory=Counter)
    by_agent: Counter[int] = field(default_factory=Counter)
    past: int = 0
    past_cancelled: int = 0
    past_noshow: int = 0
    to_fill_in: int = 0

    @property
    def cancellation_rate(self) -> float | None:
        return round(self.past_cancelled / self.past, 4) if self.past else None

    @property
    def noshow_rate(self) -> float | None:
        return round(self.past_noshow / self.past, 4) if self.past else None


def statistics_of(
    groups: Iterable[RdvGroup], agent_counts: Mapping[int, int], motif_services: Mapping[int, int | None]
) -> Statistics:
    stats = Statistics(by_agent=Counter(agent_counts))
    for g in groups:
        stats.total += g.count
        stats.by_status[g.status.value] += g.count
        stats.by_motif[g.motif_id] += g.count
        service_id = motif_services.get(g.motif_id)
        if service_id is not None:
            stats.by_service[service_id] += g.count
        stats.by_lieu[g.lieu_id] += g.count
        stats.by_origin[g.origin.value] += g.count
        stats.by_week[g.week] += g.count
        stats.by_organisation[g.organisation_id] += g.count
        if g.past:
            stats.past += g.count
            stats.past_cancelled += g.count if g.status in CANCELLED else 0
            stats.past_noshow += g.count if g.status is RdvStatus.NOSHOW else 0
            stats.to_fill_in += g.count if g.status is RdvStatus.UNKNOWN else 0
    return stats
