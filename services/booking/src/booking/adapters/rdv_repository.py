"""RDVs in PostgreSQL. Never commits: the unit of work does."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    DateTime,
    Integer,
    and_,
    bindparam,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY, Range
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from booking.adapters.agent_arrays import agent_array
from booking.adapters.rdv_rows import participation_values, rdv_values, to_participation, to_rdv
from booking.adapters.tables import local_motifs, participations, rdv_agent_busy, rdvs
from booking.application.ports import RdvFilters
from booking.domain.errors import RdvFull, SlotTaken
from booking.domain.participation import Participation
from booking.domain.rdv import Rdv
from booking.domain.statuses import CANCELLED

EXCLUSION_VIOLATION = "23P01"
DEADLOCK_DETECTED = "40P01"
CHECK_VIOLATION = "23514"
_CANCELLED = [s.value for s in CANCELLED]
# Values travel as parameters, so these statements compile once and stay in SQLAlchemy's cache.
_INSERT_RDV = insert(rdvs).returning(rdvs.c.id)
_INSERT_PARTICIPATION = insert(participations).returning(participations.c.id)
_INSERT_BUSY = insert(rdv_agent_busy)
_OVERLAPS = and_(
    rdvs.c.agent_ids.overlap(bindparam("agent_ids", type_=ARRAY(Integer))),
    rdvs.c.status.not_in(_CANCELLED),
    rdvs.c.starts_at < bindparam("ends_at", type_=DateTime(timezone=True)),
    rdvs.c.ends_at > bindparam("starts_at", type_=DateTime(timezone=True)),
    rdvs.c.id.is_distinct_from(bindparam("rdv_id", type_=BigInteger)),
)
_GET = select(rdvs).where(rdvs.c.id == bindparam("rdv_id"))
_GET_FOR_UPDATE = _GET.with_for_update()
_PARTICIPATIONS = (
    select(participations)
    .where(participations.c.rdv_id.in_(bindparam("rdv_ids", expanding=True)))
    .order_by(participations.c.id)
)
# Concurrent bookings of one agent at one start time queue on this lock instead of meeting inside
# the exclusion constraint, where two inserts waiting for each other deadlock until PostgreSQL's
# deadlock_timeout aborts one. The constraint still has the final word.
# Keys come sorted, and unnest keeps their order: two RDVs never take each other's locks backwards.
_LOCK_STARTS = text(
    "SELECT pg_advisory_xact_lock(hashtextextended(key, 0)) FROM unnest(CAST(:keys AS text[])) AS key"
)
_OVERLAPPING = select(rdvs.c.id).where(_OVERLAPS).order_by(rdvs.c.id)
_FORCED_OVERLAP = select(exists().where(_OVERLAPS, rdvs.c.forced))


def _overlap_params(rdv: Rdv) -> dict[str, Any]:
    return {"agent_ids": rdv.agent_ids, "starts_at": rdv.starts_at, "ends_at": rdv.ends_at, "rdv_id": rdv.id}


def _sqlstate(exc: DBAPIError) -> str | None:
    orig: Any = exc.orig
    return getattr(orig, "sqlstate", None) or getattr(getattr(orig, "__cause__", None), "sqlstate", None)


class SqlRdvRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, rdv_id: int, *, for_update: bool = False) -> Rdv | None:
        query = _GET_FOR_UPDATE if for_update else _GET
        row = (await self._session.execute(query, {"rdv_id": rdv_id})).mappings().first()
        if row is None:
            return None
        return to_rdv(row, (await self._participations([rdv_id]))[rdv_id])

    async def rdv_id_of_participation(self, participation_id: int) -> int | None:
        query = select(participations.c.rdv_id).where(participations.c.id == participation_id)
        return (await self._session.execute(query)).scalar()

    async def add(self, rdv: Rdv) -> None:
        async with self._guarded():
            rdv.id = (await self._session.execute(_INSERT_RDV, rdv_values(rdv))).scalar_one()
            await self._write_participations(rdv)
            await self._write_busy(rdv)

    async def save(self, rdv: Rdv) -> None:
        assert rdv.id is not None
        async with self._guarded():
            await self._session.execute(update(rdvs).where(rdvs.c.id == rdv.id).values(rdv_values(rdv)))
            kept = [p.id for p in rdv.participations if p.id is not None]
            await self._session.execute(
                delete(participations).where(
                    participations.c.rdv_id == rdv.id, participations.c.id.not_in(kept)
                )
            )
            await self._write_participations(rdv)
            await self._session.execute(delete(rdv_agent_busy).where(rdv_agent_busy.c.rdv_id == rdv.id))
            await self._write_busy(rdv)

    async def delete(self, rdv: Rdv) -> None:
        await self._session.execute(delete(rdvs).where(rdvs.c.id == rdv.id))

    async def overlapping(self, rdv: Rdv) -> list[int]:
        return list((await self._session.execute(_OVERLAPPING, _overlap_params(rdv))).scalars())

    async def forced_overlap_exists(self, rdv: Rdv) -> bool:
        return bool((await self._session.execute(_FORCED_OVERLAP, _overlap_params(rdv))).scalar())

    async def duplicate_exists(self, rdv: Rdv) -> bool:
        query = select(rdvs.c.id, rdvs.c.agent_ids).where(
            rdvs.c.organisation_id == rdv.organisation_id,
            rdvs.c.motif_id == rdv.motif_id,
            rdvs.c.lieu_id.is_not_distinct_from(rdv.lieu_id),
            rdvs.c.starts_at == rdv.starts_at,
            rdvs.c.ends_at == rdv.ends_at,
            rdvs.c.status.not_in(_CANCELLED),
            rdvs.c.id.is_distinct_from(rdv.id),
        )
        candidates = (await self._session.execute(query)).all()
        if not candidates:
            return False
        users = {p.user_id for p in rdv.participations}
        found = await self._participations([c.id for c in candidates])
        return any(
            set(c.agent_ids) == set(rdv.agent_ids) and {p.user_id for p in found[c.id]} == users
            for c in candidates
        )

    async def search(self, filters: RdvFilters, offset: int, limit: int) -> tuple[list[Rdv], int]:
        conditions = _conditions(filters)
        total = (
            await self._session.execute(select(func.count()).select_from(rdvs).where(*conditions))
        ).scalar_one()
        query = (
            select(rdvs).where(*conditions).order_by(rdvs.c.starts_at, rdvs.c.id).offset(offset).limit(limit)
        )
        return await self._load(query), int(total)

    async def of_users(self, user_ids: Sequence[int]) -> list[Rdv]:
        mine = select(participations.c.rdv_id).where(participations.c.user_id.in_(user_ids))
        return await self._load(select(rdvs).where(rdvs.c.id.in_(mine)).order_by(rdvs.c.starts_at))

    async def unknown_past_counts(self, organisation_id: int, now: datetime) -> dict[int, int]:
        agent = func.unnest(rdvs.c.agent_ids).label("agent_id")
        inner = (
            select(agent)
            .where(
                rdvs.c.organisation_id == organisation_id, rdvs.c.status == "unknown", rdvs.c.starts_at < now
            )
            .subquery()
        )
        query = select(inner.c.agent_id, func.count()).group_by(inner.c.agent_id)
        return {int(a): int(n) for a, n in (await self._session.execute(query)).all()}

    async def _load(self, query: Any) -> list[Rdv]:
        rows = (await self._session.execute(query)).mappings().all()
        found = await self._participations([row["id"] for row in rows])
        return [to_rdv(row, found[row["id"]]) for row in rows]

    async def _participations(self, rdv_ids: list[int]) -> dict[int, list[Participation]]:
        found: dict[int, list[Participation]] = {rdv_id: [] for rdv_id in rdv_ids}
        if rdv_ids:
            for row in (await self._session.execute(_PARTICIPATIONS, {"rdv_ids": rdv_ids})).mappings():
                found[row["rdv_id"]].append(to_participation(row))
        return found

    async def _write_participations(self, rdv: Rdv) -> None:
        assert rdv.id is not None
        for p in rdv.participations:
            values = participation_values(rdv.id, p)
            if p.id is None:
                p.id = (await self._session.execute(_INSERT_PARTICIPATION, values)).scalar_one()
            else:
                await self._session.execute(
                    update(participations).where(participations.c.id == p.id).values(values)
                )

    async def _write_busy(self, rdv: Rdv) -> None:
        if rdv.guards_agents:
            keys = sorted(f"busy:{agent_id}:{rdv.starts_at.isoformat()}" for agent_id in rdv.agent_ids)
            await self._session.execute(_LOCK_STARTS, {"keys": keys})
            during = Range(rdv.starts_at, rdv.ends_at, bounds="[)")
            rows = [{"rdv_id": rdv.id, "agent_id": agent_id, "during": during} for agent_id in rdv.agent_ids]
            await self._session.execute(_INSERT_BUSY, rows)

    def _guarded(self) -> "ConstraintErrors":
        return ConstraintErrors()


class ConstraintErrors:
    """23P01 (the agent is busy) is a taken slot; 23514 on capacity is a full atelier.

    40P01 too is a taken slot: two inserts of overlapping ranges each wait for the other's
    uncommitted row, PostgreSQL aborts one of them, and the other goes on to take the slot (or
    finds it taken by a third, committed one)."""

    async def __aenter__(self) -> None:
        return None

    async def __aexit__(self, exc_type: Any, exc: BaseException | None, tb: Any) -> None:
        if isinstance(exc, DBAPIError) and _sqlstate(exc) == DEADLOCK_DETECTED:
            raise SlotTaken() from exc
        if isinstance(exc, IntegrityError):
            state = _sqlstate(exc)
            if state == EXCLUSION_VIOLATION:
                raise SlotTaken() from exc
            if state == CHECK_VIOLATION and "within_capacity" in str(exc.orig):
                raise RdvFull() from exc


def _conditions(filters: RdvFilters) -> list[Any]:
    conditions: list[Any] = [rdvs.c.organisation_id == filters.organisation_id]
    if filters.agent_id is not None:
        conditions.append(rdvs.c.agent_ids.contains(agent_array(filters.agent_id)))
    if filters.motif_id is not None:
        conditions.append(rdvs.c.motif_id == filters.motif_id)
    if filters.lieu_id is not None:
        conditions.append(rdvs.c.lieu_id == filters.lieu_id)
    if filters.status is not None:
        conditions.append(rdvs.c.status == filters.status)
    if filters.starts_after is not None:
        conditions.append(rdvs.c.starts_at >= filters.starts_after)
    if filters.starts_before is not None:
        conditions.append(rdvs.c.starts_at < filters.starts_before)
    if filters.user_id is not None:
        conditions.append(
            rdvs.c.id.in_(select(participations.c.rdv_id).where(participations.c.user_id == filters.user_id))
        )
    if filters.visible_service_ids is not None:
        services = select(local_motifs.c.id).where(local_motifs.c.service_id.in_(filters.visible_service_ids))
        own = rdvs.c.agent_ids.contains(agent_array(filters.own_agent_id or 0))
        conditions.append(or_(rdvs.c.motif_id.in_(services), own))
    return conditions
