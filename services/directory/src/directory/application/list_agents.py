"""Agents of an organisation, as the caller may see them.

- Admins, territory admins and secretariat members see every agent of the organisation.
- A basic agent sees the agents who share one of their services.
- Removed agents are not listed.
"""

from directory.application.access import agent_for, organisation_for
from directory.application.context import Context
from directory.domain import rights
from directory.domain.agents import Agent
from directory.domain.caller import Caller


async def list_agents(
    ctx: Context, caller: Caller, organisation_id: int, offset: int, limit: int
) -> tuple[list[Agent], int]:
    async with ctx.uow() as uow:
        organisation = await organisation_for(uow, caller, organisation_id)
        every = rights.sees_every_agent_of(caller, organisation.id, organisation.territory_id)
        return await uow.agents.in_organisation(
            organisation_id, None if every else set(caller.service_ids), offset, limit
        )


async def get_agent(ctx: Context, caller: Caller, agent_id: int) -> tuple[Agent, list[int], list[int]]:
    """The agent, their service ids and organisation ids."""
    async with ctx.uow() as uow:
        agent = await agent_for(uow, caller, agent_id)
        memberships = await uow.agents.memberships(agent_id)
        return agent, await uow.agents.service_ids(agent_id), [m.organisation_id for m in memberships]
