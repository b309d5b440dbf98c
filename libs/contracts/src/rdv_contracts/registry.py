"""Which event types exist, in which versions, on which topic, and how to wrap and unwrap them."""

import inspect
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar, overload
from uuid import UUID, uuid4

from rdv_contracts import availability as av
from rdv_contracts import booking as bk
from rdv_contracts import calendar_sync as cs
from rdv_contracts import directory as dr
from rdv_contracts import notifications as nt
from rdv_contracts.base import Contract
from rdv_contracts.envelope import EventEnvelope
from rdv_contracts.topics import (
    CONSUMES,
    SERVICES,
    TOPICS,
    Topic,
    dead_letter_topic,
    topics_consumed_by,
    topics_produced_by,
)

__all__ = [
    "CONSUMES",
    "EVENTS",
    "SERVICES",
    "TOPICS",
    "EventSpec",
    "Topic",
    "UnknownEvent",
    "dead_letter_topic",
    "envelope",
    "parse_payload",
    "spec_for",
    "topics_consumed_by",
    "topics_produced_by",
]

C = TypeVar("C", bound=Contract)


class UnknownEvent(LookupError):
    """No registered event for this event type, version or payload class."""


@dataclass(frozen=True, kw_only=True)
class EventSpec:
    event_type: str
    schema_version: int
    topic: Topic
    payload_model: type[Contract]
    producer: str
    description: str


def _spec(model: type[Contract], event_type: str, topic: str, version: int = 1) -> EventSpec:
    doc = inspect.cleandoc(model.__doc__ or "")
    return EventSpec(
        event_type=event_type,
        schema_version=version,
        topic=TOPICS[topic],
        payload_model=model,
        producer=TOPICS[topic].producer,
        description=" ".join(doc.split("\n\n")[0].split()),
    )


def _entity(entity: str, topic: str, *models: type[Contract]) -> list[EventSpec]:
    """`<entity>.created`, `.updated`, `.deleted` from classes named accordingly."""
    kinds = {"Created": "created", "Updated": "updated", "Deleted": "deleted"}
    return [_spec(m, f"{entity}.{kinds[m.__name__[-7:]]}", topic) for m in models]


_SPECS = [
    *_entity(
        "territory", "directory.territory", dr.TerritoryCreated, dr.TerritoryUpdated, dr.TerritoryDeleted
    ),
    *_entity(
        "organisation",
        "directory.organisation",
        dr.OrganisationCreated,
        dr.OrganisationUpdated,
        dr.OrganisationDeleted,
    ),
    *_entity("service", "directory.service", dr.ServiceCreated, dr.ServiceUpdated, dr.ServiceDeleted),
    *_entity("agent", "directory.agent", dr.AgentCreated, dr.AgentUpdated, dr.AgentDeleted),
    *_entity(
        "agent_role", "directory.agent_role", dr.AgentRoleCreated, dr.AgentRoleUpdated, dr.AgentRoleDeleted
    ),
    *_entity(
        "agent_territorial_role",
        "directory.agent_territorial_role",
        dr.AgentTerritorialRoleCreated,
        dr.AgentTerritorialRoleDeleted,
    ),
    *_entity("user", "directory.user", dr.UserCreated, dr.UserUpdated, dr.UserDeleted),
    *_entity("user_profile", "directory.user_profile", dr.UserProfileCreated, dr.UserProfileDeleted),
    *_entity(
        "referent_assignation",
        "directory.referent_assignation",
        dr.ReferentAssignationCreated,
        dr.ReferentAssignationDeleted,
    ),
    *_entity("lieu", "directory.lieu", dr.LieuCreated, dr.LieuUpdated, dr.LieuDeleted),
    *_entity("motif", "directory.motif", dr.MotifCreated, dr.MotifUpdated, dr.MotifDeleted),
    *_entity("team", "directory.team", dr.TeamCreated, dr.TeamUpdated, dr.TeamDeleted),
    _spec(dr.UserMerged, "user.merged", "directory.user.merged"),
    _spec(dr.AgentInvited, "agent.invited", "directory.notification_request"),
    _spec(dr.AgentPasswordResetRequested, "agent.password_reset_requested", "directory.notification_request"),
    _spec(
        dr.UserEmailVerificationRequested,
        "user.email_verification_requested",
        "directory.notification_request",
    ),
    _spec(dr.UserPasswordResetRequested, "user.password_reset_requested", "directory.notification_request"),
    *_entity(
        "plage_ouverture",
        "availability.plage_ouverture",
        av.PlageOuvertureCreated,
        av.PlageOuvertureUpdated,
        av.PlageOuvertureDeleted,
    ),
    *_entity("absence", "availability.absence", av.AbsenceCreated, av.AbsenceUpdated, av.AbsenceDeleted),
    _spec(bk.RdvCreated, "rdv.created", "booking.rdv"),
    _spec(bk.RdvUpdated, "rdv.updated", "booking.rdv"),
    _spec(bk.RdvStatusChanged, "rdv.status_changed", "booking.rdv"),
    _spec(bk.RdvCancelled, "rdv.cancelled", "booking.rdv"),
    _spec(bk.RdvDestroyed, "rdv.destroyed", "booking.rdv"),
    _spec(bk.RdvLinkLocked, "rdv.link_locked", "booking.rdv.link_locked"),
    _spec(bk.ExportCompleted, "export.completed", "booking.export"),
    _spec(cs.OutlookConnectionBroken, "outlook_connection.failed", "calendar_sync.alert"),
    _spec(cs.CaldavConnectionBroken, "caldav_connection.failed", "calendar_sync.alert"),
    _spec(cs.WebhookEndpointDisabled, "webhook_endpoint.disabled", "calendar_sync.alert"),
    _spec(nt.ReceiptCreated, "receipt.created", "notifications.receipt"),
    _spec(nt.ReceiptUpdated, "receipt.updated", "notifications.receipt"),
]

