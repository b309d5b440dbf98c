"""Forgotten passwords of agents and usagers: ask for a link, then choose a new password with it."""

from fastapi import APIRouter, status

from directory.application.password_resets import RequestPasswordReset, ResetPassword
from directory.application.request_agent_password_reset import request_agent_password_reset
from directory.application.request_user_password_reset import request_user_password_reset
from directory.application.reset_agent_password import reset_agent_password
from directory.application.reset_user_password import reset_user_password
from directory.entrypoints.http.deps import ClientIp, Ctx
from directory.entrypoints.http.schemas import EmailBody, NewPasswordBody, doc

router = APIRouter(tags=["auth"])

SENT = {"message": "Si un compte existe pour cette adresse, un e-mail vous a été envoyé"}


@router.post(
    "/api/v1/auth/password_reset",
    description=doc(request_agent_password_reset),
    status_code=status.HTTP_202_ACCEPTED,
)
async def agent_password_reset(body: EmailBody, ctx: Ctx, ip: ClientIp) -> dict[str, str]:
    await request_agent_password_reset(ctx, RequestPasswordReset(body.email, ip))
    return SENT


@router.put(
    "/api/v1/auth/password", description=doc(reset_agent_password), status_code=status.HTTP_204_NO_CONTENT
)
async def agent_password(body: NewPasswordBody, ctx: Ctx) -> None:
    await reset_agent_password(ctx, ResetPassword(body.token, body.password))


@router.post(
    "/api/v1/user_auth/password_reset",
    description=doc(request_user_password_reset),
    status_code=status.HTTP_202_ACCEPTED,
)
async def user_password_reset(body: EmailBody, ctx: Ctx, ip: ClientIp) -> dict[str, str]:
    await request_user_password_reset(ctx, RequestPasswordReset(body.email, ip))
    return SENT


@router.put(
    "/api/v1/user_auth/password", description=doc(reset_user_password), status_code=status.HTTP_204_NO_CONTENT
)
async def user_password(body: NewPasswordBody, ctx: Ctx) -> None:
    await reset_user_password(ctx, ResetPassword(body.token, body.password))
