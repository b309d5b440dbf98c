from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from calendar_sync.adapters.tables import calendar_connections
from calendar_sync.application.records import CalendarConnectionRow


class SqlCalendarConnections:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def connect(self, agent_id: int, channel: str, secrets_encrypted: bytes) -> None:
        statement = insert(calendar_connections).values(
            agent_id=agent_id, channel=channel, secrets_encrypted=secrets_encrypted, status="active"
        )
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["agent_id", "channel"],
                set_={"secrets_encrypted": secrets_encrypted, "status": "active", "broken_reason": None},
            )
        )

    async def get(self, agent_id: int, channel: str) -> CalendarConnectionRow | None:
        row = await self._session.execute(
            select(
                calendar_connections.c.agent_id,
                calendar_connections.c.channel,
                calendar_connections.c.secrets_encrypted,
                calendar_connections.c.status,
                calendar_connections.c.broken_reason,
            ).where(calendar_connections.c.agent_id == agent_id, calendar_connections.c.channel == channel)
        )
        found = row.first()
        return CalendarConnectionRow(**found._mapping) if found else None

    async def set_status(self, agent_id: int, channel: str, status: str, reason: str | None = None) -> bool:
        """False when the status was already this one."""
        result = await self._session.execute(
            update(calendar_connections)
            .where(
                calendar_connections.c.agent_id == agent_id,
                calendar_connections.c.channel == channel,
                calendar_connections.c.status != status,
            )
            .values(status=status, broken_reason=reason)
            .returning(calendar_connections.c.agent_id)
        )
        return result.first() is not None

    async def store_secrets(self, agent_id: int, channel: str, secrets_encrypted: bytes) -> None:
        await self._session.execute(
            update(calendar_connections)
            .where(calendar_connections.c.agent_id == agent_id, calendar_connections.c.channel == channel)
            .values(secrets_encrypted=secrets_encrypted)
        )

    async def remove(self, agent_id: int, channel: str) -> None:
        await self._session.execute(
            delete(calendar_connections).where(
                calendar_connections.c.agent_id == agent_id, calendar_connections.c.channel == channel
            )
        )
