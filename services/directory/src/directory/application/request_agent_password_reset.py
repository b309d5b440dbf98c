"""An agent who forgot their password asks for a link to choose a new one ("Mot de passe oublié").

- The answer is the same whether the e-mail is known or not; only an active agent gets the link
  (`agent.password_reset_requested`, e-mailed by the notifications service).
- The link works once, for 2 hours; asking again makes the previous link stop working.
- Requests are limited per e-mail and per client IP.
"""

from rdv_contracts.directory import AgentPasswordResetRequested
from rdv_contracts.registry import envelope

from directory.application.account_links import issue_link
from directory.application.context import Context
from directory.application.password_resets import RequestPasswordReset, count_request

AGENT_PASSWORD_RESET = "agent_password_reset"


async def request_agent_password_reset(ctx: Context, command: RequestPasswordReset) -> None:
    await count_request(ctx, command)
    async with ctx.uow() as uow:
        agent = await uow.agents.by_email(command.email)
        if agent is None or agent.deleted_at is not None or not agent.email:
            return
        secret, expires_at = await issue_link(
            ctx, uow, AGENT_PASSWORD_RESET, f"agent:{agent.id}", ctx.auth.password_reset_ttl_seconds
        )
        request = AgentPasswordResetRequested(
            agent_id=agent.id,
            email=agent.email,
            first_name=agent.first_name,
            last_name=agent.last_name,
            url=ctx.link("/agents/password/edit", secret),
            expires_at=expires_at,
        )
        uow.publish(envelope(request, aggregate_id=agent.id, organisation_id=None))
        await uow.commit()
