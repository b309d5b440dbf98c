"""CSRF protection of every form: a random token in an HttpOnly cookie, echoed by a hidden field.

A cross-site page can make the browser send our cookie but can neither read it nor guess it, so it
cannot fill the hidden field (the "double submit" pattern); SameSite=Lax cookies add a second guard.
"""

import secrets

from fastapi import Request, Response

COOKIE = "rdv_csrf"
FIELD = "csrf_token"


class CsrfRefused(Exception):
    def __init__(self) -> None:
        super().__init__("Ce formulaire a expiré. Rechargez la page et recommencez.")


def csrf_token(request: Request) -> str:
    """The token forms of this response carry: the cookie's, or a new one `keep_csrf_cookie` sets."""
    token: str | None = getattr(request.state, "csrf_token", None) or request.cookies.get(COOKIE)
    if not token:
        token = secrets.token_urlsafe(24)
    request.state.csrf_token = token
    return token


def keep_csrf_cookie(request: Request, response: Response, secure: bool) -> None:
    token = getattr(request.state, "csrf_token", None)
    if token and token != request.cookies.get(COOKIE):
        response.set_cookie(COOKIE, token, httponly=True, samesite="lax", secure=secure, path="/")


async def check_csrf(request: Request) -> None:
    """A FastAPI dependency of every POST page route."""
    form = await request.form()
    sent, expected = form.get(FIELD), request.cookies.get(COOKIE)
    if not isinstance(sent, str) or not expected or not secrets.compare_digest(sent, expected):
        raise CsrfRefused()
