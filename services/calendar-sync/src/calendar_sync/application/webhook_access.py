"""Who manages an organisation's webhook endpoints: its admins (and its API tokens, which act as
admins) and the admins of its territory. Another organisation's endpoints answer 404."""

from typing import TYPE_CHECKING

from calendar_sync.domain.caller import Caller
from calendar_sync.domain.errors import NotAllowed, NotFound

if TYPE_CHECKING:
    from calendar_sync.application.ports import Stores


async def ensure_may_manage_webhooks(stores: "Stores", caller: Caller, organisation_id: int) -> None:
    level = caller.organisation_levels.get(organisation_id)
    if level == "admin":
        return
    organisation = await stores.copies.get("organisation", organisation_id)
    if organisation is not None and organisation.get("territory_id") in caller.territory_admin_ids:
        return
    if level is not None:
        raise NotAllowed("seuls les administrateurs de l'organisation gèrent ses webhooks")
    raise NotFound("organisation introuvable")
