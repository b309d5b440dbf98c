"""A delivery as agents see it: the receipt."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from rdv_contracts.notifications import ReceiptChannel, ReceiptEvent, ReceiptResult

from notifications.domain.masking import mask_recipient


@dataclass(frozen=True)
class Receipt:
    id: int
    rdv_id: int | None
    rdv_uuid: UUID | None
    organisation_id: int | None
    user_id: int | None
    agent_id: int | None
    event: ReceiptEvent
    channel: ReceiptChannel
    recipient: str | None
    """None once anonymised."""
    result: ReceiptResult
    error_message: str | None
    sms_provider: str | None
    sms_count: int | None
    content: str | None
    created_at: datetime
    updated_at: datetime

    @property
    def masked_recipient(self) -> str | None:
        return mask_recipient(self.recipient) if self.recipient is not None else None


# A delivery report never moves a receipt backwards (a late "sent" after "delivered").
REPORTABLE_FROM: dict[ReceiptResult, frozenset[ReceiptResult]] = {
    ReceiptResult.SENT: frozenset({ReceiptResult.PROCESSED}),
    ReceiptResult.DELIVERED: frozenset({ReceiptResult.PROCESSED, ReceiptResult.SENT}),
    ReceiptResult.FAILURE: frozenset({ReceiptResult.PROCESSED, ReceiptResult.SENT}),
    ReceiptResult.PROCESSED: frozenset(),
}
