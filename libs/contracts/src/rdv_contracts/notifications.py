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
    PLAGE_OUVERTURE_CREATED = "plage_ouverture_created"
    PLAGE_OUVERTURE_UPDATED = "plage_ouverture_updated"
    PLAGE_OUVERTURE_DELETED = "plage_ouverture_deleted"
    ABSENCE_CREATED = "absence_created"
    ABSENCE_UPDATED = "absence_updated"
    ABSENCE_DELETED = "absence_deleted"
    AGENT_INVITED = "agent_invited"
    AGENT_PASSWORD_RESET = "agent_password_reset"
    USER_EMAIL_VERIFICATION = "user_email_verification"
    USER_PASSWORD_RESET = "user_password_reset"
    OUTLOOK_CONNECTION_FAILED = "outlook_connection_failed"
    CALDAV_CONNECTION_FAILED = "caldav_connection_failed"
    WEBHOOK_ENDPOINT_DISABLED = "webhook_endpoint_disabled"
    EXPORT_COMPLETED = "export_completed"


class ReceiptChannel(StrEnum):
    MAIL = "mail"
    SMS = "sms"


class ReceiptResult(StrEnum):
    PROCESSED = "processed"
    SENT = "sent"
    DELIVERED = "delivered"
    FAILURE = "failure"


class Receipt(Contract):
    """Full state of the record of one e-mail or SMS sent (about an RDV, an agenda or an account)."""

    id: int
    rdv_id: int | None
    rdv_uuid: UUID | None
    organisation_id: int | None
    user_id: int | None = None
    agent_id: int | None = None
    event: ReceiptEvent
    channel: ReceiptChannel
    recipient: str | None = Field(
        description="Masked e-mail address or phone number, e.g. j***@e***.fr; null once anonymised"
    )
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
