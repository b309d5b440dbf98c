"""In-memory doubles of booking's ports, for handler tests without IO."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Self

from booking.application.ports import MotifContext, SlotDecision, SlotRequest
from booking.domain.rdv import Rdv
from rdv_contracts.directory import Motif, User
from rdv_contracts.envelope import EventEnvelope


class FakeSlots:
    """Stands for availability's validate call: answers what the test sets."""

    def __init__(self, decision: SlotDecision) -> None:
        self.decision = decision
        self.requests: list[SlotRequest] = []

    async def validate(self, request: SlotRequest) -> SlotDecision:
        self.requests.append(request)
        return self.decision


@dataclass
class FakeRdvs:
    stored: dict[int, Rdv] = field(default_factory=dict)

    async def get(self, rdv_id: int, *, for_update: bool = False) -> Rdv | None:
        return self.stored.get(rdv_id)

    async def add(self, rdv: Rdv) -> None:
        rdv.id = len(self.stored) + 1
        for n, p in enumerate(rdv.participations):
            p.id = rdv.id * 100 + n
        self.stored[rdv.id] = rdv

    async def forced_overlap_exists(self, rdv: Rdv) -> bool:
        return False


@dataclass
class FakeDirectory:
    motifs: dict[int, Motif] = field(default_factory=dict)
    users: dict[int, User] = field(default_factory=dict)
    profiles: set[tuple[int, int]] = field(default_factory=set)
    referents: dict[int, list[int]] = field(default_factory=dict)

    async def motif(self, motif_id: int) -> Motif | None:
        return self.motifs.get(motif_id)

    async def user(self, user_id: int) -> User | None:
        return self.users.get(user_id)

    async def has_profile(self, user_id: int, organisation_id: int) -> bool:
        return (user_id, organisation_id) in self.profiles

    async def referent_ids(self, user_id: int) -> list[int]:
        return self.referents.get(user_id, [])

    async def organisation(self, organisation_id: int) -> None:
        return None

    async def service(self, service_id: int) -> None:
        return None

    async def lieu(self, lieu_id: int) -> None:
        return None

    async def motif_context(self, motif_id: int, lieu_id: int | None) -> MotifContext | None:
        motif = self.motifs.get(motif_id)
        return MotifContext(motif, None, None, None, None) if motif else None

    async def relatives(self, user_id: int) -> list[User]:
        return [u for u in self.users.values() if u.responsible_id == user_id]


@dataclass
class FakeUnitOfWork:
    rdvs: FakeRdvs
    directory: FakeDirectory
    published: list[EventEnvelope] = field(default_factory=list)
    committed: list[EventEnvelope] = field(default_factory=list)
    idempotency: Any = None
    links: Any = None

    async def __aenter__(self) -> Self:
        self.published = []
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.published = []

    def publish(self, envelope: EventEnvelope) -> None:
        self.published.append(envelope)

    async def commit(self) -> None:
        self.committed.extend(self.published)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)
