"""RDVs a prescripteur booked for someone without an usager account (Participation.user_id null)."""

from datetime import UTC, datetime, timedelta

from notifications.adapters.recap_links import participation_token
from notifications.testing import factories as f
from rdv_chassis.messaging.inbox import Outcome
from rdv_contracts import booking as bk

from .conftest import publish_directory

MONDAY_10H = datetime(2031, 1, 13, 9, 0, tzinfo=UTC)
PRESCRIPTEUR = bk.Prescripteur(first_name="Inès", last_name="Roux", email="ines.roux@caf.example.fr")


def booked_by_prescripteur(d, *participations):
    snapshot = f.rdv(
        d.organisation.id,
        d.motif.id,
        [d.agent.id],
        [],
        starts_at=MONDAY_10H,
        lieu_id=d.lieu.id,
        participations=list(participations),
        created_by=bk.CreatorType.PRESCRIPTEUR,
        created_by_id=None,
        prescripteur=PRESCRIPTEUR,
    )
    actor = bk.Actor(type=bk.ActorType.PRESCRIPTEUR)
    return snapshot, f.wrap(bk.RdvCreated(rdv=snapshot, actor=actor), snapshot.id, d.organisation.id)


async def test_prescripteur_and_beneficiary_both_get_the_confirmation(world, smtp_server, brevo):
    d = await publish_directory(world)
    participation = f.beneficiary_participation()
    snapshot, event = booked_by_prescripteur(d, participation)
    assert await world.feed(event) == [Outcome.PROCESSED]
    await world.dispatch()

    [to_prescripteur] = smtp_server.to(PRESCRIPTEUR.email)
    assert "Le rendez-vous que vous avez pris pour Nadia Benali est confirmé." in (
        to_prescripteur.get_body(("plain",)).get_content()
    )
    [to_beneficiary] = smtp_server.to("nadia.benali@example.fr")
    text = to_beneficiary.get_body(("plain",)).get_content()
    token = participation_token(world.services.settings.link_secret, snapshot.id, participation.id)
    assert "Bonjour Nadia Benali" in text and f"https://rdv.example.fr/r/{snapshot.id}/{token}" in text
    [sms] = brevo.requests
    assert sms["recipient"] == "+33798765432" and f"/r/{snapshot.id}/{token}" in sms["content"]
    assert len(smtp_server.to(d.agent.email)) == 1
    beneficiary_rows = [
        r for r in await world.deliveries() if r["recipient"] in ("+33798765432", "nadia.benali@example.fr")
    ]
    assert len(beneficiary_rows) == 2 and all(r["user_id"] is None for r in beneficiary_rows)


async def test_a_beneficiary_without_contact_data_leaves_the_prescripteur_and_agents_told(
    world, smtp_server, brevo
):
    d = await publish_directory(world)
    silent = f.beneficiary_participation(contact={"email": None, "phone_number": None})
    _, event = booked_by_prescripteur(d, silent)
    assert await world.feed(event) == [Outcome.PROCESSED]
    await world.dispatch()
    assert sorted(m["To"] for m in smtp_server.messages) == sorted([PRESCRIPTEUR.email, d.agent.email])
    assert brevo.requests == []


async def test_a_beneficiary_with_a_landline_is_mailed_only_and_one_with_an_account_as_usual(
    world, smtp_server, brevo
):
    d = await publish_directory(world)
    landline = f.beneficiary_participation(contact={"phone_number": "03 21 00 00 00"})
    _, event = booked_by_prescripteur(d, landline, f.participation(d.user.id))
    await world.feed(event)
    await world.dispatch()
    assert len(smtp_server.to("nadia.benali@example.fr")) == 1 and len(smtp_server.to(d.user.email)) == 1
    assert [r["recipient"] for r in brevo.requests] == ["+33612345678"]


async def test_a_beneficiary_hears_of_the_move_the_cancellation_and_gets_the_reminder(
    world, smtp_server, brevo
):
    d = await publish_directory(world)
    snapshot, event = booked_by_prescripteur(d, f.beneficiary_participation())
    later = MONDAY_10H + timedelta(days=1)
    moved = f.changed(snapshot, starts_at=later, ends_at=later + timedelta(minutes=30))
    update = bk.RdvUpdated(
        rdv=moved, previous=snapshot, changes=["starts_at", "ends_at"], actor=f.AGENT_ACTOR
    )
    await world.feed(event, f.wrap(update, snapshot.id, d.organisation.id))
    world.clock.advance(later - timedelta(days=2) + timedelta(minutes=1) - world.clock())
    assert await world.fire_reminders() == 1
    cancelled = f.changed(moved, status=bk.RdvStatus.REVOKED, cancelled_at=world.clock())
    cancel = bk.RdvCancelled(rdv=cancelled, previous_status=bk.RdvStatus.UNKNOWN, actor=f.AGENT_ACTOR)
    assert await world.feed(f.wrap(cancel, snapshot.id, d.organisation.id)) == [Outcome.PROCESSED]
    await world.dispatch()

    subjects = [m["Subject"][:12] for m in smtp_server.to("nadia.benali@example.fr")]
    assert sorted(subjects) == sorted(["RDV confirmé", "RDV du lundi", "[Rappel] RDV", "RDV annulé l"])
    assert len([r for r in brevo.requests if r["recipient"] == "+33798765432"]) == 4


async def test_link_locked_warning_reaches_a_beneficiary_at_the_address_given(world, smtp_server):
    d = await publish_directory(world)
    locked = bk.RdvLinkLocked(
        rdv_id=1,
        rdv_uuid="6c039dac-3c09-4751-a0f5-ee54dca1cbc9",
        participation_id=2,
        user_id=None,
        beneficiary=bk.Beneficiary(first_name="Nadia", last_name="Benali", email="nadia.benali@example.fr"),
        failed_attempts=5,
        locked_until=datetime(2031, 1, 13, 9, 15, tzinfo=UTC),
    )
    assert await world.feed(f.wrap(locked, 1, d.organisation.id)) == [Outcome.PROCESSED]
    await world.dispatch()
    [mail] = smtp_server.to("nadia.benali@example.fr")
    assert "Bonjour Nadia Benali" in mail.get_body(("plain",)).get_content()
