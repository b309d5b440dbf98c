"""The agenda unit of work: the chassis transaction + outbox, with this service's repositories."""

from types import TracebackType
from typing import Self

from rdv_chassis.messaging.unit_of_work import SqlUnitOfWork
from rdv_chassis.runtime import Database
from rdv_contracts.envelope import EventEnvelope

from availability.adapters.agenda_repositories import SqlAbsences, SqlPlages
from availability.adapters.busy_times import SqlBusyTimes
from availability.adapters.copies import bump_catalog_version


class SqlAgendaUnitOfWork:
    def __init__(self, database: Database) -> None:
        self._uow: SqlUnitOfWork = database.unit_of_work()
        self._catalog_changed = False

    async def __aenter__(self) -> Self:
        await self._uow.__aenter__()
        session = self._uow.session
        self.plages = SqlPlages(session)
        self.absences = SqlAbsences(session)
        self.busy = SqlBusyTimes(session)
        self._catalog_changed = False
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self._uow.__aexit__(exc_type, exc, tb)

    def publish(self, envelope: EventEnvelope) -> None:
        self._uow.publish(envelope)

    def publish_tombstone(self, topic: str, key: str) -> None:
        self._uow.publish_tombstone(topic, key)

    def catalog_changed(self) -> None:
        self._catalog_changed = True

    async def commit(self) -> None:
        if self._catalog_changed:
            await bump_catalog_version(self._uow.session)
        await self._uow.commit()
