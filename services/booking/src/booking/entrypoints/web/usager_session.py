"""The signed-in usager of a page: directory's access token kept in an HttpOnly, SameSite=Lax cookie."""

from dataclasses import dataclass

from fastapi import Request, Response
from rdv_chassis.auth.jwt import TokenVerifier
from rdv_chassis.errors import NotAuthenticated

COOKIE = "rdv_usager"


@dataclass(frozen=True)
class UsagerSession:
    user_id: int
    token: str


async def current_usager(request: Request) -> UsagerSession | None:
    token = request.cookies.get(COOKIE)
    if not token:
        return None
    verifier: TokenVerifier = request.app.state.booking.verifier
    try:
        principal = await verifier.verify(token)
    except NotAuthenticated:  # expired or forged: just "not signed in", the page asks again
        return None
    return UsagerSession(principal.id, token) if principal.kind == "user" else None


def keep_usager(response: Response, token: str, max_age: int, secure: bool) -> None:
    response.set_cookie(
        COOKIE, token, max_age=max_age, httponly=True, samesite="lax", secure=secure, path="/"
    )


def forget_usager(response: Response) -> None:
    response.delete_cookie(COOKIE, path="/")
