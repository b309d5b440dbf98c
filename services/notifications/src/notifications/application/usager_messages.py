"""The e-mails and SMS of usagers about one RDV: shared by lifecycle notifications and reminders."""

from dataclasses import dataclass
from uuid import UUID

from rdv_contracts.notifications import ReceiptEvent

from notifications.application.ports import Composer, LocalCopies, MobileNumber, RecapLinks
from notifications.application.rdv_view import RdvView
from notifications.domain.copies import BeneficiaryContact
from notifications.domain.delivery import NewDelivery, Subject
from notifications.domain.sms_routing import SmsRouting
from notifications.domain.usager_recipients import UsagerRecipient, usager_recipients


@dataclass(frozen=True)
class UsagerMessages:
    copies: LocalCopies
    composer: Composer
    links: RecapLinks
    sms_routing: SmsRouting
    mobile_number: MobileNumber

    async def deliveries(
        self, event_id: UUID, notice: ReceiptEvent, view: RdvView, *, sms_allowed: bool = True
    ) -> list[NewDelivery]:
        """Nothing for motifs that do not notify usagers (seeds: "visible et notifié" only)."""
        if not view.motif.notifies_usagers:
            return []
        participations = view.rdv.participations
        users = await self.copies.users(p.user_id for p in participations if p.user_id is not None)
        beneficiaries = {
            p.id: BeneficiaryContact(b.first_name, b.last_name, b.email, self.mobile_number(b.phone_number))
            for p in participations
            if (b := p.beneficiary) is not None
        }
        planned: list[NewDelivery] = []
        for recipient in usager_recipients(notice, view.rdv, users, beneficiaries, sms_allowed):
            planned.extend(self._for(event_id, notice, view, recipient))
        return planned

    def _for(
        self, event_id: UUID, notice: ReceiptEvent, view: RdvView, recipient: UsagerRecipient
    ) -> list[NewDelivery]:
        link = self.links.participation_url(view.rdv.id, recipient.participation_id)
        context = {**view.context(), "user": recipient.user, "relatives": recipient.relatives, "link": link}
        subject = Subject(view.rdv.id, view.rdv.uuid, view.rdv.organisation_id, user_id=recipient.user_id)
        planned = []
        if recipient.by_email and recipient.user.email:
            mail = self.composer.mail(f"usager/{notice.value}", recipient.user.email, context)
            planned.append(NewDelivery(event_id, notice, subject, mail, mail.subject))
        if recipient.by_sms and recipient.user.mobile_phone:
            sms = self.composer.sms(f"sms/{notice.value}", recipient.user.mobile_phone, context)
            content = sms.text.replace(link, link.rsplit("/", 1)[0] + "/…")
            provider = self.sms_routing.provider_for(view.territory)
            planned.append(NewDelivery(event_id, notice, subject, sms, content, sms_provider=provider))
        return planned
