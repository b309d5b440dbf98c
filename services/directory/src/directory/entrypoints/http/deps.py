"""What every route needs: the use cases' context, the caller, the client's address, the page."""

from typing import Annotated

from fastapi import Depends, Request
from rdv_chassis.auth.dependencies import principal_dependency
from rdv_chassis.auth.jwt import TokenVerifier
from rdv_chassis.auth.principal import Principal
from rdv_chassis.errors import NotAuthenticated
from rdv_chassis.web.pagination import Page, page_params

from directory.application.context import Context
from directory.domain.caller import Caller


def _context(request: Request) -> Context:
    context: Context = request.app.state.context
    return context


def _verifier(request: Request) -> TokenVerifier:
    verifier: TokenVerifier = request.app.state.verifier
    return verifier


def _caller(principal: Annotated[Principal, Depends(principal_dependency(_verifier))]) -> Caller:
    if principal.kind == "service":
        raise NotAuthenticated("service tokens are not accepted here")
    return Caller(
        kind=principal.kind,
        id=principal.id,
        org_levels={int(o["id"]): str(o.get("level", "basic")) for o in principal.claims.get("orgs") or ()},
        territory_ids=principal.territory_admin_ids,
        service_ids=principal.service_ids,
        secretariat=principal.secretariat,
    )


def _client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


Ctx = Annotated[Context, Depends(_context)]
CallerDep = Annotated[Caller, Depends(_caller)]
ClientIp = Annotated[str, Depends(_client_ip)]
PageDep = Annotated[Page, Depends(page_params())]
