"""Attempt counters of participation links, the attempt log and link sessions."""

import hashlib
from datetime import datetime

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.dialects.postgresql import insert as upsert
from sqlalchemy.ext.asyncio import AsyncSession

from booking.adapters.tables import link_attempts, link_sessions, participation_links, participations, rdvs
from booking.application.ports import ParticipationLink
from booking.domain.link_lock import LinkAttempts

_new_counter = upsert(participation_links).values(
    participation_id=bindparam("participation_id"), failed_attempts=0
)
# ON CONFLICT DO UPDATE locks the row: concurrent answers on one link are serialised, so never more
# than 5 are evaluated. One round trip, whether the row existed or not.
_COUNTER_FOR_UPDATE = _new_counter.on_conflict_do_update(
    index_elements=["participation_id"], set_={"participation_id": _new_counter.excluded.participation_id}
).returning(participation_links.c.failed_attempts, participation_links.c.locked_until)
_CANDIDATES = (
    select(rdvs.c.ends_at, participations.c.id)
    .join(participations, participations.c.rdv_id == rdvs.c.id)
    .where(rdvs.c.id == bindparam("rdv_id"))
)
_LOG_ATTEMPT = insert(link_attempts)


class SqlLinkStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def candidates(self, rdv_id: int) -> tuple[datetime, list[int]] | None:
        rows = (await self._session.execute(_CANDIDATES, {"rdv_id": rdv_id})).all()
        return (rows[0].ends_at, [int(row.id) for row in rows]) if rows else None

    async def attempts_for_update(self, participation_id: int) -> ParticipationLink:
        row = (await self._session.execute(_COUNTER_FOR_UPDATE, {"participation_id": participation_id})).one()
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
        values = {"participation_id": participation_id, "client_hash": client_hash, "outcome": outcome}
        await self._session.execute(_LOG_ATTEMPT, values)

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
