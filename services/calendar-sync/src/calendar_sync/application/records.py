"""Rows the repositories hand to the use cases."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple


@dataclass(frozen=True)
class ClaimedDelivery:
    id: int
    endpoint_id: int
    organisation_id: int
    target_url: str
    secret_encrypted: bytes
    event_id: uuid.UUID
    model: str
    body: bytes
    user_ids: list[int]
    attempts: int


@dataclass(frozen=True)
class StoredBody:
    """A delivery's body, to rewrite when an usager it shows is erased or merged."""

    id: int
    model: str
    body: bytes


@dataclass(frozen=True)
class DeliveryLogRow:
    id: int
    event_id: uuid.UUID
    model: str
    event: str
    status: str
    attempts: int
    last_status_code: int | None
    last_error: str | None
    created_at: datetime
    next_attempt_at: datetime
    delivered_at: datetime | None


@dataclass(frozen=True)
class WebhookEndpointRow:
    id: int
    organisation_id: int
    target_url: str
    secret_encrypted: bytes
    subscriptions: list[str]
    disabled_at: datetime | None
    disabled_reason: str | None
    created_at: datetime


@dataclass(frozen=True)
class ClaimedCalendarEvent:
    channel: str
    agent_id: int
    rdv_id: int
    rdv_uuid: uuid.UUID
    remote_id: str | None
    remote_etag: str | None
    generation: int
    attempts: int
    connection_status: str
    secrets_encrypted: bytes


@dataclass(frozen=True)
class CalendarConnectionRow:
    agent_id: int
    channel: str
    secrets_encrypted: bytes
    status: str
    broken_reason: str | None


class SavedRdv(NamedTuple):
    saved: bool
    previous_agent_ids: list[int]


class FeedRow(NamedTuple):
    id: int
    version: int
    organisation_id: int
    vevent: bytes | None
    snapshot: dict[str, Any] | None
