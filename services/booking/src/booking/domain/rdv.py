"""The RDV aggregate: its time, people, status, and the counters consumers rely on."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

from rdv_contracts.booking import CreatorType, Prescripteur, RdvStatus, SingleUseLieu

from booking.domain.cascades import follow_rdv_status, rdv_status_from
from booking.domain.errors import InvalidRdv, RdvFull, RdvNotFound
from booking.domain.participation import Participation
from booking.domain.statuses import CANCELLED, COLLECTIVE_STATUSES

EARLIEST_START = datetime(2018, 1, 1, tzinfo=UTC)
LATEST_AHEAD = timedelta(days=5 * 365)


@dataclass
class Rdv:
    organisation_id: int
    motif_id: int
    starts_at: datetime
    ends_at: datetime
    agent_ids: list[int]
    participations: list[Participation]
    created_by: CreatorType
    created_by_id: int | None
    created_at: datetime
    lieu_id: int | None = None
    single_use_lieu: SingleUseLieu | None = None
    status: RdvStatus = RdvStatus.UNKNOWN
    cancelled_at: datetime | None = None
    context: str | None = None
    name: str | None = None
    collectif: bool = False
    max_participants_count: int | None = None
    prescripteur: Prescripteur | None = None
    forced: bool = False
    """An agent knowingly overlapped another RDV: its times are not guarded against overlaps."""
    sequence: int = 0
    version: int = 1
    uuid: UUID = field(default_factory=uuid4)
    updated_at: datetime | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        self.updated_at = self.updated_at or self.created_at
        check_times(self.starts_at, self.ends_at, self.created_at)
        self.check_invariants()

    def check_invariants(self) -> None:
        if not self.agent_ids:
            raise InvalidRdv("agent_ids", "Au moins un agent est requis.")
        if not self.collectif and not self.participations:
            raise InvalidRdv("user_ids", "Au moins un usager est requis pour un RDV individuel.")
        if self.collectif and self.users_count > (self.max_participants_count or self.users_count):
            raise RdvFull()

    @property
    def duration_in_min(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def is_cancelled(self) -> bool:
        return self.status in CANCELLED

    @property
    def users_count(self) -> int:
        return sum(1 for p in self.participations if not p.is_cancelled)

    @property
    def guards_agents(self) -> bool:
        """Whether its agents' busy ranges enter the no-overlap constraint."""
        return not self.is_cancelled and not self.forced

    @property
    def has_seats(self) -> bool:
        return self.max_participants_count is None or self.users_count < self.max_participants_count

    def participation(self, participation_id: int) -> Participation:
        found = next((p for p in self.participations if p.id == participation_id), None)
        if found is None:
            raise RdvNotFound("Participation introuvable.")
        return found

    def participation_of(self, user_id: int) -> Participation | None:
        return next((p for p in self.participations if p.user_id == user_id), None)

    def set_status(self, status: RdvStatus, now: datetime) -> None:
        if self.collectif and status not in COLLECTIVE_STATUSES:
            raise InvalidRdv("status", "Un RDV collectif peut seulement être à venir, vu ou annulé.")
        follow_rdv_status(self.participations, status)
        self._become(status, now)

    def set_participation_status(
        self, participation: Participation, status: RdvStatus, now: datetime
    ) -> None:
        participation.status = status
        self._become(rdv_status_from(self.participations, self.status, collectif=self.collectif), now)

    def reschedule(self, starts_at: datetime, ends_at: datetime, now: datetime) -> None:
        check_times(starts_at, ends_at, now)
        self.starts_at, self.ends_at = starts_at, ends_at

    def add_participation(self, participation: Participation) -> None:
        if self.collectif and not self.has_seats:
            raise RdvFull()
        self.participations.append(participation)

    def touch(self, now: datetime) -> None:
        """Every change is a new version, and a new ICS SEQUENCE for calendars."""
        self.version += 1
        self.sequence += 1
        self.updated_at = now

    def _become(self, status: RdvStatus, now: datetime) -> None:
        if status in CANCELLED and self.status not in CANCELLED:
            self.cancelled_at = now
        elif status not in CANCELLED:
            self.cancelled_at = now if status is RdvStatus.NOSHOW else None
        self.status = status


def check_times(starts_at: datetime, ends_at: datetime, now: datetime) -> None:
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise InvalidRdv("starts_at", "L'heure doit préciser son fuseau horaire.")
    if ends_at <= starts_at:
        raise InvalidRdv("duration_in_min", "La durée doit être positive.")
    if starts_at < EARLIEST_START or starts_at > now + LATEST_AHEAD:
        raise InvalidRdv("starts_at", "La date doit être postérieure à 2018 et à moins de 5 ans.")
