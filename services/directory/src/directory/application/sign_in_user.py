"""An usager signs in with the e-mail and password of their account.

- Same answer and duration for an unknown e-mail, a wrong password or an unconfirmed e-mail.
- Failures are rate-limited per account and per IP like agents'.
- Success gives a 15-minute access token (`sub` = `user:<id>`, no organisations) and a refresh token.
"""

import asyncio

from directory.application.context import Context
from directory.application.sessions import Session, open_session, user_claims
from directory.application.sign_in_agent import TOO_MANY, WRONG_CREDENTIALS, SignIn, limiter_keys
from directory.domain.errors import AuthenticationFailed, TooManyAttempts


async def sign_in_user(ctx: Context, command: SignIn) -> Session:
    keys = limiter_keys(command)
    if not await ctx.limiter.allowed(*keys):
        raise TooManyAttempts(TOO_MANY)
    async with ctx.uow() as uow:
        user = await uow.users.by_email(command.email)
        credentials = await uow.user_credentials.get(user.id) if user and user.deleted_at is None else None
        if credentials is None:
            await asyncio.to_thread(ctx.passwords.burn_time, command.password)
        elif (
            await asyncio.to_thread(ctx.passwords.verify, credentials[0], command.password) and credentials[1]
        ):
            assert user is not None
            session = await open_session(ctx, uow, user_claims(user.id))
            await uow.commit()
            await ctx.limiter.reset(keys[0])
            return session
    await ctx.limiter.count_failure(*keys)
    raise AuthenticationFailed(WRONG_CREDENTIALS)
