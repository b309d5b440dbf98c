"""What the use cases need from the outside world, as Protocols the adapters implement."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from types import TracebackType
from typing import Protocol, Self

from rdv_contracts.envelope import EventEnvelope

from availability.domain.absence import AbsenceRecord
from availability.domain.catalog import Catalog
from availability.domain.intervals import Interval
from availability.domain.plage import PlageRecord

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class RdvSummary:
    id: int
    organisation_id: int
    motif_id: int
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class CollectiveRdv:
    id: int
    lieu_id: int | None
    agent_ids: tuple[int, ...]
    starts_at: int
    ends_at: int
    seats_left: int | None


class PlageRepository(Protocol):
    async def add(self, record: PlageRecord) -> PlageRecord: ...
    async def get(self, plage_id: int) -> PlageRecord | None: ...
    async def update(self, record: PlageRecord) -> None: ...
    async def delete(self, plage_id: int) -> None: ...
    async def list_for(self, organisation_ids: Sequence[int], agent_id: int | None) -> list[PlageRecord]: ...
    async def ended_before(self, day: date, limit: int) -> list[PlageRecord]: ...


class AbsenceRepository(Protocol):
    async def add(self, record: AbsenceRecord) -> AbsenceRecord: ...
    async def get(self, absence_id: int) -> AbsenceRecord | None: ...
    async def update(self, record: AbsenceRecord) -> None: ...
    async def delete(self, absence_id: int) -> None: ...
    async def list_for(self, agent_ids: Sequence[int]) -> list[AbsenceRecord]: ...


class BusyTimes(Protocol):
    async def by_agent(
        self, agent_ids: Sequence[int], start: int, end: int, exclude_rdv_id: int | None = None
    ) -> dict[int, list[Interval]]: ...
    async def rdvs_of(self, agent_id: int, since: datetime) -> list[RdvSummary]: ...
    async def collective(self, motif_id: int, start: int, end: int) -> list[CollectiveRdv]: ...


class AgendaUnitOfWork(Protocol):
    @property
    def plages(self) -> PlageRepository: ...
    @property
    def absences(self) -> AbsenceRepository: ...
    @property
    def busy(self) -> BusyTimes: ...

    async def __aenter__(self) -> Self: ...
    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...
    def publish(self, envelope: EventEnvelope) -> None: ...
    def publish_tombstone(self, topic: str, key: str) -> None: ...
    def catalog_changed(self) -> None: ...
    async def commit(self) -> None: ...


class TeamReader(Protocol):
    async def members(self, team_ids: frozenset[int]) -> dict[int, tuple[int, frozenset[int]]]:
        """team id → (its territory id, its member agents), for the known teams among `team_ids`."""
        ...


class ReferentReader(Protocol):
    async def of_user(self, user_id: int) -> frozenset[int]:
        """The usager's referent agents."""
        ...


class CatalogSource(Protocol):
    async def current(self) -> Catalog: ...


class IcalRenderer(Protocol):
    def plage(self, record: PlageRecord) -> str: ...
    def absence(self, record: AbsenceRecord) -> str: ...
