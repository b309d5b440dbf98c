"""Change an agent's identity, notification preferences or services.

- An agent changes their own names and notification levels.
- A territory admin of one of the agent's organisations changes any of these, and is the only one
  who changes an agent's services (seeds: "Seul un agent admin d'espace [peut] modifier les services").
- An organisation admin may change names of agents of their organisation.
"""

from collections.abc import Mapping
from typing import Any

from directory.application.access import agent_for
from directory.application.changes import apply_changes
from directory.application.context import Context
from directory.application.publishing import publish_agent
from directory.domain.agents import Agent
from directory.domain.caller import Caller
from directory.domain.errors import Conflict, InvalidField, NotAllowed

SELF_FIELDS = (
    "first_name",
    "last_name",
    "rdv_notifications_level",
    "plage_ouverture_notification_level",
    "absence_notification_level",
)
ADMIN_FIELDS = ("first_name", "last_name", "external_id")


async def update_agent(
    ctx: Context,
    caller: Caller,
    agent_id: int,
    changes: Mapping[str, Any],
    service_ids: list[int] | None = None,
) -> Agent:
    async with ctx.uow() as uow:
        agent = await agent_for(uow, caller, agent_id)
        memberships = await uow.agents.memberships(agent_id)
        territory_admin = any(m.territory_id in caller.territory_ids for m in memberships)
        org_admin = any(caller.level_in(m.organisation_id) == "admin" for m in memberships)
        myself = caller.kind == "agent" and caller.id == agent_id
        allowed = set()
        if myself:
            allowed |= set(SELF_FIELDS)
        if org_admin or caller.kind == "system":
            allowed |= set(ADMIN_FIELDS)
        if territory_admin or caller.kind == "system":
            allowed |= {*SELF_FIELDS, *ADMIN_FIELDS, "email"}
        if not allowed or (service_ids is not None and not (territory_admin or caller.kind == "system")):
            raise NotAllowed("Vous ne pouvez pas modifier cet agent")
        agent = apply_changes(agent, changes, allowed)
        agent.validate()
        if agent.email and (other := await uow.agents.by_email(agent.email)) and other.id != agent_id:
            raise Conflict("Un autre agent utilise déjà cette adresse e-mail")
        agent = await uow.agents.save(agent)
        if service_ids is not None:
            if len(await uow.services.by_ids(service_ids)) != len(set(service_ids)):
                raise InvalidField("service_ids", "service inconnu")
            await uow.agents.set_service_ids(agent_id, service_ids)
        await publish_agent(uow, agent, created=False)
        await uow.commit()
    return agent
