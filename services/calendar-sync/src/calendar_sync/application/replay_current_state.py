"""Sends `created` for every record of the endpoint's subscribed models in its organisation, from the
local copies (reference §6.4, "Initial sync"); each replayed record is a new message."""

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

from calendar_sync.application.enqueue_webhooks import webhook_body
from calendar_sync.application.webhook_data import render
from calendar_sync.domain.webhook_models import WebhookEvent, WebhookModel
from calendar_sync.domain.webhook_users import user_ids_in

if TYPE_CHECKING:
    from calendar_sync.application.ports import Stores
    from calendar_sync.application.records import WebhookEndpointRow


async def replay_current_state(stores: "Stores", endpoint: "WebhookEndpointRow", now: datetime) -> int:
    count = 0
    for name in endpoint.subscriptions:
        model = WebhookModel(name)
        for state in await _states(stores, model, endpoint.organisation_id):
            data = await render(stores, model, state)
            body = webhook_body(model, WebhookEvent.CREATED, data, None, now)
            await stores.deliveries.add(
                endpoint.id, uuid.uuid4(), model.value, "created", body, now, user_ids_in(model.value, data)
            )
            count += 1
    return count


async def _states(stores: "Stores", model: WebhookModel, organisation_id: int) -> list[dict[str, Any]]:
    copies = stores.copies
    match model:
        case WebhookModel.RDV:
            return await stores.rdvs.of_organisation(organisation_id)
        case WebhookModel.ORGANISATION:
            organisation = await copies.get("organisation", organisation_id)
            return [organisation] if organisation else []
        case WebhookModel.AGENT | WebhookModel.ABSENCE:
            roles = await copies.of_organisation("agent_role", organisation_id)
            agent_ids = [role["agent_id"] for role in roles]
            if model == WebhookModel.AGENT:
                return list((await copies.get_many("agent", agent_ids)).values())
            return await copies.where_in("absence", "agent_id", agent_ids)
        case WebhookModel.USER | WebhookModel.REFERENT_ASSIGNATION:
            profiles = await copies.of_organisation("user_profile", organisation_id)
            user_ids = [profile["user_id"] for profile in profiles]
            if model == WebhookModel.USER:
                return list((await copies.get_many("user", user_ids)).values())
            return await copies.where_in("referent_assignation", "user_id", user_ids)
        case _:
            return await copies.of_organisation(model.value, organisation_id)
