"""What the agents' and usagers' password resets share: the commands, the limits, the messages."""

from dataclasses import dataclass

from directory.application.context import Context
from directory.domain.errors import TooManyAttempts

INVALID_LINK = "lien de réinitialisation invalide ou expiré"
TOO_MANY_REQUESTS = "Trop de demandes de réinitialisation : réessayez dans quelques minutes"


@dataclass(frozen=True)
class RequestPasswordReset:
    email: str
    client_ip: str


@dataclass(frozen=True)
class ResetPassword:
    token: str
    password: str


async def count_request(ctx: Context, command: RequestPasswordReset) -> None:
    """Per e-mail and per IP, known e-mail or not: the limit itself reveals nothing."""
    keys = f"account:reset:{command.email.strip().lower()}", f"ip:reset:{command.client_ip}"
    if not await ctx.limiter.allowed(*keys):
        raise TooManyAttempts(TOO_MANY_REQUESTS)
    await ctx.limiter.count_failure(*keys)


async def forget_sign_in_failures(ctx: Context, email: str | None) -> None:
    """A new password lifts the lock that failed sign-ins put on the account."""
    if email:
        await ctx.limiter.reset(f"account:{email.strip().lower()}")
