from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from calendar_sync.adapters.tables import webcal_feeds


class SqlWebcalFeeds:
    """Only a SHA-256 of each feed token is kept: a database leak reveals no feed URL."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def replace(self, agent_id: int, token_sha256: str) -> None:
        statement = insert(webcal_feeds).values(agent_id=agent_id, token_sha256=token_sha256)
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["agent_id"],
                set_={"token_sha256": token_sha256, "created_at": statement.excluded.created_at},
            )
        )

    async def remove(self, agent_id: int) -> None:
        await self._session.execute(delete(webcal_feeds).where(webcal_feeds.c.agent_id == agent_id))

    async def agent_of(self, token_sha256: str) -> int | None:
        row = await self._session.execute(
            select(webcal_feeds.c.agent_id).where(webcal_feeds.c.token_sha256 == token_sha256)
        )
        agent_id: int | None = row.scalar_one_or_none()
        return agent_id
