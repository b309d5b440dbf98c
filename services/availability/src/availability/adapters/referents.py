"""The usagers' referent agents, from the local copy of `directory.referent_assignation`."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from availability.adapters import tables
from availability.adapters.autocommit import autocommit


class SqlReferents:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def of_user(self, user_id: int) -> frozenset[int]:
        table = tables.referent_assignations
        async with autocommit(self._sessions) as connection:
            rows = await connection.execute(select(table.c.agent_id).where(table.c.user_id == user_id))
            return frozenset(agent_id for (agent_id,) in rows)
