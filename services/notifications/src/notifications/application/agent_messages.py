"""The e-mails of agents about a change of their RDVs, each with an iCalendar invitation."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from rdv_contracts.notifications import ReceiptEvent

from notifications.application.ports import Calendars, Composer
from notifications.application.rdv_view import RdvView
from notifications.domain.agent_levels import agent_wants_mail, is_soon
from notifications.domain.delivery import NewDelivery, Subject
from notifications.domain.rdv_change import RdvChange


@dataclass(frozen=True)
class AgentMessages:
    composer: Composer
    calendars: Calendars

    def deliveries(
        self, event_id: UUID, change: RdvChange, view: RdvView, now: datetime
    ) -> list[NewDelivery]:
        """Per agent level (all, others, soon, none); agents hear even of motifs not notified to usagers.
        METHOD:CANCEL for the agents who lose the RDV, METHOD:REQUEST otherwise."""
        starts = [change.rdv.starts_at] + ([change.previous.starts_at] if change.previous else [])
        soon = is_soon([view.local(s).date() for s in starts], view.local(now).date())
        planned = []
        for agent_id, notice in change.agent_notices().items():
            agent = view.agents.get(agent_id)
            if agent is None or agent.email is None or not agent_wants_mail(agent, change.actor, soon):
                continue
            method = "CANCEL" if notice == ReceiptEvent.RDV_CANCELLED else "REQUEST"
            context = {**view.context(), "agent": agent, "actor": change.actor}
            mail = self.composer.mail(
                f"agent/{notice.value}", agent.email, context, self.calendars.rdv(view, method)
            )
            subject = Subject(view.rdv.id, view.rdv.uuid, view.rdv.organisation_id, agent_id=agent.id)
            planned.append(NewDelivery(event_id, notice, subject, mail, mail.subject))
        return planned
