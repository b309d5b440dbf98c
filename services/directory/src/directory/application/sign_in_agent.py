"""Sign in an agent with e-mail and password.

- The answer and its duration are the same for an unknown e-mail and a wrong password.
- Failures are counted per account and per client IP; over either limit, sign-in is refused for a while
  even with the right password.
- Intervenants (no e-mail) and agents removed from every organisation cannot sign in.
- Success gives a 15-minute access token and a refresh token.
"""

import asyncio
from dataclasses import dataclass

from directory.application.context import Context
from directory.application.sessions import Session, agent_claims, open_session
from directory.domain.errors import AuthenticationFailed, TooManyAttempts

WRONG_CREDENTIALS = "E-mail ou mot de passe incorrect"
TOO_MANY = "Trop de tentatives de connexion : réessayez dans quelques minutes"


@dataclass(frozen=True)
class SignIn:
    email: str
    password: str
    client_ip: str


def limiter_keys(command: SignIn) -> tuple[str, str]:
    return f"account:{command.email.strip().lower()}", f"ip:{command.client_ip}"


async def sign_in_agent(ctx: Context, command: SignIn) -> Session:
    keys = limiter_keys(command)
    if not await ctx.limiter.allowed(*keys):
        raise TooManyAttempts(TOO_MANY)
    async with ctx.uow() as uow:
        agent = await uow.agents.by_email(command.email)
        password_hash = None
        if agent is not None and agent.deleted_at is None:
            password_hash = await uow.agents.password_hash(agent.id)
        if password_hash is None:
            await asyncio.to_thread(ctx.passwords.burn_time, command.password)
        elif await asyncio.to_thread(ctx.passwords.verify, password_hash, command.password):
            assert agent is not None and agent.id is not None
            session = await open_session(ctx, uow, await agent_claims(uow, agent.id))
            await uow.commit()
            await ctx.limiter.reset(keys[0])
            return session
    await ctx.limiter.count_failure(*keys)
    raise AuthenticationFailed(WRONG_CREDENTIALS)
