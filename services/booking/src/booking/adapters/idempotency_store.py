"""Idempotency keys of public bookings, claimed in the booking's own transaction."""

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from booking.adapters.tables import idempotency_keys


class SqlIdempotencyKeys:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def find(self, scope: str, key: str) -> tuple[str, int | None] | None:
        query = select(idempotency_keys.c.fingerprint, idempotency_keys.c.rdv_id).where(
            idempotency_keys.c.scope == scope, idempotency_keys.c.key == key
        )
        row = (await self._session.execute(query)).first()
        return (row[0], row[1]) if row else None

    async def claim(self, scope: str, key: str, fingerprint: str) -> bool:
        # A concurrent holder of the key makes this insert wait for its commit or rollback.
        statement = (
            insert(idempotency_keys)
            .values(scope=scope, key=key, fingerprint=fingerprint)
            .on_conflict_do_nothing()
            .returning(idempotency_keys.c.key)
        )
        return (await self._session.execute(statement)).first() is not None

    async def complete(self, scope: str, key: str, rdv_id: int) -> None:
        await self._session.execute(
            update(idempotency_keys)
            .where(idempotency_keys.c.scope == scope, idempotency_keys.c.key == key)
            .values(rdv_id=rdv_id)
        )
