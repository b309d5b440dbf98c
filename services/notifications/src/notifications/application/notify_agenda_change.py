"""E-mail an agent, with an ICS invitation, when a plage d'ouverture or an absence of theirs changes."""

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from rdv_contracts import availability as av
from rdv_contracts.base import Contract
from rdv_contracts.directory import NotificationLevel
from rdv_contracts.notifications import ReceiptEvent

from notifications.application.ports import Calendars, Composer, Deliveries, LocalCopies
from notifications.domain.delivery import NewDelivery, Subject

_ACTIONS = {"created": "créée", "updated": "modifiée", "deleted": "supprimée"}
_WHAT = {"plage_ouverture": "la plage d'ouverture", "absence": "l'indisponibilité"}


@dataclass(frozen=True)
class NotifyAgendaChange:
    """Business rules (reference §5.1): the agent gets the e-mail on creation, change and deletion when
    their `plage_ouverture_notification_level` (or `absence_notification_level`) is `all`; the ICS is
    the one availability published (METHOD:REQUEST), or a METHOD:CANCEL of its UID on deletion."""

    copies: LocalCopies
    deliveries: Deliveries
    composer: Composer
    calendars: Calendars

    async def __call__(self, event_id: UUID, event_type: str, payload: Contract) -> int:
        entity, _, action = event_type.partition(".")
        state: Any = payload  # plage and absence states and deletions all carry agent_id
        agent_id: int = state.agent_id
        agent = (await self.copies.agents([agent_id])).get(agent_id)
        if agent is None or not agent.email:
            return 0
        level = (
            agent.plage_ouverture_notification_level
            if entity == "plage_ouverture"
            else agent.absence_notification_level
        )
        if level != NotificationLevel.ALL:
            return 0
        filename = f"{entity}-{getattr(payload, 'id', 'x')}.ics"
        if isinstance(payload, av.PlageOuverture | av.Absence):
            calendar = self.calendars.agenda(payload.ical, "REQUEST", filename)
            title, first_day = payload.title, payload.first_day.strftime("%d/%m/%Y")
        else:
            calendar = self.calendars.agenda_cancel(state.ical_uid, filename)
            title, first_day = "", None
        context = {
            "agent": agent,
            "what": _WHAT[entity],
            "action": _ACTIONS[action],
            "title": title,
            "first_day": first_day,
        }
        mail = self.composer.mail("agenda/change", agent.email, context, calendar)
        organisation_id = getattr(payload, "organisation_id", None)
        subject = Subject(organisation_id=organisation_id, agent_id=agent.id)
        return await self.deliveries.record(
            [NewDelivery(event_id, ReceiptEvent(f"{entity}_{action}"), subject, mail, mail.subject)]
        )
