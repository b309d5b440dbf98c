from collections.abc import Awaitable, Callable

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from rdv_chassis.auth.jwt import TokenVerifier
from rdv_chassis.auth.principal import Principal
from rdv_chassis.errors import NotAuthenticated

VerifierGetter = Callable[[Request], TokenVerifier]

# auto_error=False: a missing token must answer our 401 shape, not FastAPI's 403.
_bearer = HTTPBearer(auto_error=False)


def principal_dependency(get_verifier: VerifierGetter) -> Callable[..., Awaitable[Principal]]:
    """`Depends(principal_dependency(...))`: the verified caller, 401 without a valid bearer token."""

    async def principal(
        request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)
    ) -> Principal:
        if credentials is None:
            raise NotAuthenticated("missing bearer token")
        return await get_verifier(request).verify(credentials.credentials)

    return principal


def optional_principal(get_verifier: VerifierGetter) -> Callable[..., Awaitable[Principal | None]]:
    """None without a token; an invalid token is still a 401 rather than an anonymous call."""

    async def principal(
        request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)
    ) -> Principal | None:
        if credentials is None:
            return None
        return await get_verifier(request).verify(credentials.credentials)

    return principal
