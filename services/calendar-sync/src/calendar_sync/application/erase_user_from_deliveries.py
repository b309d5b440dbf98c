"""An usager was deleted or anonymised: they disappear from every webhook body we still hold.

Rules (product decisions, "Data protection"; GDPR art. 17):
- every stored delivery whose body shows the usager, pending or not, now shows them erased: their
  id and the erasure, nothing personal; the webhook-id and everything else stay;
- the erasure is remembered, so that a body rendered before it (by a transaction that committed
  after it) is scrubbed the same way when it is claimed, before it leaves.
"""

from datetime import datetime
from typing import TYPE_CHECKING, Any

from calendar_sync.application.enqueue_webhooks import body_with_users_replaced

if TYPE_CHECKING:
    from calendar_sync.application.ports import Stores


async def erase_user_from_deliveries(
    stores: "Stores", user_id: int, shown: dict[str, Any], now: datetime
) -> int:
    """Returns how many stored bodies were rewritten."""
    await stores.erased_users.add(user_id, shown, now)
    return await replace_user_in_deliveries(stores, user_id, shown)


async def replace_user_in_deliveries(stores: "Stores", user_id: int, shown: dict[str, Any]) -> int:
    stored = await stores.deliveries.holding_user(user_id)
    for delivery in stored:
        body, user_ids = body_with_users_replaced(delivery.model, delivery.body, {user_id: shown})
        await stores.deliveries.replace_body(delivery.id, body, user_ids)
    return len(stored)
