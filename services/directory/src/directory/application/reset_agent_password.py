"""An agent chooses a new password through the link of the reset e-mail.

- The link works once and for 2 hours; the password follows the policy (12+ characters, digit,
  uppercase letter, special character).
- Every session of the agent ends: their refresh tokens are revoked (access tokens expire within
  15 minutes); failed sign-ins counted against the account are forgotten.
"""

import asyncio

from directory.application.account_links import use_link
from directory.application.context import Context
from directory.application.password_resets import INVALID_LINK, ResetPassword, forget_sign_in_failures
from directory.application.request_agent_password_reset import AGENT_PASSWORD_RESET
from directory.domain.errors import InvalidField
from directory.domain.passwords import check_password


async def reset_agent_password(ctx: Context, command: ResetPassword) -> None:
    check_password(command.password)
    password_hash = await asyncio.to_thread(ctx.passwords.hash, command.password)
    async with ctx.uow() as uow:
        agent = await uow.agents.get(
            await use_link(ctx, uow, AGENT_PASSWORD_RESET, command.token, INVALID_LINK)
        )
        if agent is None or agent.deleted_at is not None:
            raise InvalidField("token", INVALID_LINK)
        await uow.agents.set_password_hash(agent.id, password_hash)
        await uow.refresh_tokens.revoke_subject(f"agent:{agent.id}", ctx.clock())
        await uow.commit()
    await forget_sign_in_failures(ctx, agent.email)
