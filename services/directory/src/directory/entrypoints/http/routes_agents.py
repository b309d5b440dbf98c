"""Agents: invitation, list, read, update, roles, removal, territory admins."""

from typing import Any

from fastapi import APIRouter, status
from pydantic import BaseModel, Field
from rdv_contracts import directory as dr

from directory.application import agent_roles, invite_agent, list_agents, territory_admins, update_agent
from directory.entrypoints.http.deps import CallerDep, Ctx, PageDep
from directory.entrypoints.http.schemas import Meta, Strict, as_contract, doc

router = APIRouter(tags=["agents"])


class Invitation(Strict):
    email: str | None = Field(default=None, examples=["nouvel.agent@mairie.example"])
    first_name: str | None = None
    last_name: str | None = None
    access_level: dr.AccessLevel = dr.AccessLevel.BASIC
    service_ids: list[int] = Field(default_factory=list)


class AgentFields(Strict):
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    external_id: str | None = None
    rdv_notifications_level: dr.RdvNotificationLevel | None = None
    plage_ouverture_notification_level: dr.NotificationLevel | None = None
    absence_notification_level: dr.NotificationLevel | None = None
    service_ids: list[int] | None = None


class RoleFields(Strict):
    access_level: dr.AccessLevel


class AgentOut(BaseModel):
    agent: dr.Agent


class AgentsOut(BaseModel):
    agents: list[dr.Agent]
    meta: Meta


def _agent(agent: Any, service_ids: list[int], organisation_ids: list[int]) -> AgentOut:
    return AgentOut(
        agent=as_contract(dr.Agent, agent, service_ids=service_ids, organisation_ids=organisation_ids)
    )


@router.get("/api/v1/organisations/{organisation_id}/agents", description=doc(list_agents.list_agents))
async def agents_of_organisation(
    organisation_id: int, ctx: Ctx, caller: CallerDep, page: PageDep
) -> AgentsOut:
    found, total = await list_agents.list_agents(ctx, caller, organisation_id, page.offset, page.limit)
    return AgentsOut(agents=[as_contract(dr.Agent, a) for a in found], meta=Meta(**page.meta(total)))


@router.post(
    "/api/v1/organisations/{organisation_id}/agents",
    status_code=status.HTTP_201_CREATED,
    description=doc(invite_agent.invite_agent),
)
async def invite(organisation_id: int, body: Invitation, ctx: Ctx, caller: CallerDep) -> AgentOut:
    command = invite_agent.InviteAgent(
        organisation_id, body.access_level, body.email, body.first_name, body.last_name, body.service_ids
    )
    agent, _ = await invite_agent.invite_agent(ctx, caller, command)
    return _agent(*await list_agents.get_agent(ctx, caller, agent.id))


@router.get("/api/v1/agents/{agent_id}")
async def get_agent(agent_id: int, ctx: Ctx, caller: CallerDep) -> AgentOut:
    return _agent(*await list_agents.get_agent(ctx, caller, agent_id))


@router.patch("/api/v1/agents/{agent_id}", description=doc(update_agent.update_agent))
async def patch_agent(agent_id: int, body: AgentFields, ctx: Ctx, caller: CallerDep) -> AgentOut:
    changes = body.model_dump(exclude_unset=True, exclude={"service_ids"})
    await update_agent.update_agent(ctx, caller, agent_id, changes, body.service_ids)
    return _agent(*await list_agents.get_agent(ctx, caller, agent_id))


@router.patch(
    "/api/v1/organisations/{organisation_id}/agents/{agent_id}",
    description=doc(agent_roles.change_access_level),
)
async def change_role(
    organisation_id: int, agent_id: int, body: RoleFields, ctx: Ctx, caller: CallerDep
) -> dict[str, dr.AgentRole]:
    role = await agent_roles.change_access_level(ctx, caller, organisation_id, agent_id, body.access_level)
    return {"agent_role": as_contract(dr.AgentRole, role)}


@router.delete(
    "/api/v1/organisations/{organisation_id}/agents/{agent_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    description=doc(agent_roles.remove_agent_from_organisation),
)
async def remove_agent(organisation_id: int, agent_id: int, ctx: Ctx, caller: CallerDep) -> None:
    await agent_roles.remove_agent_from_organisation(ctx, caller, organisation_id, agent_id)


@router.post(
    "/api/v1/territories/{territory_id}/admins/{agent_id}",
    status_code=status.HTTP_201_CREATED,
    description=doc(territory_admins.add_territory_admin),
)
async def add_territory_admin(
    territory_id: int, agent_id: int, ctx: Ctx, caller: CallerDep
) -> dict[str, dr.AgentTerritorialRole]:
    role = await territory_admins.add_territory_admin(ctx, caller, territory_id, agent_id)
    return {"agent_territorial_role": as_contract(dr.AgentTerritorialRole, role)}


@router.delete("/api/v1/territories/{territory_id}/admins/{agent_id}", status_code=status.HTTP_204_NO_CONTENT)
async def remove_territory_admin(territory_id: int, agent_id: int, ctx: Ctx, caller: CallerDep) -> None:
    await territory_admins.remove_territory_admin(ctx, caller, territory_id, agent_id)
