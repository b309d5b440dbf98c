import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from calendar_sync.adapters.tables import webhook_deliveries, webhook_endpoints


@dataclass(frozen=True)
class ClaimedDelivery:
    id: int
    endpoint_id: int
    organisation_id: int
    target_url: str
    secret_encrypted: bytes
    event_id: uuid.UUID
    body: bytes
    attempts: int


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


class SqlWebhookDeliveries:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(
        self, endpoint_id: int, event_id: uuid.UUID, model: str, event: str, body: bytes, due: datetime
    ) -> None:
        """Keyed by (event_id, endpoint): an event seen twice is delivered once."""
        await self._session.execute(
            insert(webhook_deliveries)
            .values(
                endpoint_id=endpoint_id,
                event_id=event_id,
                model=model,
                event=event,
                body=body,
                status="pending",
                next_attempt_at=due,
            )
            .on_conflict_do_nothing()
        )

    async def claim_due(self, now: datetime, limit: int, lease: timedelta) -> list[ClaimedDelivery]:
        """Due deliveries of enabled endpoints, leased: another worker skips them (SKIP LOCKED), and a
        worker that dies mid-delivery leaves them due again when the lease ends."""
        due = (
            select(webhook_deliveries.c.id)
            .join(webhook_endpoints, webhook_endpoints.c.id == webhook_deliveries.c.endpoint_id)
            .where(
                webhook_deliveries.c.status == "pending",
                webhook_deliveries.c.next_attempt_at <= now,
                webhook_endpoints.c.disabled_at.is_(None),
            )
            .order_by(webhook_deliveries.c.next_attempt_at)
            .limit(limit)
            .with_for_update(skip_locked=True, of=webhook_deliveries)
            .scalar_subquery()
        )
        claimed = await self._session.execute(
            update(webhook_deliveries)
            .where(webhook_deliveries.c.id.in_(due))
            .values(attempts=webhook_deliveries.c.attempts + 1, next_attempt_at=now + lease)
            .returning(webhook_deliveries.c.id)
        )
        ids = list(claimed.scalars())
        if not ids:
            return []
        rows = await self._session.execute(
            select(
                webhook_deliveries.c.id,
                webhook_deliveries.c.endpoint_id,
                webhook_endpoints.c.organisation_id,
                webhook_endpoints.c.target_url,
                webhook_endpoints.c.secret_encrypted,
                webhook_deliveries.c.event_id,
                webhook_deliveries.c.body,
                webhook_deliveries.c.attempts,
            )
            .join(webhook_endpoints, webhook_endpoints.c.id == webhook_deliveries.c.endpoint_id)
            .where(webhook_deliveries.c.id.in_(ids))
        )
        return [ClaimedDelivery(**row._mapping) for row in rows]

    async def record(
        self,
        delivery_id: int,
        *,
        status: str,
        status_code: int | None,
        error: str | None,
        next_attempt_at: datetime | None = None,
        delivered_at: datetime | None = None,
    ) -> None:
        values: dict[str, object] = {
            "status": status,
            "last_status_code": status_code,
            "last_error": error,
            "delivered_at": delivered_at,
        }
        if next_attempt_at is not None:
            values["next_attempt_at"] = next_attempt_at
        await self._session.execute(
            update(webhook_deliveries).where(webhook_deliveries.c.id == delivery_id).values(**values)
        )

    async def log(self, endpoint_id: int, limit: int, offset: int) -> list[DeliveryLogRow]:
        columns = [webhook_deliveries.c[name] for name in DeliveryLogRow.__dataclass_fields__]
        rows = await self._session.execute(
            select(*columns)
            .where(webhook_deliveries.c.endpoint_id == endpoint_id)
            .order_by(webhook_deliveries.c.id.desc())
            .limit(limit)
            .offset(offset)
        )
        return [DeliveryLogRow(**row._mapping) for row in rows]
