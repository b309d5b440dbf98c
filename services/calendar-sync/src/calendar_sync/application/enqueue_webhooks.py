"""Queues one delivery per subscribed, enabled endpoint; the body is frozen now, as in the existing
system, and each delivery is keyed by (event id, endpoint) so that a replayed event adds nothing."""

import json
import uuid
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from calendar_sync.domain.local_time import local_iso
from calendar_sync.domain.webhook_models import WebhookEvent, WebhookModel

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
    return json.dumps({"data": data, "meta": meta}, ensure_ascii=False, default=str).encode()


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
    endpoints = await stores.endpoints.subscribed(organisation_ids, model.value)
    if not endpoints:
        return 0
    body = webhook_body(model, event, await data(), reason, occurred_at)
    for endpoint in endpoints:
        await stores.deliveries.add(endpoint.id, event_id, model.value, event.value, body, now)
    return len(endpoints)
