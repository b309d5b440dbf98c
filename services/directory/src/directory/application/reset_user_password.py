"""An usager chooses a new password through the link of the reset e-mail.

- The link works once and for 2 hours; the password follows the policy of agents'.
- Following the link proves the e-mail address: an unconfirmed account becomes confirmed.
- Every session of the usager ends (refresh tokens revoked); failed sign-ins are forgotten.
"""

import asyncio

from directory.application.account_links import use_link
from directory.application.context import Context
from directory.application.password_resets import INVALID_LINK, ResetPassword, forget_sign_in_failures
from directory.application.request_user_password_reset import USER_PASSWORD_RESET
from directory.domain.errors import InvalidField
from directory.domain.passwords import check_password


async def reset_user_password(ctx: Context, command: ResetPassword) -> None:
    check_password(command.password)
    password_hash = await asyncio.to_thread(ctx.passwords.hash, command.password)
    now = ctx.clock()
    async with ctx.uow() as uow:
        user = await uow.users.get(await use_link(ctx, uow, USER_PASSWORD_RESET, command.token, INVALID_LINK))
        credentials = await uow.user_credentials.get(user.id) if user else None
        if user is None or user.deleted_at is not None or credentials is None:
            raise InvalidField("token", INVALID_LINK)
        await uow.user_credentials.put(user.id, password_hash, credentials[1] or now)
        await uow.refresh_tokens.revoke_subject(f"user:{user.id}", now)
        await uow.commit()
    await forget_sign_in_failures(ctx, user.email)
