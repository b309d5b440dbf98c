"""E-mail the calendar-sync alerts: a broken Outlook or CalDAV connection, a disabled webhook."""

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from rdv_contracts import calendar_sync as cs
from rdv_contracts.base import Contract
from rdv_contracts.notifications import ReceiptEvent

from notifications.application.ports import Composer, Deliveries, LocalCopies
from notifications.domain.copies import AgentCopy
from notifications.domain.delivery import NewDelivery, Subject

_CONNECTIONS = {
    cs.OutlookConnectionBroken: ("Outlook", ReceiptEvent.OUTLOOK_CONNECTION_FAILED),
    cs.CaldavConnectionBroken: ("CalDAV", ReceiptEvent.CALDAV_CONNECTION_FAILED),
}


@dataclass(frozen=True)
class SendCalendarAlert:
    """Business rules: a broken connection is told to its agent; a disabled webhook endpoint to every
    admin of its organisation who has an e-mail address, or to the organisation's own address when
    it has none. Nothing when there is no address."""

    copies: LocalCopies
    deliveries: Deliveries
    composer: Composer

    async def __call__(self, event_id: UUID, alert: Contract) -> int:
        if isinstance(alert, cs.OutlookConnectionBroken | cs.CaldavConnectionBroken):
            return await self.deliveries.record(await self._connection_failed(event_id, alert))
        if isinstance(alert, cs.WebhookEndpointDisabled):
            return await self.deliveries.record(await self._webhook_disabled(event_id, alert))
        return 0

    async def _connection_failed(
        self, event_id: UUID, alert: cs.OutlookConnectionBroken | cs.CaldavConnectionBroken
    ) -> list[NewDelivery]:
        calendar, event = _CONNECTIONS[type(alert)]
        agent = (await self.copies.agents([alert.agent_id])).get(alert.agent_id)
        if agent is None or not agent.email:
            return []
        context = {"agent": agent, "calendar": calendar, "reason": alert.reason}
        mail = self.composer.mail("alerts/connection_failed", agent.email, context)
        return [NewDelivery(event_id, event, Subject(agent_id=agent.id), mail, mail.subject)]

    async def _webhook_disabled(self, event_id: UUID, alert: cs.WebhookEndpointDisabled) -> list[NewDelivery]:
        organisation = await self.copies.organisation(alert.organisation_id)
        if organisation is None:
            return []
        context = {**alert.model_dump(), "organisation": organisation}
        admins = [a for a in await self.copies.organisation_admins(organisation.id) if a.email]
        if admins:
            return [self._webhook_mail(event_id, a.email or "", context, a) for a in admins]
        if organisation.email:
            return [self._webhook_mail(event_id, organisation.email, context, None)]
        return []

    def _webhook_mail(
        self, event_id: UUID, to: str, context: dict[str, Any], agent: AgentCopy | None
    ) -> NewDelivery:
        mail = self.composer.mail("alerts/webhook_endpoint_disabled", to, {**context, "agent": agent})
        subject = Subject(organisation_id=context["organisation"].id, agent_id=agent.id if agent else None)
        return NewDelivery(event_id, ReceiptEvent.WEBHOOK_ENDPOINT_DISABLED, subject, mail, mail.subject)
