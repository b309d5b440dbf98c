"""The chassis unit of work (transaction + outbox), with booking's repositories on its session."""

from types import TracebackType
from typing import Self

from rdv_chassis.messaging.unit_of_work import SqlUnitOfWork
from sqlalchemy import Table
from sqlalchemy.ext.asyncio import AsyncSession

from booking.adapters.directory_copies import SqlDirectoryCopies
from booking.adapters.idempotency_store import SqlIdempotencyKeys
from booking.adapters.link_store import SqlLinkStore
from booking.adapters.rdv_repository import SqlRdvRepository


class BookingUnitOfWork(SqlUnitOfWork):
    rdvs: SqlRdvRepository
    directory: SqlDirectoryCopies
    links: SqlLinkStore
    idempotency: SqlIdempotencyKeys

    async def __aenter__(self) -> Self:
        await super().__aenter__()
        self.rdvs = SqlRdvRepository(self.session)
        self.directory = SqlDirectoryCopies(self.session)
        self.links = SqlLinkStore(self.session)
        self.idempotency = SqlIdempotencyKeys(self.session)
        return self


class InboxUnitOfWork(BookingUnitOfWork):
    """A use case run by a subscriber, inside the inbox's transaction: its events join that
    transaction's outbox rows, and the inbox processor commits or rolls back everything at once."""

    def __init__(self, session: AsyncSession, outbox: Table, producer: str) -> None:
        # The chassis only calls its session factory: one that hands out the inbox's session will do.
        super().__init__(lambda: session, outbox, producer)  # type: ignore[arg-type]

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._pending.clear()

    async def commit(self) -> None:
        await self.flush_events()
