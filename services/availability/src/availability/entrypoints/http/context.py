"""What the routes need, built once by the composition root and kept on `app.state`."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from rdv_chassis.auth.dependencies import optional_principal, principal_dependency
from rdv_chassis.auth.jwt import TokenVerifier
from rdv_chassis.auth.principal import Principal
from rdv_chassis.runtime import Database

from availability.adapters.busy_times import PooledBusyTimes
from availability.adapters.catalog_cache import CatalogCache
from availability.adapters.ical import IcsRenderer
from availability.adapters.referents import SqlReferents
from availability.adapters.teams import SqlTeams
from availability.adapters.unit_of_work import SqlAgendaUnitOfWork
from availability.application.ports import Clock
from availability.domain.errors import NotAllowed
from availability.domain.rights import Caller


@dataclass(frozen=True)
class ApiContext:
    database: Database
    catalogs: CatalogCache
    busy: PooledBusyTimes
    ical: IcsRenderer
    clock: Clock
    verifier: TokenVerifier
    referents: SqlReferents
    teams: SqlTeams

    def uow(self) -> SqlAgendaUnitOfWork:
        return SqlAgendaUnitOfWork(self.database)

    def writers(self) -> tuple[SqlAgendaUnitOfWork, CatalogCache, IcsRenderer, Clock]:
        return self.uow(), self.catalogs, self.ical, self.clock

    def searchers(self) -> tuple[CatalogCache, PooledBusyTimes, Clock, SqlTeams]:
        return self.catalogs, self.busy, self.clock, self.teams

    def readers(self) -> tuple[CatalogCache, PooledBusyTimes, SqlReferents, Clock]:
        return self.catalogs, self.busy, self.referents, self.clock


def _context(request: Request) -> ApiContext:
    context: ApiContext = request.app.state.context
    return context


def caller_of(principal: Principal) -> Caller:
    if principal.kind not in ("agent", "api_token"):
        raise NotAllowed("réservé aux agents")
    levels = {int(org["id"]): str(org.get("level", "basic")) for org in principal.claims.get("orgs") or ()}
    return Caller(
        agent_id=principal.id if principal.kind == "agent" else None,
        levels=levels,
        territory_admin_ids=principal.territory_admin_ids,
        service_ids=principal.service_ids,
        secretariat=principal.secretariat,
    )


_principal = principal_dependency(lambda request: _context(request).verifier)
_optional_principal = optional_principal(lambda request: _context(request).verifier)


async def _agent(principal: Annotated[Principal, Depends(_principal)]) -> Caller:
    return caller_of(principal)


async def _usager(principal: Annotated[Principal | None, Depends(_optional_principal)]) -> int | None:
    """A signed-in usager (follow-up motifs are theirs to see); anyone else searches anonymously."""
    return principal.id if principal is not None and principal.kind == "user" else None


Context = Annotated[ApiContext, Depends(_context)]
AgentCaller = Annotated[Caller, Depends(_agent)]
UsagerId = Annotated[int | None, Depends(_usager)]
