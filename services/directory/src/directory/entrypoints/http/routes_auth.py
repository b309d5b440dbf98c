"""Sign-in, refresh, sign-out, API tokens exchange, invitation acceptance, usager accounts, JWKS."""

from typing import Any

from fastapi import APIRouter, Request, status

from directory.application.accept_invitation import AcceptInvitation, accept_invitation
from directory.application.confirm_user_email import ConfirmEmail, confirm_user_email
from directory.application.exchange_api_token import ExchangeApiToken, exchange_api_token
from directory.application.refresh_session import RefreshSession, refresh_session
from directory.application.sessions import Session
from directory.application.sign_in_agent import SignIn, sign_in_agent
from directory.application.sign_in_user import sign_in_user
from directory.application.sign_out import SignOut, sign_out
from directory.application.sign_up_user import SignUp, sign_up_user
from directory.entrypoints.http.deps import ClientIp, Ctx
from directory.entrypoints.http.schemas import (
    ApiTokenBody,
    Credentials,
    InvitationAcceptance,
    RefreshBody,
    SignUpBody,
    TokenBody,
    TokenPair,
    doc,
)

router = APIRouter(tags=["auth"])


def _pair(session: Session) -> TokenPair:
    return TokenPair(
        access_token=session.access_token, expires_in=session.expires_in, refresh_token=session.refresh_token
    )


@router.get("/.well-known/jwks.json", summary="Public keys of the access tokens")
async def jwks(request: Request) -> dict[str, Any]:
    document: dict[str, Any] = request.app.state.signer.jwks()
    return document


@router.post("/api/v1/auth/sign_in", description=doc(sign_in_agent))
async def agent_sign_in(body: Credentials, ctx: Ctx, ip: ClientIp) -> TokenPair:
    return _pair(await sign_in_agent(ctx, SignIn(body.email, body.password, ip)))


@router.post("/api/v1/auth/refresh", description=doc(refresh_session))
async def refresh(body: RefreshBody, ctx: Ctx) -> TokenPair:
    return _pair(await refresh_session(ctx, RefreshSession(body.refresh_token)))


@router.post("/api/v1/auth/sign_out", description=doc(sign_out), status_code=status.HTTP_204_NO_CONTENT)
async def logout(body: RefreshBody, ctx: Ctx) -> None:
    await sign_out(ctx, SignOut(body.refresh_token))


@router.post("/api/v1/auth/api_token", description=doc(exchange_api_token))
async def api_token(body: ApiTokenBody, ctx: Ctx, ip: ClientIp, request: Request) -> TokenPair:
    ttl = request.app.state.api_token_ttl_seconds
    return _pair(await exchange_api_token(ctx, ExchangeApiToken(body.token, ip), ttl))


@router.post(
    "/api/v1/auth/invitation", description=doc(accept_invitation), status_code=status.HTTP_204_NO_CONTENT
)
async def invitation(body: InvitationAcceptance, ctx: Ctx) -> None:
    await accept_invitation(ctx, AcceptInvitation(body.token, body.password, body.first_name, body.last_name))


@router.post("/api/v1/user_auth/sign_up", description=doc(sign_up_user), status_code=status.HTTP_202_ACCEPTED)
async def user_sign_up(body: SignUpBody, ctx: Ctx) -> dict[str, str]:
    await sign_up_user(ctx, SignUp(body.first_name, body.last_name, body.email, body.password))
    return {"message": "Un e-mail de confirmation a été envoyé si l'adresse peut être utilisée"}


@router.post(
    "/api/v1/user_auth/confirmation",
    description=doc(confirm_user_email),
    status_code=status.HTTP_204_NO_CONTENT,
)
async def user_confirmation(body: TokenBody, ctx: Ctx) -> None:
    await confirm_user_email(ctx, ConfirmEmail(body.token))


@router.post("/api/v1/user_auth/sign_in", description=doc(sign_in_user))
async def user_sign_in(body: Credentials, ctx: Ctx, ip: ClientIp) -> TokenPair:
    return _pair(await sign_in_user(ctx, SignIn(body.email, body.password, ip)))
