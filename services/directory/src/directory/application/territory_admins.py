"""Territory admins (agents territoriaux): only a territory admin names or removes one, and every
territory keeps at least one."""

from directory.application.access import agent_for, require_territory_admin
from directory.application.context import Context
from directory.application.publishing import publish_deletion, publish_state
from directory.domain.agents import AgentTerritorialRole, check_territory_admins_remain
from directory.domain.caller import Caller
from directory.domain.errors import Conflict, NotFound


async def add_territory_admin(
    ctx: Context, caller: Caller, territory_id: int, agent_id: int
) -> AgentTerritorialRole:
    async with ctx.uow() as uow:
        await require_territory_admin(uow, caller, territory_id)
        await agent_for(uow, caller, agent_id)
        if await uow.territorial_roles.of(agent_id, territory_id) is not None:
            raise Conflict("Cet agent administre déjà l'espace")
        role = await uow.territorial_roles.add(
            AgentTerritorialRole(agent_id=agent_id, territory_id=territory_id)
        )
        publish_state(uow, role, created=True, organisation_id=None)
        await uow.commit()
    return role


async def remove_territory_admin(ctx: Context, caller: Caller, territory_id: int, agent_id: int) -> None:
    async with ctx.uow() as uow:
        await require_territory_admin(uow, caller, territory_id)
        role = await uow.territorial_roles.of(agent_id, territory_id)
        if role is None:
            raise NotFound("agent introuvable")
        check_territory_admins_remain(await uow.territories.admin_agent_ids(territory_id), agent_id)
        await uow.territorial_roles.remove(role.id)
        publish_deletion(uow, role, None, agent_id=agent_id, territory_id=territory_id)
        await uow.commit()
