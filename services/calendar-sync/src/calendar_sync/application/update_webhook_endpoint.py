"""Changes a webhook endpoint's URL, secret or subscriptions.

Rules: as at creation (rights, URL safety, unique URL, known models); saving an endpoint enables it
again if it was disabled; with `trigger` (the default) the current state is sent again.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from calendar_sync.application.create_webhook_endpoint import checked_subscriptions
from calendar_sync.application.ports import Sealer, UnitOfWorkFactory, UrlGuard
from calendar_sync.application.replay_current_state import replay_current_state
from calendar_sync.application.webhook_access import ensure_may_manage_webhooks
from calendar_sync.application.webhook_endpoint_view import WebhookEndpointView
from calendar_sync.domain.caller import Caller
from calendar_sync.domain.errors import Conflict, NotFound


@dataclass(frozen=True)
class UpdateWebhookEndpoint:
    organisation_id: int
    endpoint_id: int
    target_url: str | None = None
    secret: str | None = None
    subscriptions: list[str] | None = None
    trigger: bool = True


async def update_webhook_endpoint(
    unit_of_work: UnitOfWorkFactory,
    guard: UrlGuard,
    sealer: Sealer,
    caller: Caller,
    command: UpdateWebhookEndpoint,
    now: datetime,
) -> WebhookEndpointView:
    changes: dict[str, Any] = {"disabled_at": None, "disabled_reason": None}
    if command.subscriptions is not None:
        changes["subscriptions"] = checked_subscriptions(command.subscriptions)
    if command.secret is not None:
        changes["secret_encrypted"] = sealer.seal(command.secret)
    async with unit_of_work() as uow:
        await ensure_may_manage_webhooks(uow.stores, caller, command.organisation_id)
        if await uow.stores.endpoints.get(command.organisation_id, command.endpoint_id) is None:
            raise NotFound("webhook introuvable")
        if command.target_url is not None:
            await guard.check(command.target_url, "target_url")
            changes["target_url"] = command.target_url
        row = await uow.stores.endpoints.change(command.endpoint_id, **changes)
        if row is None:
            raise Conflict("cette organisation a déjà un webhook vers cette URL")
        if command.trigger:
            await replay_current_state(uow.stores, row, now)
        await uow.commit()
    return WebhookEndpointView.of(row, sealer)
