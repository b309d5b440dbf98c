"""Which organisations know each usager (a profile now) or have known them (a profile that ended)."""

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from calendar_sync.adapters.tables import user_memberships


class SqlUserMemberships:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def record(
        self, user_id: int, organisation_id: int, ended_at: datetime | None, at: datetime
    ) -> None:
        """A profile event of `at`; an older one than the last recorded changes nothing (reordering)."""
        statement = insert(user_memberships).values(
            user_id=user_id, organisation_id=organisation_id, ended_at=ended_at, changed_at=at
        )
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["user_id", "organisation_id"],
                set_={"ended_at": statement.excluded.ended_at, "changed_at": statement.excluded.changed_at},
                where=user_memberships.c.changed_at < statement.excluded.changed_at,
            )
        )

    async def organisations_of(self, user_id: int, *, past_included: bool) -> list[int]:
        query = select(user_memberships.c.organisation_id).where(user_memberships.c.user_id == user_id)
        if not past_included:
            query = query.where(user_memberships.c.ended_at.is_(None))
        rows = await self._session.execute(query.order_by(user_memberships.c.organisation_id))
        return [int(organisation_id) for organisation_id in rows.scalars()]

    async def forget(self, user_id: int) -> None:
        await self._session.execute(delete(user_memberships).where(user_memberships.c.user_id == user_id))
