"""Participation links, their attempt counters, the attempt log and link sessions."""

import hashlib
from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.dialects.postgresql import insert as upsert
from sqlalchemy.ext.asyncio import AsyncSession

from booking.adapters.tables import link_attempts, link_sessions, participation_links, participations
from booking.application.ports import ParticipationLink
from booking.domain.link_lock import LinkAttempts


class SqlLinkStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def issue(self, participation_id: int, token_hash: bytes, expires_at: datetime) -> None:
        values = {"participation_id": participation_id, "token_hash": token_hash, "expires_at": expires_at}
        statement = upsert(participation_links).values(values | {"failed_attempts": 0})
        await self._session.execute(
            statement.on_conflict_do_update(index_elements=["participation_id"], set_=values)
        )

    async def find_for_update(self, token_hash: bytes) -> ParticipationLink | None:
        # The row lock serialises concurrent answers on one link: never more than 5 are evaluated.
        query = (
            select(participation_links, participations.c.rdv_id)
            .join(participations, participations.c.id == participation_links.c.participation_id)
            .where(participation_links.c.token_hash == token_hash)
            .with_for_update(of=participation_links)
        )
        row = (await self._session.execute(query)).mappings().first()
        if row is None:
            return None
        attempts = LinkAttempts(row["failed_attempts"], row["locked_until"])
        return ParticipationLink(row["participation_id"], row["rdv_id"], attempts, row["expires_at"])

    async def save_attempts(self, link: ParticipationLink) -> None:
        await self._session.execute(
            update(participation_links)
            .where(participation_links.c.participation_id == link.participation_id)
            .values(failed_attempts=link.attempts.failed_attempts, locked_until=link.attempts.locked_until)
        )

    async def log_attempt(self, participation_id: int | None, client: str, outcome: str) -> None:
        # Addresses are personal data: the log keeps a digest, enough to correlate attempts.
        client_hash = hashlib.sha256(client.encode()).hexdigest()
        await self._session.execute(
            insert(link_attempts).values(
                participation_id=participation_id, client_hash=client_hash, outcome=outcome
            )
        )

    async def open_session(self, session_hash: bytes, participation_id: int, expires_at: datetime) -> None:
        await self._session.execute(
            insert(link_sessions).values(
                token_hash=session_hash, participation_id=participation_id, expires_at=expires_at
            )
        )

    async def session(self, session_hash: bytes, now: datetime) -> tuple[int, int] | None:
        query = (
            select(participations.c.rdv_id, link_sessions.c.participation_id)
            .join(participations, participations.c.id == link_sessions.c.participation_id)
            .where(link_sessions.c.token_hash == session_hash, link_sessions.c.expires_at > now)
        )
        row = (await self._session.execute(query)).first()
        return (int(row[0]), int(row[1])) if row else None
