"""What the use cases need from the outside world."""

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, Protocol

from rdv_contracts.notifications import ReceiptResult

from notifications.domain.copies import (
    AgentCopy,
    LieuCopy,
    MotifCopy,
    OrganisationCopy,
    ServiceCopy,
    TerritoryCopy,
    UserCopy,
)
from notifications.domain.delivery import ClaimedDelivery, NewDelivery, SmsAccepted
from notifications.domain.messages import Attachment, MailMessage, SmsMessage
from notifications.domain.receipts import Receipt
from notifications.domain.reminder_rule import IsHoliday


class LocalCopies(Protocol):
    async def territory(self, territory_id: int) -> TerritoryCopy | None: ...
    async def organisation(self, organisation_id: int) -> OrganisationCopy | None: ...
    async def service(self, service_id: int) -> ServiceCopy | None: ...
    async def motif(self, motif_id: int) -> MotifCopy | None: ...
    async def lieu(self, lieu_id: int) -> LieuCopy | None: ...
    async def users(self, user_ids: Iterable[int]) -> dict[int, UserCopy]:
        """The users asked for and their responsibles."""
        ...

    async def agents(self, agent_ids: Iterable[int]) -> dict[int, AgentCopy]: ...

    async def organisation_admins(self, organisation_id: int) -> list[AgentCopy]: ...

    async def deleted(self, entity: str, entity_id: int) -> bool:
        """Whether directory deleted this motif, lieu, organisation or territory."""
        ...


class MobileNumber(Protocol):
    def __call__(self, raw: str | None, /) -> str | None:
        """The E.164 form of a mobile number SMS can reach, or None (landline, foreign, invalid)."""
        ...


class Deliveries(Protocol):
    async def record(self, deliveries: Iterable[NewDelivery]) -> int:
        """Inserts the deliveries not recorded yet (same event, channel and recipient); returns how many."""
        ...


class Composer(Protocol):
    """Renders the French templates."""

    def mail(
        self, template: str, to: str, context: Mapping[str, Any], calendar: Attachment | None = None
    ) -> MailMessage: ...

    def sms(self, template: str, to: str, context: Mapping[str, Any]) -> SmsMessage: ...


class Holidays(Protocol):
    def for_territory(self, territory: TerritoryCopy | None) -> IsHoliday: ...


class RecapLinks(Protocol):
    def participation_url(self, rdv_id: int, participation_id: int) -> str:
        """The link to the RDV recap, opened with the usager's last-name check."""
        ...


class Mailer(Protocol):
    async def send(self, mail: MailMessage) -> None:
        """Raises SendFailure."""
        ...


class SmsGateway(Protocol):
    name: str

    async def send(self, sms: SmsMessage, reference: str) -> SmsAccepted:
        """Raises SendFailure. `reference` identifies the delivery in delivery reports."""
        ...


class Clock(Protocol):
    def __call__(self) -> datetime: ...


class Calendars(Protocol):
    """iCalendar attachments (RFC 5545/5546)."""

    def rdv(self, view: Any, method: str) -> Attachment:
        """UID = the RDV's uuid, SEQUENCE = its sequence; every agent of the RDV as ATTENDEE."""
        ...

    def agenda(self, ical: str, method: str, filename: str) -> Attachment:
        """A plage or absence as published by availability, with the given METHOD."""
        ...

    def agenda_cancel(self, uid: str, filename: str) -> Attachment: ...


class Reminders(Protocol):
    async def save(self, rdv: Any, due_at: datetime | None) -> None:
        """Keeps the newest RDV version; `None` drops the reminder. A sent reminder stays sent while
        its due time is unchanged."""
        ...

    async def claim_due(self, now: datetime, limit: int) -> list[Any]:
        """RDV snapshots whose reminder is due, locked (SKIP LOCKED) until the transaction ends."""
        ...

    async def mark_sent(self, rdv_id: int, now: datetime) -> None: ...


class DeliveryStore(Deliveries, Protocol):
    async def claim_due(self, now: datetime, limit: int, lease_seconds: float) -> list[ClaimedDelivery]:
        """Pending deliveries due now (and abandoned ones whose lease ran out), leased to this worker."""
        ...

    async def mark_sent(self, delivery_id: int, now: datetime, accepted: SmsAccepted | None) -> Receipt: ...

    async def mark_retry(self, delivery_id: int, error: str, next_attempt_at: datetime) -> None: ...

    async def mark_failed(self, delivery_id: int, now: datetime, error: str) -> Receipt: ...

    async def report(
        self, provider: str, message_id: str, result: ReceiptResult, error: str | None, now: datetime
    ) -> Receipt | None:
        """Applies a provider's delivery report; None when it changes nothing."""
        ...

    async def anonymise_created_before(self, cutoff: datetime, now: datetime, limit: int) -> int:
        """Erases recipient, content and error of up to `limit` settled receipts; returns how many."""
        ...

    async def exists(self, provider: str, message_id: str) -> bool: ...

    async def for_rdv(self, rdv_id: int) -> list[Receipt]: ...


class NotificationsUnit(Protocol):
    """A transaction with the repositories on it; events published are written to the outbox."""

    @property
    def copies(self) -> LocalCopies: ...
    @property
    def store(self) -> DeliveryStore: ...
    @property
    def reminders(self) -> Reminders: ...

    async def __aenter__(self) -> "NotificationsUnit": ...
    async def __aexit__(self, *exc: object) -> None: ...
    def publish(self, event: Any) -> None: ...
    async def commit(self) -> None: ...
