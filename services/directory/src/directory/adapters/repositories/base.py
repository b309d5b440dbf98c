"""Rows ↔ domain dataclasses for tables whose columns carry the dataclass's field names."""

import dataclasses
import enum
import types
import typing
from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Table, delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

E = TypeVar("E")


def _enum_of(hint: Any) -> type[enum.Enum] | None:
    candidates = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
    for candidate in candidates:
        if isinstance(candidate, type) and issubclass(candidate, enum.Enum):
            return candidate
    return None


class RowMapper(Generic[E]):
    def __init__(self, entity_type: type[E]) -> None:
        self.entity_type = entity_type
        hints = typing.get_type_hints(entity_type)
        self.names = [f.name for f in dataclasses.fields(entity_type)]  # type: ignore[arg-type]
        self._enums = {name: e for name in self.names if (e := _enum_of(hints[name])) is not None}

    def to_entity(self, row: Any) -> E:
        values = {name: row[name] for name in self.names}
        for name, enum_type in self._enums.items():
            if values[name] is not None:
                values[name] = enum_type(values[name])
        return self.entity_type(**values)

    def to_row(self, entity: E) -> dict[str, Any]:
        return {name: getattr(entity, name) for name in self.names}


class SqlRepository(Generic[E]):
    """Never commits: the unit of work owns the transaction."""

    def __init__(self, session: AsyncSession, table: Table, entity_type: type[E]) -> None:
        self.session = session
        self.table = table
        self.mapper = RowMapper(entity_type)
        self._versioned = "version" in table.c

    async def get(self, entity_id: int, *, for_update: bool = False) -> E | None:
        query = select(self.table).where(self.table.c.id == entity_id)
        row = (
            (await self.session.execute(query.with_for_update() if for_update else query)).mappings().first()
        )
        return None if row is None else self.mapper.to_entity(row)

    async def add(self, entity: E) -> E:
        values = {k: v for k, v in self.mapper.to_row(entity).items() if k != "id" or v}
        row = (await self.session.execute(insert(self.table).values(values).returning(self.table))).mappings()
        return self.mapper.to_entity(row.one())

    async def save(self, entity: E) -> E:
        values = self.mapper.to_row(entity)
        entity_id = values.pop("id")
        if self._versioned:
            values["version"] = self.table.c.version + 1
        if "updated_at" in self.table.c:
            values["updated_at"] = func.now()
        statement = update(self.table).where(self.table.c.id == entity_id).values(values)
        row = (await self.session.execute(statement.returning(self.table))).mappings().one()
        return self.mapper.to_entity(row)

    async def remove(self, entity_id: int) -> None:
        await self.session.execute(delete(self.table).where(self.table.c.id == entity_id))

    async def find(
        self,
        *where: ColumnElement[bool],
        order_by: Sequence[Any] = (),
        limit: int | None = None,
        offset: int = 0,
    ) -> list[E]:
        query = select(self.table).where(*where).order_by(*(order_by or (self.table.c.id,))).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        return [self.mapper.to_entity(row) for row in (await self.session.execute(query)).mappings()]

    async def count(self, *where: ColumnElement[bool]) -> int:
        query = select(func.count()).select_from(self.table).where(*where)
        return int((await self.session.execute(query)).scalar_one())
