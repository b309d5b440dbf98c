"""Keeps the local copy of an RDV, schedules its external calendars, and tells the webhook endpoints.

Rules:
- an RDV version older than or equal to the copy's changes nothing (a replayed event adds nothing);
- every connected agent of the RDV, and every agent who had it before, gets their calendar updated
  (an agent removed from the RDV loses the event; a destroyed RDV leaves every calendar);
- webhooks: `created` for rdv.created, `destroyed` for rdv.destroyed, `updated` otherwise.

Cost: the copies the RDV shows are read in one query, the copy is saved (and its previous agents
read) in another, then one statement each marks the calendars and queues the deliveries.
"""

from datetime import datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from rdv_contracts.booking import RdvEvent
from rdv_contracts.envelope import EventEnvelope
from rdv_contracts.registry import parse_payload

from calendar_sync.application.calendar_entries import Links, entry_for
from calendar_sync.application.enqueue_webhooks import queue_webhooks
from calendar_sync.application.webhook_data import render
from calendar_sync.domain.webhook_models import WebhookEvent, WebhookModel

if TYPE_CHECKING:
    from calendar_sync.application.ports import IcsRenderer, Stores


async def record_rdv_event(
    stores: "Stores", envelope: EventEnvelope, renderer: "IcsRenderer", links: Links, now: datetime
) -> None:
    rdv = parse_payload(envelope, RdvEvent).rdv.model_dump(mode="json")
    await stores.copies.load(copies_shown_by(rdv))
    if envelope.event_type == "rdv.destroyed":
        previous_agents = await stores.rdvs.delete(rdv["id"])
        event = WebhookEvent.DESTROYED
    else:
        vevent = renderer.vevent(await entry_for(stores, rdv, links))
        saved = await stores.rdvs.save(rdv, vevent)
        if not saved.saved:
            return
        previous_agents = saved.previous_agent_ids
        event = WebhookEvent.CREATED if envelope.event_type == "rdv.created" else WebhookEvent.UPDATED
    agents = {*rdv["agent_ids"], *previous_agents}
    await stores.calendar_events.mark_pending(rdv["id"], UUID(rdv["uuid"]), agents, now)
    await queue_webhooks(
        stores,
        organisation_ids=[rdv["organisation_id"]],
        model=WebhookModel.RDV,
        event=event,
        data=await render(stores, WebhookModel.RDV, rdv),
        reason=None,
        event_id=envelope.event_id,
        occurred_at=envelope.occurred_at,
        now=now,
    )


def copies_shown_by(rdv: dict[str, Any]) -> dict[str, list[int | None]]:
    return {
        "organisation": [rdv["organisation_id"]],
        "motif": [rdv["motif_id"]],
        "lieu": [rdv.get("lieu_id")],
        "agent": list(rdv["agent_ids"]),
        "user": [p.get("user_id") for p in rdv.get("participations", [])],
    }
