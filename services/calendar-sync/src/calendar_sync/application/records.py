"""Rows the repositories hand to the use cases."""

import uuid
from dataclasses import dataclass
from datetime import datetime


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
