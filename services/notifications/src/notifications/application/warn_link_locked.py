"""Tell an usager by e-mail that their RDV link was locked after too many wrong answers."""

from dataclasses import dataclass
from uuid import UUID
from zoneinfo import ZoneInfo

from rdv_contracts.booking import RdvLinkLocked
from rdv_contracts.notifications import ReceiptEvent

from notifications.application.ports import Composer, Deliveries, LocalCopies
from notifications.domain.copies import DEFAULT_TIME_ZONE
from notifications.domain.delivery import NewDelivery, Subject


@dataclass(frozen=True)
class WarnLinkLocked:
    """Business rules (product decisions, "Usager self-service"): the usager (or their responsible)
    is told by e-mail, whatever their notification flags, since it is about their account's safety;
    nothing when no e-mail address is known."""

    copies: LocalCopies
    deliveries: Deliveries
    composer: Composer

    async def __call__(self, event_id: UUID, organisation_id: int | None, locked: RdvLinkLocked) -> int:
        users = await self.copies.users([locked.user_id])
        user = users.get(locked.user_id)
        if user is not None and user.responsible_id in users:
            user = users[user.responsible_id]
        if user is None or not user.email:
            return 0
        organisation = await self.copies.organisation(organisation_id) if organisation_id else None
        territory = await self.copies.territory(organisation.territory_id) if organisation else None
        zone = territory.time_zone if territory else DEFAULT_TIME_ZONE
        local_end = locked.locked_until.astimezone(ZoneInfo(zone))
        context = {**locked.model_dump(), "user": user, "locked_until": local_end}
        mail = self.composer.mail("usager/rdv_link_locked", user.email, context)
        subject = Subject(locked.rdv_id, locked.rdv_uuid, organisation_id, user_id=user.id)
        return await self.deliveries.record(
            [NewDelivery(event_id, ReceiptEvent.RDV_LINK_LOCKED, subject, mail, mail.subject)]
        )
