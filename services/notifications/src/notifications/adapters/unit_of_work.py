"""The service's unit of work: the chassis transaction with the repositories on its session."""

from typing import Self

from rdv_chassis.messaging.unit_of_work import SqlUnitOfWork
from rdv_contracts.envelope import EventEnvelope

from notifications.adapters.deliveries_repository import SqlDeliveries
from notifications.adapters.local_copies import SqlLocalCopies
from notifications.adapters.reminders_repository import SqlReminders


class SqlNotificationsUnit:
    copies: SqlLocalCopies
    store: SqlDeliveries
    reminders: SqlReminders

    def __init__(self, uow: SqlUnitOfWork) -> None:
        self._uow = uow

    async def __aenter__(self) -> Self:
        await self._uow.__aenter__()
        session = self._uow.session
        self.copies, self.store, self.reminders = (
            SqlLocalCopies(session),
            SqlDeliveries(session),
            SqlReminders(session),
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._uow.__aexit__(None, None, None)

    def publish(self, event: EventEnvelope) -> None:
        self._uow.publish(event)

    async def commit(self) -> None:
        await self._uow.commit()
