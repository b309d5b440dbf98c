"""Usagers deleted or anonymised, and what webhooks may still show of them."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, bindparam, delete, select
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.ext.asyncio import AsyncSession

from calendar_sync.adapters.tables import erased_users

_OF = select(erased_users.c.user_id, erased_users.c.data).where(
    erased_users.c.user_id == bindparam("user_ids", type_=ARRAY(BigInteger)).any_()
)


class SqlErasedUsers:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, user_id: int, data: dict[str, Any], erased_at: datetime) -> None:
        statement = insert(erased_users).values(user_id=user_id, data=data, erased_at=erased_at)
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["user_id"],
                set_={"data": statement.excluded.data, "erased_at": statement.excluded.erased_at},
            )
        )

    async def data_of(self, user_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        wanted = sorted(set(user_ids))
        if not wanted:
            return {}
        rows = await self._session.execute(_OF, {"user_ids": wanted})
        return {int(user_id): data for user_id, data in rows}

    async def purge_erased_before(self, cutoff: datetime) -> int:
        result = await self._session.execute(delete(erased_users).where(erased_users.c.erased_at < cutoff))
        return int(result.rowcount)  # type: ignore[attr-defined]
