"""The consumers' inbox (chassis table, in this service's database): only its purge lives here."""

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from calendar_sync.adapters.tables import inbox


class SqlInbox:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def purge_processed_before(self, consumer: str, cutoff: datetime, limit: int) -> int:
        old = (
            select(inbox.c.event_id)
            .where(inbox.c.consumer == consumer, inbox.c.processed_at < cutoff)
            .limit(limit)
            .scalar_subquery()
        )
        result = await self._session.execute(
            delete(inbox).where(inbox.c.consumer == consumer, inbox.c.event_id.in_(old))
        )
        return int(result.rowcount)  # type: ignore[attr-defined]
