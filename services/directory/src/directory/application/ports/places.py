"""Storage of territories, services, organisations, lieux, motifs and the RDV facts learnt from booking."""

from datetime import datetime
from typing import Protocol

from directory.application.ports.repository import Repository
from directory.domain.memberships import RdvFact
from directory.domain.motif_categories import MotifCategory
from directory.domain.places import Lieu, Motif, MotifFilters
from directory.domain.teams import Team
from directory.domain.territories import Organisation, Service, Territory


class Territories(Repository[Territory], Protocol):
    async def service_ids(self, territory_id: int) -> list[int]: ...

    async def set_service_ids(self, territory_id: int, service_ids: list[int]) -> None: ...

    async def set_sms_configuration(self, territory_id: int, encrypted: bytes | None) -> None: ...

    async def admin_agent_ids(self, territory_id: int) -> set[int]: ...

    async def by_name(self, name: str) -> Territory | None: ...


class Services(Repository[Service], Protocol):
    async def all(self) -> list[Service]: ...

    async def by_name(self, name: str) -> Service | None: ...

    async def by_ids(self, ids: list[int]) -> list[Service]: ...


class Organisations(Repository[Organisation], Protocol):
    async def in_territory(self, territory_id: int) -> list[Organisation]: ...

    async def by_ids(self, ids: list[int]) -> list[Organisation]: ...

    async def named(self, territory_id: int, name: str) -> Organisation | None: ...

    async def territory_ids_of(self, organisation_ids: list[int]) -> set[int]: ...

    async def holdings(self, organisation_id: int) -> dict[str, int]:
        """How many agents, motifs, lieux, usagers and RDVs (any state, any time) it still has."""


class Lieux(Repository[Lieu], Protocol):
    async def in_organisation(
        self, organisation_id: int, offset: int, limit: int
    ) -> tuple[list[Lieu], int]: ...


class Motifs(Repository[Motif], Protocol):
    async def in_organisation(
        self, organisation_id: int, filters: MotifFilters, offset: int, limit: int
    ) -> tuple[list[Motif], int]: ...

    async def by_ids(self, ids: list[int]) -> list[Motif]: ...

    async def live_named(self, motif: Motif) -> Motif | None:
        """Another live motif of the same organisation, location type, service and name."""

    async def of_category(self, category_id: int) -> list[Motif]: ...


class MotifCategories(Repository[MotifCategory], Protocol):
    async def in_territory(
        self, territory_id: int, offset: int, limit: int
    ) -> tuple[list[MotifCategory], int]: ...

    async def clashing(self, category: MotifCategory) -> MotifCategory | None:
        """Another category of the territory with the same short name, or the same name in any case."""

    async def by_ids(self, ids: list[int]) -> list[MotifCategory]: ...

    async def motif_count(self, category_id: int) -> int:
        """Motifs (live or soft-deleted) of the category."""


class Teams(Repository[Team], Protocol):
    async def in_territory(self, territory_id: int, offset: int, limit: int) -> tuple[list[Team], int]: ...

    async def named(self, territory_id: int, name: str) -> Team | None:
        """The team of the territory with that name, whatever its case."""

    async def with_member(self, agent_id: int) -> list[Team]: ...

    async def agents_of_territory(self, territory_id: int, agent_ids: list[int]) -> set[int]:
        """Those of `agent_ids` who are live agents of an organisation of the territory."""


class RdvFacts(Protocol):
    async def put(self, fact: RdvFact) -> None: ...

    async def forget(self, rdv_id: int) -> None: ...

    async def upcoming_for_agent(
        self, agent_id: int, organisation_id: int | None, now: datetime
    ) -> list[RdvFact]: ...

    async def upcoming_for_users(
        self, user_ids: list[int], organisation_id: int, now: datetime
    ) -> list[RdvFact]: ...

    async def motif_used(self, motif_id: int) -> bool: ...
