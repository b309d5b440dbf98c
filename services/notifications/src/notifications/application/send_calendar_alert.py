"""E-mail the calendar-sync alerts: a broken Outlook or CalDAV connection, a disabled webhook."""

from dataclasses import dataclass
from uuid import UUID

from rdv_contracts import calendar_sync as cs
from rdv_contracts.base import Contract
from rdv_contracts.notifications import ReceiptEvent

from notifications.application.ports import Composer, Deliveries, LocalCopies
from notifications.domain.delivery import NewDelivery, Subject

_CONNECTIONS = {
    cs.OutlookConnectionBroken: ("Outlook", ReceiptEvent.OUTLOOK_CONNECTION_FAILED),
    cs.CaldavConnectionBroken: ("CalDAV", ReceiptEvent.CALDAV_CONNECTION_FAILED),
}


@dataclass(frozen=True)
class SendCalendarAlert:
    """Business rules: a broken connection is told to its agent; a disabled webhook endpoint to its
    organisation's contact address (notifications does not receive agents' roles, so it cannot pick
    the organisation's admins). Nothing when there is no address."""

    copies: LocalCopies
    deliveries: Deliveries
    composer: Composer

    async def __call__(self, event_id: UUID, alert: Contract) -> int:
        if isinstance(alert, cs.OutlookConnectionBroken | cs.CaldavConnectionBroken):
            calendar, event = _CONNECTIONS[type(alert)]
            agent = (await self.copies.agents([alert.agent_id])).get(alert.agent_id)
            if agent is None or not agent.email:
                return 0
            context = {"agent": agent, "calendar": calendar, "reason": alert.reason}
            mail = self.composer.mail("alerts/connection_failed", agent.email, context)
            subject = Subject(agent_id=agent.id)
        elif isinstance(alert, cs.WebhookEndpointDisabled):
            organisation = await self.copies.organisation(alert.organisation_id)
            if organisation is None or not organisation.email:
                return 0
            context = {**alert.model_dump(), "organisation": organisation}
            mail = self.composer.mail("alerts/webhook_endpoint_disabled", organisation.email, context)
            event, subject = ReceiptEvent.WEBHOOK_ENDPOINT_DISABLED, Subject(organisation_id=organisation.id)
        else:
            return 0
        return await self.deliveries.record([NewDelivery(event_id, event, subject, mail, mail.subject)])
