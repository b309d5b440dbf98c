from datetime import datetime

from sqlalchemy import delete, insert
from sqlalchemy.ext.asyncio import AsyncSession

from calendar_sync.adapters.tables import outlook_authorisations


class SqlOutlookAuthorisations:
    """Authorisation-code flows in progress, keyed by their OAuth `state`; each is used once."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, state: str, agent_id: int, flow_encrypted: bytes) -> None:
        await self._session.execute(
            insert(outlook_authorisations).values(
                state=state, agent_id=agent_id, flow_encrypted=flow_encrypted
            )
        )

    async def take(self, state: str, not_before: datetime) -> tuple[int, bytes] | None:
        result = await self._session.execute(
            delete(outlook_authorisations)
            .where(outlook_authorisations.c.state == state)
            .returning(
                outlook_authorisations.c.agent_id,
                outlook_authorisations.c.flow_encrypted,
                outlook_authorisations.c.created_at,
            )
        )
        row = result.first()
        if row is None or row.created_at < not_before:
            return None
        return int(row.agent_id), bytes(row.flow_encrypted)

    async def purge_started_before(self, cutoff: datetime) -> int:
        """Flows never completed: their encrypted state is of no use past its lifetime."""
        result = await self._session.execute(
            delete(outlook_authorisations).where(outlook_authorisations.c.created_at < cutoff)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]
