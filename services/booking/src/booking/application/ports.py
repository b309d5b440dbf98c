"""What the use cases need from the outside world, as Protocols; adapters and test fakes implement them."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import Literal, Protocol, Self

from rdv_contracts.directory import Agent, Lieu, Motif, Organisation, Service, Territory, User
from rdv_contracts.envelope import EventEnvelope

from booking.domain.link_lock import LinkAttempts
from booking.domain.rdv import Rdv

Clock = Callable[[], datetime]
Caller = Literal["agent", "user", "prescripteur"]


@dataclass(frozen=True)
class SlotRequest:
    motif_id: int
    lieu_id: int | None
    starts_at: datetime
    agent_ids: list[int] | None
    caller: Caller
    exclude_rdv_id: int | None = None
    invited: bool = False


@dataclass(frozen=True)
class SlotDecision:
    bookable: bool
    agent_id: int | None = None
    lieu_id: int | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    reason: str | None = None
    message: str | None = None


class SlotValidator(Protocol):
    """Availability's `POST /internal/v1/slots/validate` (docs/conventions.md)."""

    async def validate(self, request: SlotRequest) -> SlotDecision: ...


@dataclass(frozen=True)
class RdvFilters:
    organisation_id: int
    agent_id: int | None = None
    motif_id: int | None = None
    lieu_id: int | None = None
    status: str | None = None
    user_id: int | None = None
    starts_after: datetime | None = None
    starts_before: datetime | None = None
    visible_service_ids: frozenset[int] | None = None
    """None: every RDV of the organisation; otherwise those motifs' services, plus `own_agent_id`'s RDVs."""
    own_agent_id: int | None = None


class RdvRepository(Protocol):
    async def get(self, rdv_id: int, *, for_update: bool = False) -> Rdv | None: ...
    async def rdv_id_of_participation(self, participation_id: int) -> int | None: ...
    async def add(self, rdv: Rdv) -> None: ...
    async def save(self, rdv: Rdv) -> None: ...
    async def delete(self, rdv: Rdv) -> None: ...
    async def overlapping(self, rdv: Rdv) -> list[int]: ...
    async def forced_overlap_exists(self, rdv: Rdv) -> bool: ...
    async def duplicate_exists(self, rdv: Rdv) -> bool: ...
    async def search(self, filters: RdvFilters, offset: int, limit: int) -> tuple[list[Rdv], int]: ...
    async def of_users(self, user_ids: Sequence[int]) -> list[Rdv]: ...
    async def unknown_past_counts(self, organisation_id: int, now: datetime) -> dict[int, int]: ...


@dataclass(frozen=True)
class MotifContext:
    """A motif with what an usager's recap shows around it, read at once."""

    motif: Motif
    service: Service | None
    organisation: Organisation | None
    territory: Territory | None
    lieu: Lieu | None


class DirectoryCopies(Protocol):
    """Local copies of the directory's entities, kept from its events."""

    async def motif(self, motif_id: int) -> Motif | None: ...
    async def lieu(self, lieu_id: int) -> Lieu | None: ...
    async def agent(self, agent_id: int) -> Agent | None: ...
    async def user(self, user_id: int) -> User | None: ...
    async def relatives(self, user_id: int) -> list[User]: ...
    async def organisation(self, organisation_id: int) -> Organisation | None: ...
    async def territory(self, territory_id: int) -> Territory | None: ...
    async def service(self, service_id: int) -> Service | None: ...
    async def has_role(self, agent_id: int, organisation_id: int) -> bool: ...
    async def has_profile(self, user_id: int, organisation_id: int) -> bool: ...
    async def referent_ids(self, user_id: int) -> list[int]: ...
    async def motif_context(self, motif_id: int, lieu_id: int | None) -> MotifContext | None: ...


@dataclass
class ParticipationLink:
    participation_id: int
    attempts: LinkAttempts


class LinkStore(Protocol):
    async def candidates(self, rdv_id: int) -> tuple[datetime, list[int]] | None:
        """(ends_at, participation ids) of the RDV a link names."""
        ...

    async def attempts_for_update(self, participation_id: int) -> ParticipationLink:
        """The link's attempt counter, locked until the end of the transaction (created on first use)."""
        ...

    async def save_attempts(self, link: ParticipationLink) -> None: ...
    async def log_attempt(self, participation_id: int | None, client: str, outcome: str) -> None: ...
    async def open_session(
        self, session_hash: bytes, participation_id: int, expires_at: datetime
    ) -> None: ...
    async def session(self, session_hash: bytes, now: datetime) -> tuple[int, int] | None:
        """(rdv_id, participation_id) of a live session."""
        ...


class IdempotencyKeys(Protocol):
    async def find(self, scope: str, key: str) -> tuple[str, int | None] | None:
        """(fingerprint, rdv_id) stored by the request that first used the key."""
        ...

    async def claim(self, scope: str, key: str, fingerprint: str) -> bool:
        """False when another request holds the key (waits until that one commits or rolls back)."""
        ...

    async def complete(self, scope: str, key: str, rdv_id: int) -> None: ...


class UnitOfWork(Protocol):
    # Read-only members, so that a unit of work holding the SQL implementations conforms.
    @property
    def rdvs(self) -> RdvRepository: ...
    @property
    def directory(self) -> DirectoryCopies: ...
    @property
    def links(self) -> LinkStore: ...
    @property
    def idempotency(self) -> IdempotencyKeys: ...

    async def __aenter__(self) -> Self: ...
    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...
    def publish(self, envelope: EventEnvelope) -> None: ...
    async def commit(self) -> None: ...


UnitOfWorkFactory = Callable[[], UnitOfWork]


class AttemptLimiter(Protocol):
    async def hit(self, client: str) -> int | None:
        """None when the client may try again now, else the seconds to wait."""
        ...
