"""Webhook deliveries: one row per (event, endpoint), written before any attempt."""

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import BigInteger, String, bindparam, delete, literal, select, update
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.ext.asyncio import AsyncSession

from calendar_sync.adapters.tables import webhook_deliveries, webhook_endpoints
from calendar_sync.application.records import ClaimedDelivery, DeliveryLogRow, StoredBody

_SUBSCRIBERS = select(
    webhook_endpoints.c.id,
    bindparam("event_id"),
    bindparam("model"),
    bindparam("event"),
    bindparam("body"),
    literal("pending"),
    bindparam("due"),
    bindparam("user_ids", type_=ARRAY(BigInteger)),
).where(
    webhook_endpoints.c.organisation_id == bindparam("organisation_ids", type_=ARRAY(BigInteger)).any_(),
    webhook_endpoints.c.subscriptions.contains(bindparam("models", type_=ARRAY(String))),
    webhook_endpoints.c.disabled_at.is_(None),
)
_ADD_FOR_SUBSCRIBERS = (
    insert(webhook_deliveries)
    .from_select(
        ["endpoint_id", "event_id", "model", "event", "body", "status", "next_attempt_at", "user_ids"],
        _SUBSCRIBERS,
    )
    .on_conflict_do_nothing()
)


class SqlWebhookDeliveries:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_for_subscribers(
        self,
        organisation_ids: Sequence[int],
        *,
        model: str,
        event: str,
        event_id: uuid.UUID,
        body: bytes,
        user_ids: Sequence[int],
        due: datetime,
    ) -> int:
        """One delivery per enabled endpoint of these organisations subscribed to `model`, in one
        statement; keyed by (event_id, endpoint), so an event seen twice is delivered once."""
        result = await self._session.execute(
            _ADD_FOR_SUBSCRIBERS,
            {
                "event_id": event_id,
                "model": model,
                "event": event,
                "body": body,
                "due": due,
                "user_ids": list(user_ids),
                "organisation_ids": list(organisation_ids),
                "models": [model],
            },
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def add(
        self,
        endpoint_id: int,
        event_id: uuid.UUID,
        model: str,
        event: str,
        body: bytes,
        due: datetime,
        user_ids: Sequence[int] = (),
    ) -> None:
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
                user_ids=list(user_ids),
            )
            .on_conflict_do_nothing()
        )

    async def holding_user(self, user_id: int) -> list[StoredBody]:
        """Every stored delivery whose body shows this usager, whatever its status; locked in id
        order, so that two erasures sharing a body wait for each other instead of deadlocking."""
        rows = await self._session.execute(
            select(webhook_deliveries.c.id, webhook_deliveries.c.model, webhook_deliveries.c.body)
            .where(webhook_deliveries.c.user_ids.contains([user_id]))
            .order_by(webhook_deliveries.c.id)
            .with_for_update()
        )
        return [StoredBody(*row) for row in rows]

    async def replace_body(self, delivery_id: int, body: bytes, user_ids: Sequence[int]) -> None:
        await self._session.execute(
            update(webhook_deliveries)
            .where(webhook_deliveries.c.id == delivery_id)
            .values(body=body, user_ids=list(user_ids))
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
                webhook_deliveries.c.model,
                webhook_deliveries.c.body,
                webhook_deliveries.c.user_ids,
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

    async def purge_finished_before(self, cutoff: datetime, limit: int) -> int:
        """Up to `limit` deliveries no longer pending and queued before `cutoff`."""
        finished = (
            select(webhook_deliveries.c.id)
            .where(webhook_deliveries.c.status != "pending", webhook_deliveries.c.created_at < cutoff)
            .limit(limit)
            .scalar_subquery()
        )
        result = await self._session.execute(
            delete(webhook_deliveries).where(webhook_deliveries.c.id.in_(finished))
        )
        return int(result.rowcount)  # type: ignore[attr-defined]
