"""Attempt counters of participation links, the attempt log and link sessions."""

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

    async def attempts_for_update(self, participation_id: int) -> ParticipationLink:
        # ON CONFLICT DO UPDATE locks the row: concurrent answers on one link are serialised, so
        # never more than 5 are evaluated. One round trip, whether the row existed or not.
        new = upsert(participation_links).values(participation_id=participation_id, failed_attempts=0)
        statement = new.on_conflict_do_update(
            index_elements=["participation_id"], set_={"participation_id": new.excluded.participation_id}
        ).returning(participation_links.c.failed_attempts, participation_links.c.locked_until)
        row = (await self._session.execute(statement)).one()
        return ParticipationLink(participation_id, LinkAttempts(row.failed_attempts, row.locked_until))

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
