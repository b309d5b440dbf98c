"""The territories' teams, from the local copy of `directory.team`."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from availability.adapters import tables
from availability.adapters.autocommit import autocommit


class SqlTeams:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def members(self, team_ids: frozenset[int]) -> dict[int, tuple[int, frozenset[int]]]:
        table = tables.teams
        query = select(table.c.id, table.c.territory_id, table.c.agent_ids).where(table.c.id.in_(team_ids))
        async with autocommit(self._sessions) as connection:
            rows = await connection.execute(query)
            return {team_id: (territory_id, frozenset(agents)) for team_id, territory_id, agents in rows}
