"""An invited agent chooses their password through the single-use link of the invitation e-mail.

- The link works once and expires after 7 days.
- The password follows the policy (12+ characters, digit, uppercase, special character).
"""

import asyncio
from dataclasses import dataclass

from directory.application.account_links import use_link
from directory.application.context import Context
from directory.application.invite_agent import INVITATION
from directory.application.publishing import publish_agent
from directory.domain.errors import InvalidField
from directory.domain.passwords import check_password

INVALID_LINK = "lien d'invitation invalide ou expiré"


@dataclass(frozen=True)
class AcceptInvitation:
    token: str
    password: str
    first_name: str | None = None
    last_name: str | None = None


async def accept_invitation(ctx: Context, command: AcceptInvitation) -> None:
    check_password(command.password)
    async with ctx.uow() as uow:
        agent = await uow.agents.get(await use_link(ctx, uow, INVITATION, command.token, INVALID_LINK))
        if agent is None or agent.deleted_at is not None:
            raise InvalidField("token", INVALID_LINK)
        password_hash = await asyncio.to_thread(ctx.passwords.hash, command.password)
        await uow.agents.set_password_hash(agent.id, password_hash)
        if command.first_name or command.last_name:
            agent.first_name = command.first_name or agent.first_name
            agent.last_name = command.last_name or agent.last_name
            await publish_agent(uow, await uow.agents.save(agent), created=False)
        await uow.commit()
