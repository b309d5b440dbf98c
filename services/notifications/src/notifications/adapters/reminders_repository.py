"""Scheduled reminders in PostgreSQL, one row per RDV, fired by whichever worker locks it first."""

from datetime import datetime
from typing import Any

from rdv_contracts.booking import RdvSnapshot
from sqlalchemy import and_, case, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from notifications.adapters.tables import reminders

SCHEDULED, SENT, DROPPED = "scheduled", "sent", "dropped"


class SqlReminders:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def save(self, rdv: RdvSnapshot, due_at: datetime | None) -> None:
        statement = insert(reminders).values(
            rdv_id=rdv.id,
            due_at=due_at,
            state=SCHEDULED if due_at else DROPPED,
            rdv=rdv.model_dump(mode="json"),
            version=rdv.version,
        )
        new = statement.excluded
        keep_sent = and_(reminders.c.state == SENT, reminders.c.due_at == new.due_at)
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=[reminders.c.rdv_id],
                set_={
                    "due_at": new.due_at,
                    "rdv": new.rdv,
                    "version": new.version,
                    "state": case((keep_sent, SENT), else_=new.state),
                },
                where=reminders.c.version < new.version,
            )
        )

    async def claim_due(self, now: datetime, limit: int) -> list[RdvSnapshot]:
        rows = await self._session.execute(
            select(reminders.c.rdv)
            .where(reminders.c.state == SCHEDULED, reminders.c.due_at <= now)
            .order_by(reminders.c.due_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return [RdvSnapshot.model_validate(row, extra="ignore") for row in rows.scalars()]

    async def mark_sent(self, rdv_id: int, now: datetime) -> None:
        await self._session.execute(
            update(reminders).where(reminders.c.rdv_id == rdv_id).values(state=SENT, sent_at=now)
        )

    async def state(self, rdv_id: int) -> dict[str, Any] | None:
        row = (await self._session.execute(select(reminders).where(reminders.c.rdv_id == rdv_id))).mappings()
        found = row.first()
        return dict(found) if found else None
