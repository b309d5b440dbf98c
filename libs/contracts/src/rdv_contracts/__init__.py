"""Event contracts shared by every service: the envelope, the topic and event registries, the payloads.

Produce with `rdv_contracts.registry.envelope(payload, aggregate_id=..., organisation_id=...)`,
consume with `EventEnvelope.from_wire(value)` then `parse_payload(envelope)`.
"""

from rdv_contracts.base import Contract
from rdv_contracts.envelope import EventEnvelope
from rdv_contracts.registry import (
    CONSUMES,
    EVENTS,
    SERVICES,
    TOPICS,
    EventSpec,
    Topic,
    UnknownEvent,
    dead_letter_topic,
    parse_payload,
    spec_for,
    topics_consumed_by,
    topics_produced_by,
)

__all__ = [
    "CONSUMES",
    "EVENTS",
    "SERVICES",
    "TOPICS",
    "Contract",
    "EventEnvelope",
    "EventSpec",
    "Topic",
    "UnknownEvent",
    "dead_letter_topic",
    "parse_payload",
    "spec_for",
    "topics_consumed_by",
    "topics_produced_by",
]
