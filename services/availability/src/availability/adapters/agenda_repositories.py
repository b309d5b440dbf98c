"""Plages d'ouverture and absences in PostgreSQL. Repositories never commit: the unit of work does."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Row, delete, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from availability.adapters.tables import absences, plages_ouverture
from availability.domain.absence import AbsenceFields, AbsenceRecord
from availability.domain.plage import PlageFields, PlageRecord
from availability.domain.recurrence import Recurrence


def _recurrence(row: Row[Any]) -> Recurrence | None:
    return Recurrence.from_rrule(row.rrule) if row.rrule else None


def plage_from_row(row: Row[Any]) -> PlageRecord:
    fields = PlageFields(
        agent_id=row.agent_id,
        organisation_id=row.organisation_id,
        title=row.title,
        first_day=row.first_day,
        start_time=row.start_time,
        end_time=row.end_time,
        motif_ids=tuple(row.motif_ids),
        lieu_id=row.lieu_id,
        recurrence=_recurrence(row),
    )
    return PlageRecord(
        fields, row.time_zone, row.ical_uid, row.created_at, row.updated_at, row.version, row.id
    )


def absence_from_row(row: Row[Any]) -> AbsenceRecord:
    fields = AbsenceFields(
        agent_id=row.agent_id,
        title=row.title,
        first_day=row.first_day,
        start_time=row.start_time,
        end_day=row.end_day,
        end_time=row.end_time,
        recurrence=_recurrence(row),
    )
    return AbsenceRecord(
        fields, row.time_zone, row.ical_uid, row.created_at, row.updated_at, row.version, row.id
    )


def _common(record: PlageRecord | AbsenceRecord) -> dict[str, Any]:
    fields = record.fields
    recurrence = fields.recurrence
    return {
        "agent_id": fields.agent_id,
        "title": fields.title,
        "first_day": fields.first_day,
        "start_time": fields.start_time,
        "end_time": fields.end_time,
        "rrule": record.rrule,
        "recurrence_ends_on": recurrence.until if recurrence else None,
        "time_zone": record.time_zone,
        "ical_uid": record.ical_uid,
        "created_at": record.created_at,
        "updated_at": record.updated_at,
        "version": record.version,
    }


def _plage_row(record: PlageRecord) -> dict[str, Any]:
    fields = record.fields
    return {
        **_common(record),
        "organisation_id": fields.organisation_id,
        "lieu_id": fields.lieu_id,
        "motif_ids": list(fields.motif_ids),
    }


class SqlPlages:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, record: PlageRecord) -> PlageRecord:
        statement = insert(plages_ouverture).values(_plage_row(record)).returning(plages_ouverture.c.id)
        new_id = (await self._session.execute(statement)).scalar_one()
        return PlageRecord(**{**record.__dict__, "id": new_id})

    async def get(self, plage_id: int) -> PlageRecord | None:
        query = select(plages_ouverture).where(plages_ouverture.c.id == plage_id).with_for_update()
        row = (await self._session.execute(query)).first()
        return plage_from_row(row) if row else None

    async def update(self, record: PlageRecord) -> None:
        statement = (
            update(plages_ouverture).where(plages_ouverture.c.id == record.id).values(_plage_row(record))
        )
        await self._session.execute(statement)

    async def delete(self, plage_id: int) -> None:
        await self._session.execute(delete(plages_ouverture).where(plages_ouverture.c.id == plage_id))

    async def list_for(self, organisation_ids: Sequence[int], agent_id: int | None) -> list[PlageRecord]:
        query = select(plages_ouverture).where(plages_ouverture.c.organisation_id.in_(list(organisation_ids)))
        if agent_id is not None:
            query = query.where(plages_ouverture.c.agent_id == agent_id)
        rows = await self._session.execute(
            query.order_by(plages_ouverture.c.first_day, plages_ouverture.c.id)
        )
        return [plage_from_row(row) for row in rows]

    async def ended_before(self, day: date, limit: int) -> list[PlageRecord]:
        table = plages_ouverture
        ended = or_(
            (table.c.rrule.is_(None)) & (table.c.first_day < day),
            (table.c.recurrence_ends_on.is_not(None)) & (table.c.recurrence_ends_on < day),
        )
        rows = await self._session.execute(
            select(table).where(ended).order_by(table.c.id).limit(limit).with_for_update(skip_locked=True)
        )
        return [plage_from_row(row) for row in rows]


class SqlAbsences:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, record: AbsenceRecord) -> AbsenceRecord:
        values = {**_common(record), "end_day": record.fields.end_day}
        new_id = (
            await self._session.execute(insert(absences).values(values).returning(absences.c.id))
        ).scalar_one()
        return AbsenceRecord(**{**record.__dict__, "id": new_id})

    async def get(self, absence_id: int) -> AbsenceRecord | None:
        row = (
            await self._session.execute(select(absences).where(absences.c.id == absence_id).with_for_update())
        ).first()
        return absence_from_row(row) if row else None

    async def update(self, record: AbsenceRecord) -> None:
        values = {**_common(record), "end_day": record.fields.end_day}
        await self._session.execute(update(absences).where(absences.c.id == record.id).values(values))

    async def delete(self, absence_id: int) -> None:
        await self._session.execute(delete(absences).where(absences.c.id == absence_id))

    async def list_for(self, agent_ids: Sequence[int]) -> list[AbsenceRecord]:
        query = select(absences).where(absences.c.agent_id.in_(list(agent_ids)))
        rows = await self._session.execute(query.order_by(absences.c.first_day, absences.c.id))
        return [absence_from_row(row) for row in rows]
