"""Events published by the notifications service: delivery receipts."""

from enum import StrEnum
from uuid import UUID

from pydantic import Field, NonNegativeInt

from rdv_contracts.base import Contract, UtcDatetime


class ReceiptEvent(StrEnum):
    RDV_CREATED = "rdv_created"
    RDV_UPDATED = "rdv_updated"
    RDV_CANCELLED = "rdv_cancelled"
    RDV_UPCOMING_REMINDER = "rdv_upcoming_reminder"
    RDV_LINK_LOCKED = "rdv_link_locked"


class ReceiptChannel(StrEnum):
    MAIL = "mail"
    SMS = "sms"


class ReceiptResult(StrEnum):
    PROCESSED = "processed"
    SENT = "sent"
    DELIVERED = "delivered"
    FAILURE = "failure"


class Receipt(Contract):
    """Full state of the record of one e-mail or SMS sent about an RDV."""

    id: int
    rdv_id: int | None
    rdv_uuid: UUID | None
    organisation_id: int | None
    user_id: int | None = None
    agent_id: int | None = None
    event: ReceiptEvent
    channel: ReceiptChannel
    recipient: str = Field(description="Masked e-mail address or phone number, e.g. j***@e***.fr")
    result: ReceiptResult
    error_message: str | None = None
    sms_provider: str | None = None
    sms_count: NonNegativeInt | None = Field(default=None, description="SMS segments, when known")
    content: str | None = Field(
        default=None, description="Mail subject or SMS text, with link tokens removed"
    )
    created_at: UtcDatetime
    updated_at: UtcDatetime


class ReceiptCreated(Receipt):
    """A message was sent (or its sending failed)."""


class ReceiptUpdated(Receipt):
    """A message's delivery result changed (e.g. the SMS provider confirmed delivery)."""
