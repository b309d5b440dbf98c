"""An agent's role in an organisation: change of access level, removal from the organisation.

- Only an admin of the organisation (or of its territory) changes roles.
- The organisation always keeps at least one admin.
- An agent with upcoming, non-cancelled RDVs in the organisation is not removed: the answer lists them.
- An agent removed from their last organisation is soft-deleted (reference §1.4): services, referent
  links and territorial roles go, the e-mail is freed, sessions are revoked.
- Removing an agent from an organisation publishes `agent_role.deleted`, not `agent.deleted`.
- An agent who no longer works in a territory leaves its teams (`team.updated`).
"""

from rdv_contracts.directory import AccessLevel

from directory.application.access import organisation_for
from directory.application.context import Context
from directory.application.ports import UnitOfWork
from directory.application.publishing import publish_agent, publish_deletion, publish_state
from directory.application.team_members import leave_teams_outside
from directory.domain.agents import AgentRole, check_admins_remain
from directory.domain.caller import Caller
from directory.domain.errors import Conflict, NotFound
from directory.domain.memberships import describe_rdvs


async def _role(uow: UnitOfWork, caller: Caller, organisation_id: int, agent_id: int) -> AgentRole:
    await organisation_for(uow, caller, organisation_id, admin=True)
    role = await uow.agent_roles.of(agent_id, organisation_id)
    if role is None:
        raise NotFound("agent introuvable")
    return role


async def change_access_level(
    ctx: Context, caller: Caller, organisation_id: int, agent_id: int, level: AccessLevel
) -> AgentRole:
    async with ctx.uow() as uow:
        role = await _role(uow, caller, organisation_id, agent_id)
        if role.access_level is AccessLevel.ADMIN and level is not AccessLevel.ADMIN:
            check_admins_remain(await uow.agent_roles.admin_agent_ids(organisation_id), agent_id)
        role.access_level = level
        role = await uow.agent_roles.save(role)
        publish_state(uow, role, created=False, organisation_id=organisation_id)
        await uow.commit()
    return role


async def remove_agent_from_organisation(
    ctx: Context, caller: Caller, organisation_id: int, agent_id: int
) -> None:
    async with ctx.uow() as uow:
        role = await _role(uow, caller, organisation_id, agent_id)
        if role.access_level is AccessLevel.ADMIN:
            check_admins_remain(await uow.agent_roles.admin_agent_ids(organisation_id), agent_id)
        upcoming = await uow.rdv_facts.upcoming_for_agent(agent_id, organisation_id, ctx.clock())
        if upcoming:
            raise Conflict(f"L'agent a des RDV à venir dans l'organisation : {describe_rdvs(upcoming)}")
        await uow.agent_roles.remove(role.id)
        publish_deletion(uow, role, organisation_id, agent_id=agent_id, organisation_id=organisation_id)
        await leave_teams_outside(uow, agent_id)
        agent = await uow.agents.get(agent_id, for_update=True)
        assert agent is not None
        if not await uow.agents.memberships(agent_id):
            await _soft_delete(ctx, uow, agent_id)
        else:
            await publish_agent(uow, agent, created=False)
        await uow.commit()


async def _soft_delete(ctx: Context, uow: UnitOfWork, agent_id: int) -> None:
    agent = await uow.agents.get(agent_id)
    assert agent is not None
    for referent in await uow.referents.of_agent(agent_id):
        await uow.referents.remove(referent.id)
        publish_deletion(uow, referent, None, user_id=referent.user_id, agent_id=agent_id)
    for territory_id in await uow.agents.territories_administered(agent_id):
        territorial = await uow.territorial_roles.of(agent_id, territory_id)
        assert territorial is not None
        await uow.territorial_roles.remove(territorial.id)
        publish_deletion(uow, territorial, None, agent_id=agent_id, territory_id=territory_id)
    await uow.agents.set_service_ids(agent_id, [])
    await uow.agents.set_password_hash(agent_id, None)
    await uow.refresh_tokens.revoke_subject(f"agent:{agent_id}", ctx.clock())
    agent.soft_delete(ctx.clock())
    await publish_agent(uow, await uow.agents.save(agent), created=False)
