"""One e-mail or SMS to send, recorded before it is attempted: the receipt of the product."""

from dataclasses import dataclass
from uuid import UUID

from rdv_contracts.notifications import ReceiptChannel, ReceiptEvent

from notifications.domain.messages import MailMessage, SmsMessage


@dataclass(frozen=True)
class Subject:
    """What a delivery is about, copied onto its receipt so it survives the RDV's deletion."""

    rdv_id: int | None = None
    rdv_uuid: UUID | None = None
    organisation_id: int | None = None
    user_id: int | None = None
    agent_id: int | None = None


@dataclass(frozen=True)
class NewDelivery:
    event_id: UUID
    """With channel and recipient, the key that makes a redelivered event send nothing twice."""
    event: ReceiptEvent
    subject: Subject
    message: MailMessage | SmsMessage
    content: str
    """Mail subject or SMS text with link tokens removed."""
    sms_provider: str | None = None

    @property
    def channel(self) -> ReceiptChannel:
        return ReceiptChannel.MAIL if isinstance(self.message, MailMessage) else ReceiptChannel.SMS

    @property
    def recipient(self) -> str:
        return self.message.to


class SendFailure(Exception):
    """A refused send: permanent ones (bad address, 4xx) are not retried."""

    def __init__(self, reason: str, *, permanent: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent


@dataclass(frozen=True)
class SmsAccepted:
    provider_message_id: str | None
    segments: int | None
    delivered: bool = False


@dataclass(frozen=True)
class ClaimedDelivery:
    id: int
    message: MailMessage | SmsMessage
    attempts: int
    """Attempts made, this one included."""
    sms_provider: str | None = None
