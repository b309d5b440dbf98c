"""The envelope every event travels in, whatever its producer and payload."""

from typing import Any, Self
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from rdv_contracts.base import UtcDatetime


class EventEnvelope(BaseModel):
    """One event on the wire. The Kafka key is `aggregate_id`, so one aggregate's events stay ordered."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    event_id: UUID = Field(description="Unique per event; consumers deduplicate on it")
    event_type: str = Field(
        pattern=r"^[a-z][a-z_]*(\.[a-z][a-z_]*)+$", description='Past tense, e.g. "rdv.created"'
    )
    schema_version: int = Field(ge=1, description="Version of the payload schema of this event type")
    occurred_at: UtcDatetime
    producer: str = Field(min_length=1, description="Name of the producing service")
    aggregate_id: str = Field(min_length=1, description="Id of the entity the event is about; the Kafka key")
    organisation_id: int | None = Field(description="Organisation the event belongs to, when there is one")
    payload: dict[str, Any]

    @classmethod
    def from_wire(cls, data: bytes | str) -> Self:
        """Parse an envelope, ignoring top-level fields added by a newer producer."""
        return cls.model_validate_json(data, extra="ignore")

    def to_wire(self) -> bytes:
        """Compact UTF-8 JSON."""
        return self.model_dump_json().encode()
