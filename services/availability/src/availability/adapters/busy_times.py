"""Busy times read from PostgreSQL: one GiST range query per search (see README, "Slot engine"),
on the search pool; an agent's RDVs and the collective RDVs through SQLAlchemy."""

from collections import defaultdict
from collections.abc import Collection
from datetime import UTC, datetime

from sqlalchemy import and_, any_, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from availability.adapters import tables
from availability.adapters.autocommit import autocommit
from availability.adapters.search_pool import SearchPool
from availability.application.ports import CollectiveRdv, RdvSummary
from availability.domain.intervals import Interval

_CANCELLED_OR_GONE = ("excused", "revoked", "destroyed")


def _utc(instant: int) -> datetime:
    return datetime.fromtimestamp(instant, UTC)


class SqlBusyTimes:
    def __init__(self, session: AsyncSession | AsyncConnection) -> None:
        self._session = session

    async def rdvs_of(self, agent_id: int, since: datetime) -> list[RdvSummary]:
        rdvs = tables.rdvs
        query = (
            select(rdvs.c.id, rdvs.c.organisation_id, rdvs.c.motif_id, rdvs.c.starts_at, rdvs.c.ends_at)
            .where(
                any_(rdvs.c.agent_ids) == agent_id,
                rdvs.c.ends_at > since,
                rdvs.c.status.not_in(_CANCELLED_OR_GONE),
            )
            .order_by(rdvs.c.starts_at)
        )
        return [RdvSummary(*row) for row in await self._session.execute(query)]

    async def collective(self, motif_id: int, start: int, end: int) -> list[CollectiveRdv]:
        rdvs = tables.rdvs
        query = (
            select(rdvs)
            .where(
                and_(rdvs.c.motif_id == motif_id, rdvs.c.collectif.is_(True)),
                rdvs.c.starts_at >= _utc(start),
                rdvs.c.starts_at < _utc(end),
                rdvs.c.status.not_in(_CANCELLED_OR_GONE),
            )
            .order_by(rdvs.c.starts_at, rdvs.c.id)
        )
        return [
            CollectiveRdv(
                row.id,
                row.lieu_id,
                tuple(row.agent_ids),
                int(row.starts_at.timestamp()),
                int(row.ends_at.timestamp()),
                None if row.max_participants_count is None else row.max_participants_count - row.users_count,
            )
            for row in await self._session.execute(query)
        ]


_BUSY_BY_AGENT = (
    "SELECT agent_id, extract(epoch FROM lower(during))::bigint, extract(epoch FROM upper(during))::bigint"
    " FROM rdv_busy WHERE agent_id = ANY($1::int[]) AND during && tstzrange($2, $3, '[)')"
    " AND ($4::bigint IS NULL OR rdv_id <> $4)"
)


class PooledBusyTimes:
    """The same reads outside any transaction: what searches use. The busy times, read on every
    search, go through the search pool; the rarer collective reads through SQLAlchemy."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], search_pool: SearchPool) -> None:
        self._sessions = sessions
        self._search_pool = search_pool

    async def by_agent(
        self, agent_ids: Collection[int], start: int, end: int, exclude_rdv_id: int | None = None
    ) -> dict[int, list[Interval]]:
        rows = await self._search_pool.fetch(
            _BUSY_BY_AGENT, list(agent_ids), _utc(start), _utc(end), exclude_rdv_id
        )
        found: dict[int, list[Interval]] = defaultdict(list)
        for agent_id, lower, upper in rows:
            found[agent_id].append((lower, upper))
        return found

    async def collective(self, motif_id: int, start: int, end: int) -> list[CollectiveRdv]:
        async with autocommit(self._sessions) as connection:
            return await SqlBusyTimes(connection).collective(motif_id, start, end)
