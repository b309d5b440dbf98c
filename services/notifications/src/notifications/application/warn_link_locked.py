"""Tell an usager by e-mail that their RDV link was locked after too many wrong answers."""

from dataclasses import dataclass
from uuid import UUID
from zoneinfo import ZoneInfo

from rdv_contracts.booking import RdvLinkLocked
from rdv_contracts.notifications import ReceiptEvent

from notifications.application.ports import Composer, Deliveries, LocalCopies
from notifications.domain.copies import DEFAULT_TIME_ZONE, BeneficiaryContact, UserCopy
from notifications.domain.delivery import NewDelivery, Subject


@dataclass(frozen=True)
class WarnLinkLocked:
    """Business rules (product decisions, "Usager self-service"): the usager (or their responsible)
    is told by e-mail, whatever their notification flags, since it is about their account's safety;
    a prescripteur's beneficiary at the address given with the RDV; nothing when no address is known."""

    copies: LocalCopies
    deliveries: Deliveries
    composer: Composer

    async def __call__(self, event_id: UUID, organisation_id: int | None, locked: RdvLinkLocked) -> int:
        person = await self._person(locked)
        if person is None or not person.email:
            return 0
        organisation = await self.copies.organisation(organisation_id) if organisation_id else None
        territory = await self.copies.territory(organisation.territory_id) if organisation else None
        zone = territory.time_zone if territory else DEFAULT_TIME_ZONE
        local_end = locked.locked_until.astimezone(ZoneInfo(zone))
        context = {**locked.model_dump(), "user": person, "locked_until": local_end}
        mail = self.composer.mail("usager/rdv_link_locked", person.email, context)
        user_id = person.id if isinstance(person, UserCopy) else None
        subject = Subject(locked.rdv_id, locked.rdv_uuid, organisation_id, user_id=user_id)
        return await self.deliveries.record(
            [NewDelivery(event_id, ReceiptEvent.RDV_LINK_LOCKED, subject, mail, mail.subject)]
        )

    async def _person(self, locked: RdvLinkLocked) -> UserCopy | BeneficiaryContact | None:
        """The usager (or their responsible), or the beneficiary a prescripteur booked for."""
        if locked.user_id is None:
            b = locked.beneficiary
            return BeneficiaryContact(b.first_name, b.last_name, b.email) if b is not None else None
        users = await self.copies.users([locked.user_id])
        user = users.get(locked.user_id)
        if user is not None and user.responsible_id in users:
            return users[user.responsible_id]
        return user
