from dataclasses import dataclass
from typing import Any

from fastapi import Depends, Request
from rdv_chassis.auth.dependencies import principal_dependency
from rdv_chassis.auth.principal import Principal

from calendar_sync.application.calendar_entries import Links
from calendar_sync.application.ports import Clock, IcsRenderer, Sealer, UnitOfWorkFactory, UrlGuard
from calendar_sync.domain.caller import Caller


@dataclass(frozen=True)
class Services:
    """What the routes hand to the use cases; built by the composition root."""

    unit_of_work: UnitOfWorkFactory
    guard: UrlGuard
    sealer: Sealer
    renderer: IcsRenderer
    links: Links
    clock: Clock
    caldav: Any
    outlook: Any


def services(request: Request) -> Services:
    built: Services = request.app.state.services
    return built


_principal = principal_dependency(lambda request: request.app.state.verifier)


async def current_caller(principal: Principal = Depends(_principal)) -> Caller:
    return Caller(
        kind=principal.kind,
        id=principal.id,
        organisation_levels={
            int(org["id"]): str(org.get("level")) for org in principal.claims.get("orgs") or ()
        },
    )
