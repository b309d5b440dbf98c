"""Invite an agent into an organisation with an access level and services (seeds: "Inviter un agent").

- Only an admin of the organisation (or of its territory) invites.
- An unknown e-mail creates the agent and sends a single-use link to choose a password (7 days).
- An agent already known (another organisation) simply gets the role: no new e-mail.
- An intervenant has no e-mail and never signs in; only the last name is required.
- The role is unique per agent and organisation.
"""

from dataclasses import dataclass, field

from rdv_contracts.directory import AccessLevel, AgentInvited
from rdv_contracts.registry import envelope

from directory.application.access import organisation_for
from directory.application.account_links import issue_link
from directory.application.context import Context
from directory.application.publishing import publish_agent, publish_state
from directory.domain.agents import Agent, AgentRole, check_invitation
from directory.domain.caller import Caller
from directory.domain.errors import Conflict, InvalidField

INVITATION = "agent_invitation"


@dataclass(frozen=True)
class InviteAgent:
    organisation_id: int
    access_level: AccessLevel
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    service_ids: list[int] = field(default_factory=list)


async def invite_agent(ctx: Context, caller: Caller, command: InviteAgent) -> tuple[Agent, AgentRole]:
    check_invitation(command.email, command.last_name, command.access_level)
    async with ctx.uow() as uow:
        organisation = await organisation_for(uow, caller, command.organisation_id, admin=True)
        if len(await uow.services.by_ids(command.service_ids)) != len(set(command.service_ids)):
            raise InvalidField("service_ids", "service inconnu")
        # An empty e-mail is no e-mail: stored as "" it would collide with the next intervenant's.
        candidate = Agent(
            email=command.email or None, first_name=command.first_name, last_name=command.last_name or ""
        )
        candidate.validate()
        agent = await uow.agents.by_email(candidate.email) if candidate.email else None
        created = agent is None or agent.deleted_at is not None
        if agent is None:
            agent = await uow.agents.add(candidate)
        elif agent.deleted_at is not None:
            agent.deleted_at = None
            agent = await uow.agents.save(agent)
        assert agent.id is not None
        if await uow.agent_roles.of(agent.id, organisation.id) is not None:
            raise Conflict("Cet agent fait déjà partie de l'organisation")
        role = await uow.agent_roles.add(
            AgentRole(agent_id=agent.id, organisation_id=organisation.id, access_level=command.access_level)
        )
        if command.service_ids:
            await uow.agents.set_service_ids(
                agent.id, sorted({*await uow.agents.service_ids(agent.id), *command.service_ids})
            )
        await publish_agent(uow, agent, created=created)
        publish_state(uow, role, created=True, organisation_id=organisation.id)
        if agent.email and await uow.agents.password_hash(agent.id) is None:
            secret, expires_at = await issue_link(
                ctx, uow, INVITATION, f"agent:{agent.id}", ctx.auth.invitation_ttl_seconds
            )
            inviter = await uow.agents.get(caller.id) if caller.kind == "agent" else None
            invitation = AgentInvited(
                agent_id=agent.id,
                email=agent.email,
                first_name=agent.first_name,
                last_name=agent.last_name,
                url=ctx.link("/agents/invitation", secret),
                expires_at=expires_at,
                organisation_name=organisation.name,
                invited_by_first_name=inviter.first_name if inviter else None,
                invited_by_last_name=inviter.last_name if inviter else None,
            )
            uow.publish(envelope(invitation, aggregate_id=agent.id, organisation_id=organisation.id))
        await uow.commit()
    return agent, role
