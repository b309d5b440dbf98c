"""The chassis unit of work (transaction + outbox), with booking's repositories on its session."""

from typing import Self

from rdv_chassis.messaging.unit_of_work import SqlUnitOfWork

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
