"""Local copies of the directory and availability entities, one JSON state per (model, id)."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from calendar_sync.adapters.tables import entity_copies
from calendar_sync.domain.local_time import DEFAULT_TIME_ZONE

State = dict[str, Any]


class SqlCopies:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def save(
        self, model: str, entity_id: int, organisation_id: int | None, data: State, occurred_at: datetime
    ) -> bool:
        """False when a newer state is already there: replays and late events change nothing."""
        statement = insert(entity_copies).values(
            model=model, id=entity_id, organisation_id=organisation_id, data=data, occurred_at=occurred_at
        )
        upsert = statement.on_conflict_do_update(
            index_elements=["model", "id"],
            set_={
                "organisation_id": statement.excluded.organisation_id,
                "data": statement.excluded.data,
                "occurred_at": statement.excluded.occurred_at,
            },
            where=entity_copies.c.occurred_at <= statement.excluded.occurred_at,
        ).returning(entity_copies.c.id)
        return (await self._session.execute(upsert)).first() is not None

    async def get(self, model: str, entity_id: int | None) -> State | None:
        if entity_id is None:
            return None
        row = await self._session.execute(
            select(entity_copies.c.data).where(
                entity_copies.c.model == model, entity_copies.c.id == entity_id
            )
        )
        data: State | None = row.scalar_one_or_none()
        return data

    async def get_many(self, model: str, ids: Iterable[int]) -> dict[int, State]:
        wanted = list(set(ids))
        if not wanted:
            return {}
        rows = await self._session.execute(
            select(entity_copies.c.id, entity_copies.c.data).where(
                entity_copies.c.model == model, entity_copies.c.id.in_(wanted)
            )
        )
        return {int(entity_id): data for entity_id, data in rows}

    async def delete(self, model: str, entity_id: int) -> None:
        await self._session.execute(
            delete(entity_copies).where(entity_copies.c.model == model, entity_copies.c.id == entity_id)
        )

    async def of_organisation(self, model: str, organisation_id: int) -> list[State]:
        rows = await self._session.execute(
            select(entity_copies.c.data)
            .where(entity_copies.c.model == model, entity_copies.c.organisation_id == organisation_id)
            .order_by(entity_copies.c.id)
        )
        return list(rows.scalars())

    async def where_in(self, model: str, key: str, values: Iterable[int]) -> list[State]:
        wanted = list(set(values))
        if not wanted:
            return []
        rows = await self._session.execute(
            select(entity_copies.c.data)
            .where(entity_copies.c.model == model, entity_copies.c.data[key].as_integer().in_(wanted))
            .order_by(entity_copies.c.id)
        )
        return list(rows.scalars())

    async def organisations_where(self, model: str, key: str, value: int) -> list[int]:
        """Organisations of the `model` copies whose `key` is `value`, e.g. an agent's roles."""
        rows = await self._session.execute(
            select(entity_copies.c.organisation_id).where(
                and_(entity_copies.c.model == model, entity_copies.c.data[key].as_integer() == value)
            )
        )
        return sorted({int(org) for org in rows.scalars() if org is not None})

    async def time_zone_of(self, organisation_id: int) -> str:
        organisation = await self.get("organisation", organisation_id)
        territory = await self.get("territory", (organisation or {}).get("territory_id"))
        return str((territory or {}).get("time_zone") or DEFAULT_TIME_ZONE)
