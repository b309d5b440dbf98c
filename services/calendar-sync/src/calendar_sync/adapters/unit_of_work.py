"""The repositories of one transaction: the chassis unit of work (outbox included), or the session a
subscriber's inbox transaction gives (effects and inbox row commit together)."""

from typing import Self

from rdv_chassis.messaging.unit_of_work import SqlUnitOfWork
from sqlalchemy.ext.asyncio import AsyncSession

from calendar_sync.adapters.calendar_connection_store import SqlCalendarConnections
from calendar_sync.adapters.calendar_event_store import SqlCalendarEvents
from calendar_sync.adapters.copies import SqlCopies
from calendar_sync.adapters.erased_user_store import SqlErasedUsers
from calendar_sync.adapters.inbox_store import SqlInbox
from calendar_sync.adapters.outlook_authorisation_store import SqlOutlookAuthorisations
from calendar_sync.adapters.rdv_store import SqlRdvs
from calendar_sync.adapters.user_membership_store import SqlUserMemberships
from calendar_sync.adapters.webcal_feed_store import SqlWebcalFeeds
from calendar_sync.adapters.webhook_delivery_store import SqlWebhookDeliveries
from calendar_sync.adapters.webhook_endpoint_store import SqlWebhookEndpoints


class SqlStores:
    def __init__(self, session: AsyncSession) -> None:
        self.copies = SqlCopies(session)
        self.rdvs = SqlRdvs(session)
        self.endpoints = SqlWebhookEndpoints(session)
        self.deliveries = SqlWebhookDeliveries(session)
        self.calendar_events = SqlCalendarEvents(session)
        self.connections = SqlCalendarConnections(session)
        self.feeds = SqlWebcalFeeds(session)
        self.outlook_authorisations = SqlOutlookAuthorisations(session)
        self.memberships = SqlUserMemberships(session)
        self.erased_users = SqlErasedUsers(session)
        self.inbox = SqlInbox(session)


class CalendarSyncUnitOfWork(SqlUnitOfWork):
    stores: SqlStores

    async def __aenter__(self) -> Self:
        await super().__aenter__()
        self.stores = SqlStores(self.session)
        return self