EVENTS: dict[tuple[str, int], EventSpec] = {(s.event_type, s.schema_version): s for s in _SPECS}
_BY_MODEL: dict[type[Contract], EventSpec] = {s.payload_model: s for s in _SPECS}
if not len(EVENTS) == len(_BY_MODEL) == len(_SPECS):
    raise RuntimeError("an event type and version, or a payload class, is registered twice")


def spec_for(event_type: str, version: int | None = None) -> EventSpec:
    """The spec of `event_type` in `version`, or in its latest version."""
    if version is not None:
        try:
            return EVENTS[(event_type, version)]
        except KeyError:
            raise UnknownEvent(f"{event_type} v{version}") from None
    versions = [v for (name, v) in EVENTS if name == event_type]
    if not versions:
        raise UnknownEvent(event_type)
    return EVENTS[(event_type, max(versions))]


def envelope(
    payload: Contract,
    *,
    aggregate_id: str | int,
    organisation_id: int | None,
    producer: str | None = None,
    event_id: UUID | None = None,
    occurred_at: datetime | None = None,
) -> EventEnvelope:
    """Wrap a payload; its class decides the event type, version and producer."""
    try:
        spec = _BY_MODEL[type(payload)]
    except KeyError:
        raise UnknownEvent(f"{type(payload).__name__} is not a registered event payload") from None
    if producer is not None and producer != spec.producer:
        raise ValueError(f"{spec.event_type} is produced by {spec.producer}, not {producer}")
    return EventEnvelope(
        event_id=event_id or uuid4(),
        event_type=spec.event_type,
        schema_version=spec.schema_version,
        occurred_at=occurred_at or datetime.now(UTC),
        producer=spec.producer,
        aggregate_id=str(aggregate_id),
        organisation_id=organisation_id,
        payload=payload.model_dump(mode="json"),
    )


@overload
def parse_payload(envelope: EventEnvelope) -> Contract: ...
@overload
def parse_payload(envelope: EventEnvelope, expected: type[C]) -> C: ...
def parse_payload(envelope: EventEnvelope, expected: type[Contract] | None = None) -> Contract:
    """The typed payload of `envelope`. Fields unknown to this version of the contracts are ignored,
    at every depth, so a producer can add optional fields without breaking its consumers.

    With `expected`, raises `TypeError` when the event's payload is not of that class.
    """
    model = spec_for(envelope.event_type, envelope.schema_version).payload_model
    if expected is not None and not issubclass(model, expected):
        raise TypeError(f"{envelope.event_type} carries {model.__name__}, not {expected.__name__}")
    return model.model_validate(envelope.payload, extra="ignore")
