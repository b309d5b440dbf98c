from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from calendar_sync.adapters.tables import webhook_endpoints
from calendar_sync.application.records import WebhookEndpointRow


class SqlWebhookEndpoints:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(
        self, organisation_id: int, target_url: str, secret_encrypted: bytes, subscriptions: list[str]
    ) -> WebhookEndpointRow | None:
        """None when the organisation already has an endpoint with this URL."""
        row = await self._session.execute(
            insert(webhook_endpoints)
            .values(
                organisation_id=organisation_id,
                target_url=target_url,
                secret_encrypted=secret_encrypted,
                subscriptions=subscriptions,
            )
            .on_conflict_do_nothing()
            .returning(*webhook_endpoints.c)
        )
        found = row.first()
        return WebhookEndpointRow(**found._mapping) if found else None

    async def get(self, organisation_id: int, endpoint_id: int) -> WebhookEndpointRow | None:
        rows = await self._select(
            webhook_endpoints.c.organisation_id == organisation_id, webhook_endpoints.c.id == endpoint_id
        )
        return rows[0] if rows else None

    async def of_organisation(self, organisation_id: int, target_url: str | None) -> list[WebhookEndpointRow]:
        conditions = [webhook_endpoints.c.organisation_id == organisation_id]
        if target_url is not None:
            conditions.append(webhook_endpoints.c.target_url == target_url)
        return await self._select(*conditions)

    async def subscribed(self, organisation_ids: Iterable[int], model: str) -> list[WebhookEndpointRow]:
        return await self._select(
            webhook_endpoints.c.organisation_id.in_(list(organisation_ids)),
            webhook_endpoints.c.subscriptions.contains([model]),
            webhook_endpoints.c.disabled_at.is_(None),
        )

    async def change(self, endpoint_id: int, **values: Any) -> WebhookEndpointRow | None:
        """None when another endpoint of the organisation already has the new URL."""
        if "target_url" in values:
            row = (
                await self._session.execute(
                    select(webhook_endpoints).where(webhook_endpoints.c.id == endpoint_id)
                )
            ).one()
            clash = await self._select(
                webhook_endpoints.c.organisation_id == row.organisation_id,
                webhook_endpoints.c.target_url == values["target_url"],
                webhook_endpoints.c.id != endpoint_id,
            )
            if clash:
                return None
        result = await self._session.execute(
            update(webhook_endpoints)
            .where(webhook_endpoints.c.id == endpoint_id)
            .values(**values)
            .returning(*webhook_endpoints.c)
        )
        return WebhookEndpointRow(**result.one()._mapping)

    async def disable(self, endpoint_id: int, reason: str, at: datetime) -> WebhookEndpointRow | None:
        """None when it was disabled already (by another worker, or before)."""
        result = await self._session.execute(
            update(webhook_endpoints)
            .where(webhook_endpoints.c.id == endpoint_id, webhook_endpoints.c.disabled_at.is_(None))
            .values(disabled_at=at, disabled_reason=reason)
            .returning(*webhook_endpoints.c)
        )
        found = result.first()
        return WebhookEndpointRow(**found._mapping) if found else None

    async def remove(self, endpoint_id: int) -> None:
        await self._session.execute(delete(webhook_endpoints).where(webhook_endpoints.c.id == endpoint_id))

    async def _select(self, *conditions: Any) -> list[WebhookEndpointRow]:
        rows = await self._session.execute(
            select(webhook_endpoints).where(*conditions).order_by(webhook_endpoints.c.id)
        )
        return [WebhookEndpointRow(**row._mapping) for row in rows]
