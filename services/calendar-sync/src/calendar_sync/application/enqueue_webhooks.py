"""Queues one delivery per subscribed, enabled endpoint; the body is frozen now, as in the existing
system, and each delivery is keyed by (event id, endpoint) so that a replayed event adds nothing.
Each delivery records the usagers its body shows, so that an erasure can find it."""

import json
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from calendar_sync.domain.local_time import local_iso
from calendar_sync.domain.webhook_models import WebhookEvent, WebhookModel
from calendar_sync.domain.webhook_users import user_ids_in, with_users_replaced

if TYPE_CHECKING:
    from calendar_sync.application.ports import Stores


def webhook_body(
    model: WebhookModel, event: WebhookEvent, data: dict[str, Any], reason: str | None, at: datetime
) -> bytes:
    meta = {
        "model": model.class_name,
        "event": event.value,
        "webhook_reason": reason,
        "timestamp": local_iso(at),
    }
    return _dumps({"data": data, "meta": meta})


def body_with_users_replaced(
    model: str, body: bytes, replacements: Mapping[int, dict[str, Any]]
) -> tuple[bytes, list[int]]:
    """The body showing the replacements instead of those usagers, and the usagers it now shows."""
    payload = json.loads(body)
    data = with_users_replaced(model, payload["data"], replacements)
    return _dumps(payload | {"data": data}), user_ids_in(model, data)


def _dumps(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, default=str).encode()


async def queue_webhooks(
    stores: "Stores",
    *,
    organisation_ids: Sequence[int],
    model: WebhookModel,
    event: WebhookEvent,
    data: dict[str, Any],
    reason: str | None,
    event_id: uuid.UUID,
    occurred_at: datetime,
    now: datetime,
) -> int:
    """With `data` already rendered: one statement, whether or not an endpoint is subscribed."""
    return await stores.deliveries.add_for_subscribers(
        organisation_ids,
        model=model.value,
        event=event.value,
        event_id=event_id,
        body=webhook_body(model, event, data, reason, occurred_at),
        user_ids=user_ids_in(model.value, data),
        due=now,
    )


async def enqueue_webhooks(
    stores: "Stores",
    *,
    organisation_ids: Sequence[int],
    model: WebhookModel,
    event: WebhookEvent,
    data: Callable[[], Awaitable[dict[str, Any]]],
    reason: str | None,
    event_id: uuid.UUID,
    occurred_at: datetime,
    now: datetime,
) -> int:
    """Renders `data` (which may read more copies) only when an endpoint is subscribed."""
    if not await stores.endpoints.subscribed(organisation_ids, model.value):
        return 0
    return await queue_webhooks(
        stores,
        organisation_ids=organisation_ids,
        model=model,
        event=event,
        data=await data(),
        reason=reason,
        event_id=event_id,
        occurred_at=occurred_at,
        now=now,
    )
