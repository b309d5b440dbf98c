"""What the statistics use cases read: RDVs grouped by what the figures count."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from booking.application.ports import UnitOfWork
from booking.domain.statistics import RdvGroup


@dataclass(frozen=True)
class StatisticsQuery:
    organisation_ids: list[int]
    time_zone: str
    now: datetime
    starts_after: datetime | None = None
    starts_before: datetime | None = None
    visible_service_ids: frozenset[int] | None = None
    """None: every RDV; otherwise those services' RDVs plus `own_agent_id`'s (a basic agent's scope)."""
    own_agent_id: int | None = None


@dataclass(frozen=True)
class StatisticsRows:
    groups: list[RdvGroup]
    agent_counts: Mapping[int, int]
    motif_services: Mapping[int, int | None]
    names: Mapping[str, Mapping[int, str]]
    """Names by kind ("motif", "service", "lieu", "agent", "organisation") and id."""


class StatisticsSource(Protocol):
    async def rows(self, query: StatisticsQuery) -> StatisticsRows: ...
    async def organisations_of_territory(self, territory_id: int) -> list[int]: ...


class StatisticsUnitOfWork(UnitOfWork, Protocol):
    @property
    def statistics(self) -> StatisticsSource: ...


StatisticsUnits = Callable[[], StatisticsUnitOfWork]
