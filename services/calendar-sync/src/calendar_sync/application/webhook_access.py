"""Who manages an organisation's webhook endpoints: its admins (and its API tokens, which act as
admins) and the admins of its territory (reference §1.4, AgentTerritorialRole). Another
organisation's endpoints answer 404.

The territorial role is read from our copy of directory's `agent_territorial_role`, not from the
token's `territories` claim: a role directory revoked stops working as soon as we hear of it,
not when the agent's token expires."""

from typing import TYPE_CHECKING

from calendar_sync.domain.caller import Caller
from calendar_sync.domain.errors import NotAllowed, NotFound

if TYPE_CHECKING:
    from calendar_sync.application.ports import Stores


async def ensure_may_manage_webhooks(stores: "Stores", caller: Caller, organisation_id: int) -> None:
    level = caller.organisation_levels.get(organisation_id)
    if level == "admin":
        return
    if caller.is_agent and await _is_territory_admin_of(stores, caller.id, organisation_id):
        return
    if level is not None:
        raise NotAllowed("seuls les administrateurs de l'organisation gèrent ses webhooks")
    raise NotFound("organisation introuvable")


async def _is_territory_admin_of(stores: "Stores", agent_id: int, organisation_id: int) -> bool:
    organisation = await stores.copies.get("organisation", organisation_id)
    if organisation is None:
        return False
    roles = await stores.copies.where_in("agent_territorial_role", "agent_id", [agent_id])
    return any(role.get("territory_id") == organisation.get("territory_id") for role in roles)
