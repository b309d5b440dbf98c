"""Local copies of the directory and availability entities, one JSON state per (model, id).

One instance serves one transaction and remembers what it read, so the calendar entry and the
webhook data of an RDV read each copy once; `load` fetches all of an RDV's copies in one round trip.
"""

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Text, and_, bindparam, delete, select, text
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.ext.asyncio import AsyncSession

from calendar_sync.adapters.tables import entity_copies
from calendar_sync.domain.local_time import DEFAULT_TIME_ZONE

State = dict[str, Any]

# The copies asked for, and the territories of the organisations asked for.
_LOAD = text(
    """
    SELECT c.model, c.id, c.data
      FROM unnest(CAST(:models AS text[]), CAST(:ids AS bigint[])) AS wanted(model, id)
      JOIN entity_copies c ON c.model = wanted.model AND c.id = wanted.id
    UNION ALL
    SELECT t.model, t.id, t.data
      FROM entity_copies o
      JOIN entity_copies t ON t.model = 'territory' AND t.id = (o.data ->> 'territory_id')::bigint
     WHERE o.model = 'organisation' AND o.id = ANY(CAST(:organisation_ids AS bigint[]))
    """
).bindparams(
    bindparam("models", type_=ARRAY(Text)),
    bindparam("ids", type_=ARRAY(BigInteger)),
    bindparam("organisation_ids", type_=ARRAY(BigInteger)),
)


class SqlCopies:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._known: dict[tuple[str, int], State | None] = {}

    async def load(self, wanted: Mapping[str, Iterable[int | None]]) -> None:
        """Reads every copy of `wanted` (model → ids), with the territories of its organisations."""
        keys = {(model, int(i)) for model, ids in wanted.items() for i in ids if i is not None}
        keys -= self._known.keys()
        if not keys:
            return
        organisations = [i for model, i in keys if model == "organisation"]
        rows = await self._session.execute(
            _LOAD,
            {
                "models": [model for model, _ in keys],
                "ids": [i for _, i in keys],
                "organisation_ids": organisations,
            },
        )
        self._known.update(dict.fromkeys(keys))
        for model, entity_id, data in rows:
            self._known[(model, int(entity_id))] = data

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
        saved = (await self._session.execute(upsert)).first() is not None
        self._known.pop((model, entity_id), None)
        return saved

    async def get(self, model: str, entity_id: int | None) -> State | None:
        if entity_id is None:
            return None
        if (model, entity_id) not in self._known:
            row = await self._session.execute(
                select(entity_copies.c.data).where(
                    entity_copies.c.model == model, entity_copies.c.id == entity_id
                )
            )
            self._known[(model, entity_id)] = row.scalar_one_or_none()
        return self._known[(model, entity_id)]

    async def get_many(self, model: str, ids: Iterable[int]) -> dict[int, State]:
        wanted = {int(i) for i in ids}
        await self.load({model: wanted})
        return {i: state for i in wanted if (state := self._known.get((model, i))) is not None}

    async def delete(self, model: str, entity_id: int) -> None:
        await self._session.execute(
            delete(entity_copies).where(entity_copies.c.model == model, entity_copies.c.id == entity_id)
        )
        self._known[(model, entity_id)] = None

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
