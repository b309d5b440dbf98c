"""What routes get injected: the use cases' collaborators, the caller's rights, the client address."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from rdv_chassis.auth.dependencies import principal_dependency
from rdv_chassis.auth.jwt import TokenVerifier
from rdv_chassis.auth.principal import Principal

from booking.application.ports import AttemptLimiter, Clock, SlotValidator, UnitOfWorkFactory
from booking.domain.errors import NotAllowed
from booking.domain.rights import AgentAccess


@dataclass(frozen=True)
class Collaborators:
    uow: UnitOfWorkFactory
    clock: Clock
    slots: SlotValidator
    limiter: AttemptLimiter
    verifier: TokenVerifier
    public_base_url: str
    link_secret: str


# Dependencies are `async def`: FastAPI runs plain `def` ones in a thread pool, a hop per request.


async def collaborators(request: Request) -> Collaborators:
    found: Collaborators = request.app.state.booking
    return found


_principal = principal_dependency(lambda request: request.app.state.booking.verifier)


async def agent_access(principal: Annotated[Principal, Depends(_principal)]) -> AgentAccess:
    if principal.kind not in ("agent", "api_token"):
        raise NotAllowed("Réservé aux agents.")
    levels = {int(org["id"]): str(org.get("level")) for org in principal.claims.get("orgs") or ()}
    return AgentAccess(
        principal.id, levels, principal.service_ids, principal.secretariat, principal.territory_admin_ids
    )


async def usager_id(principal: Annotated[Principal, Depends(_principal)]) -> int:
    if principal.kind != "user":
        raise NotAllowed("Réservé aux usagers connectés.")
    return principal.id


async def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


Deps = Annotated[Collaborators, Depends(collaborators)]
Agent = Annotated[AgentAccess, Depends(agent_access)]
Usager = Annotated[int, Depends(usager_id)]
ClientAddress = Annotated[str, Depends(client_address)]
