"""Keeps the local copy of a directory or availability entity, and tells the subscribed webhook
endpoints (created, updated, destroyed; `webhook_reason` "rgpd" for retention deletions).

Rules:
- a state older than the copy changes nothing (replays, late events);
- a deleted entity is rendered from its last known state before its copy goes (reference §6.4);
- a motif, lieu or organisation change re-renders the webcal events that show it, a territory's
  new time zone re-renders and pushes again its RDVs (`follow_territory_time_zone.py`);
- an usager's profiles tell which organisations know them now, and which have known them;
- an usager deleted or anonymised is erased from every webhook body we hold, and the `user`
  webhook (destroyed or updated, showing nothing personal) goes to every organisation that has
  known them, even when their profiles were removed first.
"""

from datetime import datetime
from typing import TYPE_CHECKING, Any

from rdv_contracts.envelope import EventEnvelope
from rdv_contracts.registry import parse_payload

from calendar_sync.application.enqueue_webhooks import enqueue_webhooks
from calendar_sync.application.erase_user_from_deliveries import erase_user_from_deliveries
from calendar_sync.application.follow_territory_time_zone import (
    follow_territory_time_zone,
    time_zone_changed,
)
from calendar_sync.application.webhook_data import organisations_of, render
from calendar_sync.domain.erased_users import is_erased
from calendar_sync.domain.webhook_entity_data import user_data
from calendar_sync.domain.webhook_models import WebhookEvent, WebhookModel

if TYPE_CHECKING:
    from calendar_sync.application.ports import Stores

COPIED_ENTITIES = frozenset(
    {"territory", "agent_territorial_role", *(model.value for model in WebhookModel if model != "rdv")}
)
_EVENTS = {
    "created": WebhookEvent.CREATED,
    "updated": WebhookEvent.UPDATED,
    "deleted": WebhookEvent.DESTROYED,
}


async def record_entity_event(stores: "Stores", envelope: EventEnvelope, now: datetime) -> None:
    entity, _, action = envelope.event_type.rpartition(".")
    if entity not in COPIED_ENTITIES or action not in _EVENTS:
        return
    state = parse_payload(envelope).model_dump(mode="json")
    reason = state.get("reason") if action == "deleted" else None
    organisation_id = state["id"] if entity == "organisation" else state.get("organisation_id")
    previous = await stores.copies.get(entity, state["id"]) if entity == "territory" else None
    if action == "deleted":
        state = await stores.copies.get(entity, state["id"]) or state
        await stores.copies.delete(entity, state["id"])
    elif not await stores.copies.save(entity, state["id"], organisation_id, state, envelope.occurred_at):
        return
    await _forget_stale_vevents(stores, entity, state)
    if entity == "territory" and time_zone_changed(previous, state):
        await follow_territory_time_zone(stores, state["id"], now)
    if entity == "user_profile":
        ended = envelope.occurred_at if action == "deleted" else None
        await stores.memberships.record(
            state["user_id"], state["organisation_id"], ended, envelope.occurred_at
        )
    if entity == "user":
        state = await _erase_if_gone(
            stores, state, deleted=action == "deleted", at=envelope.occurred_at, now=now
        )
    if entity not in WebhookModel._value2member_map_:
        return
    model = WebhookModel(entity)
    organisations = await organisations_of(stores, model, state)
    if not organisations and envelope.organisation_id is not None:
        organisations = [envelope.organisation_id]
    await enqueue_webhooks(
        stores,
        organisation_ids=organisations,
        model=model,
        event=_EVENTS[action],
        data=lambda: render(stores, model, state),
        reason=reason,
        event_id=envelope.event_id,
        occurred_at=envelope.occurred_at,
        now=now,
    )
    if entity == "user" and action == "deleted":
        await stores.memberships.forget(state["id"])


async def _erase_if_gone(
    stores: "Stores", state: dict[str, Any], *, deleted: bool, at: datetime, now: datetime
) -> dict[str, Any]:
    """A hard-deleted usager counts as erased from the time of the event."""
    if deleted and not is_erased(state):
        state = state | {"deleted_at": at.isoformat()}
    if is_erased(state):
        await erase_user_from_deliveries(stores, int(state["id"]), user_data(state) or {}, now)
    return state


async def _forget_stale_vevents(stores: "Stores", entity: str, state: dict[str, object]) -> None:
    entity_id = int(str(state["id"]))
    if entity == "motif":
        await stores.rdvs.forget_vevents(motif_id=entity_id)
    elif entity == "lieu":
        await stores.rdvs.forget_vevents(lieu_id=entity_id)
    elif entity == "organisation":
        await stores.rdvs.forget_all_vevents_of_organisation(entity_id)
