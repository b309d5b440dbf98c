"""Deliveries in PostgreSQL: recorded once, claimed with SKIP LOCKED, completed with their receipt."""

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from rdv_contracts.notifications import ReceiptChannel, ReceiptEvent, ReceiptResult
from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from notifications.adapters.tables import deliveries
from notifications.domain.delivery import ClaimedDelivery, NewDelivery, SmsAccepted
from notifications.domain.messages import MailMessage, SmsMessage
from notifications.domain.receipts import REPORTABLE_FROM, Receipt

PENDING, SENDING, DONE = "pending", "sending", "done"
DELIVERIES_CHANNEL = "notifications_deliveries"
"""NOTIFY channel announcing new deliveries; PostgreSQL delivers it on commit, never on rollback."""


class SqlDeliveries:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def record(self, planned: Iterable[NewDelivery]) -> int:
        rows = [_row(delivery) for delivery in planned]
        if not rows:
            return 0
        # executemany form: one cached statement whatever the number of rows
        inserted = await self._session.execute(
            insert(deliveries).on_conflict_do_nothing().returning(deliveries.c.id), rows
        )
        count = len(inserted.all())
        if count:
            await self._session.execute(select(func.pg_notify(DELIVERIES_CHANNEL, "")))
        return count

    async def claim_due(self, now: datetime, limit: int, lease_seconds: float) -> list[ClaimedDelivery]:
        due = (
            select(deliveries.c.id)
            .where(
                or_(
                    and_(deliveries.c.state == PENDING, deliveries.c.next_attempt_at <= now),
                    and_(deliveries.c.state == SENDING, deliveries.c.lease_until < now),
                )
            )
            .order_by(deliveries.c.next_attempt_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        claimed = await self._session.execute(
            update(deliveries)
            .where(deliveries.c.id.in_(due.scalar_subquery()))
            .values(
                state=SENDING,
                attempts=deliveries.c.attempts + 1,
                lease_until=now + timedelta(seconds=lease_seconds),
            )
            .returning(
                deliveries.c.id,
                deliveries.c.channel,
                deliveries.c.message,
                deliveries.c.attempts,
                deliveries.c.sms_provider,
            )
        )
        return [_claimed(row) for row in claimed.mappings()]

    async def mark_sent(self, delivery_id: int, now: datetime, accepted: SmsAccepted | None) -> Receipt:
        values: dict[str, Any] = {"result": ReceiptResult.SENT.value}
        if accepted is not None:
            values |= {
                "provider_message_id": accepted.provider_message_id,
                "sms_count": accepted.segments,
                "result": (ReceiptResult.DELIVERED if accepted.delivered else ReceiptResult.SENT).value,
            }
        return await self._finish(delivery_id, now, values)

    async def mark_failed(self, delivery_id: int, now: datetime, error: str) -> Receipt:
        return await self._finish(
            delivery_id, now, {"result": ReceiptResult.FAILURE.value, "error_message": error[:1000]}
        )

    async def mark_retry(self, delivery_id: int, error: str, next_attempt_at: datetime) -> None:
        await self._session.execute(
            update(deliveries)
            .where(deliveries.c.id == delivery_id)
            .values(
                state=PENDING, lease_until=None, next_attempt_at=next_attempt_at, error_message=error[:1000]
            )
        )

    async def report(
        self, provider: str, message_id: str, result: ReceiptResult, error: str | None, now: datetime
    ) -> Receipt | None:
        row = (
            (
                await self._session.execute(
                    update(deliveries)
                    .where(
                        deliveries.c.sms_provider == provider,
                        deliveries.c.provider_message_id == message_id,
                        deliveries.c.result.in_([r.value for r in REPORTABLE_FROM[result]]),
                    )
                    .values(result=result.value, error_message=error, updated_at=now)
                    .returning(*deliveries.c)
                )
            )
            .mappings()
            .first()
        )
        return _receipt(row) if row else None

    async def anonymise_created_before(self, cutoff: datetime, now: datetime, limit: int) -> int:
        old = (
            select(deliveries.c.id)
            .where(
                deliveries.c.created_at < cutoff,
                deliveries.c.anonymised_at.is_(None),
                deliveries.c.state == DONE,
            )
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        erased = await self._session.execute(
            update(deliveries)
            .where(deliveries.c.id.in_(old.scalar_subquery()))
            .values(
                recipient=None,
                content=None,
                error_message=None,
                message=None,
                provider_message_id=None,
                anonymised_at=now,
            )
            .returning(deliveries.c.id)
        )
        return len(erased.all())

    async def exists(self, provider: str, message_id: str) -> bool:
        found = await self._session.execute(
            select(deliveries.c.id).where(
                deliveries.c.sms_provider == provider, deliveries.c.provider_message_id == message_id
            )
        )
        return found.first() is not None

    async def for_rdv(self, rdv_id: int) -> list[Receipt]:
        rows = await self._session.execute(
            select(deliveries).where(deliveries.c.rdv_id == rdv_id).order_by(deliveries.c.id)
        )
        return [_receipt(row) for row in rows.mappings()]

    async def _finish(self, delivery_id: int, now: datetime, values: dict[str, Any]) -> Receipt:
        # The rendered message may hold secret links: it is not kept once the send is settled.
        row = (
            (
                await self._session.execute(
                    update(deliveries)
                    .where(deliveries.c.id == delivery_id)
                    .values(state=DONE, lease_until=None, message=None, updated_at=now, **values)
                    .returning(*deliveries.c)
                )
            )
            .mappings()
            .one()
        )
        return _receipt(row)


def _row(delivery: NewDelivery) -> dict[str, Any]:
    sms = delivery.message if isinstance(delivery.message, SmsMessage) else None
    return {
        "event_id": delivery.event_id,
        "channel": delivery.channel.value,
        "recipient": delivery.recipient,
        "event": delivery.event.value,
        "rdv_id": delivery.subject.rdv_id,
        "rdv_uuid": delivery.subject.rdv_uuid,
        "organisation_id": delivery.subject.organisation_id,
        "user_id": delivery.subject.user_id,
        "agent_id": delivery.subject.agent_id,
        "message": delivery.message.to_dict(),
        "content": delivery.content,
        "state": PENDING,
        "result": ReceiptResult.PROCESSED.value,
        "sms_provider": delivery.sms_provider,
        "sms_count": sms.segments if sms else None,
    }


def _claimed(row: Any) -> ClaimedDelivery:
    is_mail = row["channel"] == ReceiptChannel.MAIL.value
    message = MailMessage.from_dict(row["message"]) if is_mail else SmsMessage.from_dict(row["message"])
    return ClaimedDelivery(row["id"], message, row["attempts"], row["sms_provider"])


def _receipt(row: Any) -> Receipt:
    return Receipt(
        id=row["id"],
        rdv_id=row["rdv_id"],
        rdv_uuid=row["rdv_uuid"],
        organisation_id=row["organisation_id"],
        user_id=row["user_id"],
        agent_id=row["agent_id"],
        event=ReceiptEvent(row["event"]),
        channel=ReceiptChannel(row["channel"]),
        recipient=row["recipient"],
        result=ReceiptResult(row["result"]),
        error_message=row["error_message"],
        sms_provider=row["sms_provider"],
        sms_count=row["sms_count"],
        content=row["content"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )
