"""Notify usagers, the prescripteur and agents of an RDV's creation, change or cancellation."""

from dataclasses import dataclass
from uuid import UUID

from rdv_contracts.booking import CreatorType
from rdv_contracts.notifications import ReceiptEvent

from notifications.application.agent_messages import AgentMessages
from notifications.application.ports import Clock, Composer, Deliveries, LocalCopies
from notifications.application.rdv_view import RdvView, load_rdv_view
from notifications.application.usager_messages import UsagerMessages
from notifications.domain.delivery import NewDelivery, Subject
from notifications.domain.rdv_change import RdvChange


@dataclass(frozen=True)
class NotifyRdvChange:
    """Business rules (product decisions, "Notifications"; reference §5):

    - nothing is sent for an RDV already in the past;
    - usagers: confirmation, change of date or place, cancellation (SMS only when an agent cancelled),
      by e-mail and SMS per their contact and flags, a relative's going to the responsible; nothing for
      motifs "visible and not notified" or "invisible"; nothing when an RDV is deleted;
    - a prescripteur who booked gets a confirmation e-mail naming the beneficiaries without an account;
    - such a beneficiary is told through the contact data given with the RDV, when there is some;
    - agents get e-mails with an ICS invitation according to their level;
    - each message is recorded once per (event, channel, recipient) before anything is sent.
    """

    copies: LocalCopies
    deliveries: Deliveries
    composer: Composer
    usagers: UsagerMessages
    agents: AgentMessages
    clock: Clock

    async def __call__(self, event_id: UUID, change: RdvChange) -> int:
        now = self.clock()
        if change.rdv.starts_at <= now:
            return 0
        view = await load_rdv_view(self.copies, change.rdv, change.previous)
        planned: list[NewDelivery] = []
        notice = change.usager_notice()
        if notice is not None:
            planned += await self.usagers.deliveries(event_id, notice, view, sms_allowed=change.sms_allowed)
        if notice == ReceiptEvent.RDV_CREATED:
            planned += self._prescripteur(event_id, view)
        planned += self.agents.deliveries(event_id, change, view, now)
        return await self.deliveries.record(planned)

    def _prescripteur(self, event_id: UUID, view: RdvView) -> list[NewDelivery]:
        prescripteur = view.rdv.prescripteur
        if prescripteur is None or view.rdv.created_by != CreatorType.PRESCRIPTEUR:
            return []
        beneficiaries = [p.beneficiary for p in view.rdv.participations if p.beneficiary is not None]
        context = {**view.context(), "prescripteur": prescripteur, "beneficiaries": beneficiaries}
        mail = self.composer.mail("prescripteur/rdv_created", prescripteur.email, context)
        subject = Subject(view.rdv.id, view.rdv.uuid, view.rdv.organisation_id)
        return [NewDelivery(event_id, ReceiptEvent.RDV_CREATED, subject, mail, mail.subject)]
