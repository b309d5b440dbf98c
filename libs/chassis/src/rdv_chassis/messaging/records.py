"""What travels through the outbox to Kafka: an envelope or a tombstone, with its headers."""

import uuid
from dataclasses import dataclass, field

from rdv_contracts.envelope import EventEnvelope

TOMBSTONE_EVENT_TYPE = "tombstone"


@dataclass(frozen=True)
class OutgoingRecord:
    event_id: uuid.UUID
    topic: str
    key: str
    event_type: str
    value: bytes | None
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_envelope(
        cls, envelope: EventEnvelope, topic: str, correlation_id: str | None
    ) -> "OutgoingRecord":
        headers = {
            "event_id": str(envelope.event_id),
            "event_type": envelope.event_type,
            "schema_version": str(envelope.schema_version),
            "producer": envelope.producer,
            "content-type": "application/json",
        }
        if correlation_id:
            headers["correlation_id"] = correlation_id
        return cls(
            envelope.event_id, topic, envelope.aggregate_id, envelope.event_type, envelope.to_wire(), headers
        )

    @classmethod
    def tombstone(cls, topic: str, key: str, producer: str, correlation_id: str | None) -> "OutgoingRecord":
        event_id = uuid.uuid4()
        headers = {"event_id": str(event_id), "event_type": TOMBSTONE_EVENT_TYPE, "producer": producer}
        if correlation_id:
            headers["correlation_id"] = correlation_id
        return cls(event_id, topic, key, TOMBSTONE_EVENT_TYPE, None, headers)

    def kafka_headers(self) -> list[tuple[str, bytes]]:
        return [(name, value.encode()) for name, value in self.headers.items()]
