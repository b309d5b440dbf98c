"""Renders a webhook `data` from a local copy, with the related copies it embeds, and finds the
organisations whose endpoints receive it (reference §6.4, "Routing")."""

from typing import TYPE_CHECKING, Any

from calendar_sync.domain import webhook_entity_data as shapes
from calendar_sync.domain.erased_users import is_erased
from calendar_sync.domain.webhook_models import WebhookModel
from calendar_sync.domain.webhook_rdv_data import rdv_data

if TYPE_CHECKING:
    from calendar_sync.application.ports import Stores

State = dict[str, Any]


async def render(stores: "Stores", model: WebhookModel, state: State) -> dict[str, Any]:
    copies = stores.copies
    match model:
        case WebhookModel.RDV:
            participations = state.get("participations", [])
            return rdv_data(
                state,
                time_zone=await copies.time_zone_of(state["organisation_id"]),
                organisation=await copies.get("organisation", state["organisation_id"]),
                motif=await copies.get("motif", state["motif_id"]),
                lieu=await copies.get("lieu", state.get("lieu_id")),
                agents=await copies.get_many("agent", state["agent_ids"]),
                users=await copies.get_many(
                    "user", [p["user_id"] for p in participations if p.get("user_id") is not None]
                ),
            )
        case WebhookModel.PLAGE_OUVERTURE:
            motifs = await copies.get_many("motif", state.get("motif_ids", []))
            return shapes.plage_ouverture_data(
                state,
                agent=await copies.get("agent", state["agent_id"]),
                organisation=await copies.get("organisation", state["organisation_id"]),
                lieu=await copies.get("lieu", state.get("lieu_id")),
                motifs=[motifs[i] for i in state.get("motif_ids", []) if i in motifs],
            )
        case WebhookModel.ABSENCE:
            organisations = await copies.organisations_where("agent_role", "agent_id", state["agent_id"])
            return shapes.absence_data(
                state,
                agent=await copies.get("agent", state["agent_id"]),
                organisation=await copies.get("organisation", organisations[0] if organisations else None),
            )
        case WebhookModel.AGENT_ROLE:
            return shapes.agent_role_data(
                state,
                agent=await copies.get("agent", state["agent_id"]),
                organisation=await copies.get("organisation", state["organisation_id"]),
            )
        case WebhookModel.USER_PROFILE:
            return shapes.user_profile_data(
                state,
                user=await copies.get("user", state["user_id"]),
                organisation=await copies.get("organisation", state["organisation_id"]),
            )
        case WebhookModel.REFERENT_ASSIGNATION:
            return shapes.referent_assignation_data(
                state,
                user=await copies.get("user", state["user_id"]),
                agent=await copies.get("agent", state["agent_id"]),
            )
        case WebhookModel.ORGANISATION:
            return dict(state)
        case WebhookModel.MOTIF:
            return shapes.motif_data(state) or {}
        case WebhookModel.LIEU:
            return shapes.lieu_data(state) or {}
        case WebhookModel.AGENT:
            return shapes.agent_data(state) or {}
        case WebhookModel.USER:
            return shapes.user_data(state) or {}


async def organisations_of(stores: "Stores", model: WebhookModel, state: State) -> list[int]:
    copies = stores.copies
    match model:
        case WebhookModel.ORGANISATION:
            return [int(state["id"])]
        case WebhookModel.ABSENCE:
            return await copies.organisations_where("agent_role", "agent_id", state["agent_id"])
        case WebhookModel.AGENT:
            roles = await copies.organisations_where("agent_role", "agent_id", state["id"])
            return sorted({*roles, *state.get("organisation_ids", [])})
        case WebhookModel.USER:
            # An erasure concerns every organisation that has held the usager's data.
            return await stores.memberships.organisations_of(state["id"], past_included=is_erased(state))
        case WebhookModel.REFERENT_ASSIGNATION:
            return await stores.memberships.organisations_of(state["user_id"], past_included=False)
        case _:
            return [int(state["organisation_id"])]
