from notifications.domain.agent_levels import agent_wants_mail
from notifications.domain.copies import AgentCopy, BeneficiaryContact, UserCopy
from notifications.domain.rdv_change import RdvChange
from notifications.domain.usager_recipients import usager_recipients
from notifications.testing import factories as f
from rdv_contracts import booking as bk
from rdv_contracts.directory import RdvNotificationLevel
from rdv_contracts.notifications import ReceiptEvent

MOTHER = UserCopy(1, "Hélène", "Lefèvre", "h@example.fr", "+33612345678")
CHILD = UserCopy(2, "Léo", "Lefèvre", responsible_id=1)
NO_CONTACT = UserCopy(3, "Paul", "Durand")


def test_relatives_are_notified_through_their_responsible_once():
    rdv = f.rdv(1, 1, [10], [1, 2, 3])
    [recipient] = usager_recipients(ReceiptEvent.RDV_CREATED, rdv, {1: MOTHER, 2: CHILD, 3: NO_CONTACT})
    assert recipient.user == MOTHER and recipient.relatives == (CHILD,)
    assert recipient.by_email and recipient.by_sms


def test_participations_without_lifecycle_notifications_or_cancelled_are_skipped():
    rdv = f.rdv(1, 1, [10], [])
    rdv = rdv.model_copy(
        update={
            "participations": [
                f.participation(1, send_lifecycle_notifications=False),
                f.participation(2, status=bk.RdvStatus.EXCUSED),
            ]
        }
    )
    assert usager_recipients(ReceiptEvent.RDV_CREATED, rdv, {1: MOTHER, 2: CHILD}) == []


def test_cancellation_by_the_usager_is_not_texted():
    rdv = f.rdv(1, 1, [10], [1])
    event = bk.RdvCancelled(rdv=rdv, previous_status=bk.RdvStatus.UNKNOWN, actor=f.USER_ACTOR)
    change = RdvChange.from_event(event)
    assert change.usager_notice() == ReceiptEvent.RDV_CANCELLED and not change.sms_allowed


def test_a_change_of_context_only_is_not_news_for_the_usager():
    rdv = f.rdv(1, 1, [10], [1])
    event = bk.RdvUpdated(
        rdv=f.changed(rdv, context="note"), previous=rdv, changes=["context"], actor=f.AGENT_ACTOR
    )
    assert RdvChange.from_event(event).usager_notice() is None


def test_a_cancelled_rdv_set_back_to_unknown_is_confirmed_again():
    rdv = f.rdv(1, 1, [10], [1])
    event = bk.RdvStatusChanged(rdv=rdv, previous_status=bk.RdvStatus.REVOKED, actor=f.AGENT_ACTOR)
    change = RdvChange.from_event(event)
    assert change.usager_notice() == ReceiptEvent.RDV_CREATED
    assert change.agent_notices() == {10: ReceiptEvent.RDV_CREATED}


def test_agent_levels():
    me = bk.Actor(type=bk.ActorType.AGENT, id=7)
    other = bk.Actor(type=bk.ActorType.AGENT, id=8)

    def agent(level: RdvNotificationLevel, email: str | None = "a@x.fr") -> AgentCopy:
        return AgentCopy(7, email, "Martin", rdv_notifications_level=level)

    assert agent_wants_mail(agent(RdvNotificationLevel.ALL), me, soon=False)
    assert not agent_wants_mail(agent(RdvNotificationLevel.OTHERS), me, soon=True)
    assert agent_wants_mail(agent(RdvNotificationLevel.OTHERS), other, soon=False)
    assert not agent_wants_mail(agent(RdvNotificationLevel.SOON), other, soon=False)
    assert agent_wants_mail(agent(RdvNotificationLevel.SOON), other, soon=True)
    assert not agent_wants_mail(agent(RdvNotificationLevel.NONE), other, soon=True)
    assert not agent_wants_mail(agent(RdvNotificationLevel.ALL, email=None), other, soon=True)


NADIA = BeneficiaryContact("Nadia", "Benali", "nadia@example.fr", "+33798765432")


def test_a_beneficiary_without_account_is_told_through_the_contact_given_with_the_rdv():
    participation = f.beneficiary_participation()
    rdv = f.rdv(1, 1, [10], [], participations=[participation])
    [recipient] = usager_recipients(ReceiptEvent.RDV_CREATED, rdv, {}, {participation.id: NADIA})
    assert recipient.user == NADIA and recipient.user_id is None
    assert recipient.participation_id == participation.id and recipient.by_email and recipient.by_sms


def test_a_beneficiary_follows_the_participation_flags_and_the_sms_rule_of_cancellations():
    quiet = f.beneficiary_participation(send_lifecycle_notifications=False)
    told = f.beneficiary_participation()
    rdv = f.rdv(1, 1, [10], [], participations=[quiet, told])
    contacts = {quiet.id: NADIA, told.id: NADIA}
    [recipient] = usager_recipients(ReceiptEvent.RDV_CANCELLED, rdv, {}, contacts, sms_allowed=False)
    assert recipient.participation_id == told.id and recipient.by_email and not recipient.by_sms


def test_a_beneficiary_without_contact_data_is_not_a_recipient():
    participation = f.beneficiary_participation()
    rdv = f.rdv(1, 1, [10], [1], participations=[participation, f.participation(1)])
    nobody = BeneficiaryContact("Nadia", "Benali")
    [recipient] = usager_recipients(ReceiptEvent.RDV_CREATED, rdv, {1: MOTHER}, {participation.id: nobody})
    assert recipient.user == MOTHER
