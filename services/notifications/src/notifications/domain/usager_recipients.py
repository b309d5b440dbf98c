"""Which usagers hear about an RDV, and through which channels (reference §5.1)."""

from collections.abc import Mapping
from dataclasses import dataclass

from rdv_contracts.booking import Participation, RdvSnapshot
from rdv_contracts.notifications import ReceiptEvent

from notifications.domain.copies import BeneficiaryContact, UserCopy


@dataclass(frozen=True)
class UsagerRecipient:
    user: UserCopy | BeneficiaryContact
    participation_id: int
    relatives: tuple[UserCopy, ...]
    """Those the RDV is for when they are not the person notified (their responsible is)."""
    by_email: bool
    by_sms: bool

    @property
    def user_id(self) -> int | None:
        return self.user.id if isinstance(self.user, UserCopy) else None


def participations_to_notify(notice: ReceiptEvent, rdv: RdvSnapshot) -> list[Participation]:
    if notice == ReceiptEvent.RDV_UPCOMING_REMINDER:
        return [p for p in rdv.participations if not p.status.is_cancelled and p.send_reminder_notification]
    if notice == ReceiptEvent.RDV_CANCELLED:
        return [p for p in rdv.participations if p.send_lifecycle_notifications]
    return [p for p in rdv.participations if not p.status.is_cancelled and p.send_lifecycle_notifications]


def usager_recipients(
    notice: ReceiptEvent,
    rdv: RdvSnapshot,
    users: Mapping[int, UserCopy],
    beneficiaries: Mapping[int, BeneficiaryContact] | None = None,
    sms_allowed: bool = True,
) -> list[UsagerRecipient]:
    """`beneficiaries`: the contacts of participations without an account, by participation id."""
    participations = participations_to_notify(notice, rdv)
    recipients = [
        *_account_holders([p for p in participations if p.user_id is not None], users, sms_allowed),
        *_beneficiaries([p for p in participations if p.user_id is None], beneficiaries or {}, sms_allowed),
    ]
    return [r for r in recipients if r.by_email or r.by_sms]


def _account_holders(
    participations: list[Participation], users: Mapping[int, UserCopy], sms_allowed: bool
) -> list[UsagerRecipient]:
    """A relative's notifications go to their responsible; each person is notified once."""
    grouped: dict[int, tuple[UserCopy, int, list[UserCopy]]] = {}
    for participation in participations:
        participant = users.get(participation.user_id) if participation.user_id is not None else None
        if participant is None:
            continue
        notified = users.get(participant.responsible_id) if participant.responsible_id else None
        notified = notified or participant
        _, _, relatives = grouped.setdefault(notified.id, (notified, participation.id, []))
        if participant.id != notified.id:
            relatives.append(participant)
    return [
        UsagerRecipient(
            user=user,
            participation_id=participation_id,
            relatives=tuple(relatives),
            by_email=user.notify_by_email and bool(user.email),
            by_sms=sms_allowed and user.notify_by_sms and bool(user.mobile_phone),
        )
        for user, participation_id, relatives in grouped.values()
    ]


def _beneficiaries(
    participations: list[Participation], contacts: Mapping[int, BeneficiaryContact], sms_allowed: bool
) -> list[UsagerRecipient]:
    """Told through the contact data the prescripteur gave, when they gave some."""
    return [
        UsagerRecipient(
            contact,
            participation.id,
            (),
            by_email=bool(contact.email),
            by_sms=sms_allowed and bool(contact.mobile_phone),
        )
        for participation in participations
        if (contact := contacts.get(participation.id)) is not None
    ]
