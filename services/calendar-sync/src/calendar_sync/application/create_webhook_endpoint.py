"""Registers a webhook endpoint for an organisation.

Rules:
- organisation admins and territory admins only (another organisation: 404);
- one endpoint per target URL in an organisation (409);
- subscriptions among rdv, absence, plage_ouverture, user, user_profile, organisation, motif, lieu,
  agent, agent_role, referent_assignation; by default rdv, absence and plage_ouverture;
- the URL must not lead to a private, loopback or link-local address unless the configuration allows
  it, checked on its resolved addresses before anything is stored;
- with `trigger` (the default), the current state of the subscribed models is sent as `created`.
"""

from dataclasses import dataclass
from datetime import datetime

from calendar_sync.application.ports import Sealer, UnitOfWorkFactory, UrlGuard
from calendar_sync.application.replay_current_state import replay_current_state
from calendar_sync.application.webhook_access import ensure_may_manage_webhooks
from calendar_sync.application.webhook_endpoint_view import WebhookEndpointView
from calendar_sync.domain.caller import Caller
from calendar_sync.domain.errors import Conflict, InvalidField
from calendar_sync.domain.webhook_models import DEFAULT_SUBSCRIPTIONS, WebhookModel


@dataclass(frozen=True)
class CreateWebhookEndpoint:
    organisation_id: int
    target_url: str
    secret: str
    subscriptions: list[str] | None = None
    trigger: bool = True


def checked_subscriptions(subscriptions: list[str] | None) -> list[str]:
    if subscriptions is None:
        return sorted(model.value for model in DEFAULT_SUBSCRIPTIONS)
    unknown = sorted(set(subscriptions) - set(WebhookModel._value2member_map_))
    if unknown:
        raise InvalidField("subscriptions", f"modèles inconnus : {', '.join(unknown)}")
    return sorted(set(subscriptions))


async def create_webhook_endpoint(
    unit_of_work: UnitOfWorkFactory,
    guard: UrlGuard,
    sealer: Sealer,
    caller: Caller,
    command: CreateWebhookEndpoint,
    now: datetime,
) -> WebhookEndpointView:
    subscriptions = checked_subscriptions(command.subscriptions)
    async with unit_of_work() as uow:
        await ensure_may_manage_webhooks(uow.stores, caller, command.organisation_id)
        await guard.check(command.target_url, "target_url")
        row = await uow.stores.endpoints.add(
            command.organisation_id, command.target_url, sealer.seal(command.secret), subscriptions
        )
        if row is None:
            raise Conflict("cette organisation a déjà un webhook vers cette URL")
        if command.trigger:
            await replay_current_state(uow.stores, row, now)
        await uow.commit()
    return WebhookEndpointView.of(row, sealer)
