from datetime import UTC, datetime, timedelta

from notifications.adapters.recap_links import participation_token
from notifications.testing import factories as f
from rdv_chassis.messaging.inbox import Outcome
from rdv_contracts import booking as bk
from rdv_contracts.directory import VisibilityType

from .conftest import publish_directory


def created(d, **fields):
    snapshot = f.rdv(d.organisation.id, d.motif.id, [d.agent.id], [d.user.id], lieu_id=d.lieu.id, **fields)
    event = bk.RdvCreated(rdv=snapshot, actor=bk.Actor(type=bk.ActorType.AGENT, id=d.other_agent.id))
    return snapshot, f.wrap(event, snapshot.id, d.organisation.id)


async def test_usager_gets_a_french_confirmation_mail_with_instructions_and_recap_link(world, smtp_server):
    d = await publish_directory(world)
    snapshot, event = created(d, starts_at=datetime(2031, 1, 13, 9, 30, tzinfo=UTC))
    await world.feed(event)
    await world.dispatch()

    [mail] = smtp_server.to(d.user.email)
    assert mail["Subject"] == "RDV confirmé le lundi 13 janvier 2031 à 10h30"
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    assert "Bonjour Hélène Lefèvre" in text
    assert "Suivi de grossesse" in text
    assert "MDS Arras Centre (12 rue Émile Zola, 62000 Arras)" in text
    assert "Apportez votre carnet de santé." in text and "Apportez votre carnet de santé." in html
    [participation] = snapshot.participations
    token = participation_token(world.services.settings.link_secret, snapshot.id, participation.id)
    link = f"https://rdv.example.fr/r/{snapshot.id}/{token}"
    assert link in text and f'href="{link}"' in html


async def test_usager_sms_is_transliterated_without_motif_name_within_two_segments(world, brevo):
    d = await publish_directory(world)
    snapshot, event = created(d, starts_at=datetime(2031, 1, 13, 9, 30, tzinfo=UTC))
    await world.feed(event)
    await world.dispatch()

    [sms] = brevo.requests
    assert sms["recipient"] == "+33612345678"
    assert sms["type"] == "transactional"
    content = sms["content"]
    assert content.startswith(
        "RDV PMI lundi 13/01 a 10h30.\nMDS Arras Centre (12 rue Emile Zola, 62000 Arras)."
    )
    assert f"Infos et annulation: https://rdv.example.fr/r/{snapshot.id}/" in content
    assert "grossesse" not in content
    assert content.isascii()
    [receipt] = [r for r in await world.deliveries() if r["channel"] == "sms"]
    assert (
        receipt["result"] == "sent"
        and receipt["sms_count"] == 1
        and receipt["sms_provider"] == "send_in_blue"
    )
    assert receipt["message"] is None  # the link token is not kept once sent
    assert f"/r/{snapshot.id}/…" in receipt["content"]


async def test_long_lieu_keeps_the_sms_within_two_segments(world, brevo):
    d = await publish_directory(world)
    await world.feed(
        f.wrap(
            f.lieu(d.organisation.id, id=d.lieu.id, name="Maison " * 30, address="rue " * 60, version=2),
            d.lieu.id,
        )
    )
    _, event = created(d)
    await world.feed(event)
    await world.dispatch()
    [sms] = brevo.requests
    assert len(sms["content"]) <= 306
    assert "Infos et annulation: https://rdv.example.fr/r/" in sms["content"]


async def test_redelivered_event_sends_no_second_mail(world, smtp_server, brevo):
    d = await publish_directory(world)
    _, event = created(d)
    assert await world.feed(event) == [Outcome.PROCESSED]
    await world.dispatch()
    assert await world.feed(event) == [Outcome.DUPLICATE]
    await world.dispatch()
    assert len(smtp_server.to(d.user.email)) == 1
    assert len(brevo.requests) == 1


async def test_smtp_down_then_up_delivers_the_mail_once(world, smtp_server):
    d = await publish_directory(world)
    smtp_server.stop()
    _, event = created(d)
    await world.feed(event)
    await world.dispatch()
    [mail_row] = [r for r in await world.deliveries() if r["channel"] == "mail" and r["user_id"] == d.user.id]
    assert (
        mail_row["state"] == "pending"
        and mail_row["attempts"] == 1
        and "SMTP unavailable" in mail_row["error_message"]
    )

    smtp_server.start()
    await world.dispatch()  # not due yet: backoff
    assert smtp_server.to(d.user.email) == []
    world.clock.advance(timedelta(seconds=2))
    await world.dispatch()
    world.clock.advance(timedelta(hours=1))
    await world.dispatch()
    assert len(smtp_server.to(d.user.email)) == 1
    [mail_row] = [r for r in await world.deliveries() if r["id"] == mail_row["id"]]
    assert (mail_row["state"], mail_row["result"], mail_row["attempts"]) == ("done", "sent", 2)


async def test_smtp_down_for_good_ends_in_a_failure_receipt(world, smtp_server):
    d = await publish_directory(world, user={"phone_number": None})
    smtp_server.stop()
    _, event = created(d)
    await world.feed(event)
    for _ in range(6):
        await world.dispatch()
        world.clock.advance(timedelta(hours=2))
    [row] = [r for r in await world.deliveries() if r["user_id"] == d.user.id]
    assert (row["result"], row["attempts"]) == ("failure", 4)
    events = await world.rows("SELECT event_type FROM outbox WHERE key = :key", key=str(row["id"]))
    assert events == [{"event_type": "receipt.created"}]


async def test_relative_notifications_go_to_the_responsible(world, smtp_server, brevo):
    d = await publish_directory(world)
    child = f.user(
        first_name="Léo", last_name="Lefèvre", email=None, phone_number=None, responsible_id=d.user.id
    )
    await world.feed(f.wrap(child, child.id))
    snapshot = f.rdv(d.organisation.id, d.motif.id, [d.agent.id], [child.id], lieu_id=d.lieu.id)
    await world.feed(f.wrap(bk.RdvCreated(rdv=snapshot, actor=f.AGENT_ACTOR), snapshot.id, d.organisation.id))
    await world.dispatch()
    [mail] = smtp_server.to(d.user.email)
    assert "Votre rendez-vous pour Léo Lefèvre est confirmé." in mail.get_body(("plain",)).get_content()
    assert " pour Leo Lefevre." in brevo.requests[0]["content"]


async def test_user_flags_and_landlines_decide_the_channels(world, smtp_server, brevo):
    d = await publish_directory(world, user={"notify_by_email": False, "phone_number": "03 21 00 00 00"})
    _, event = created(d)
    await world.feed(event)
    await world.dispatch()
    assert smtp_server.to(d.user.email) == [] and brevo.requests == []


async def test_motifs_not_notified_send_nothing_to_usagers_but_agents_hear(world, smtp_server, brevo):
    d = await publish_directory(world, motif={"visibility_type": VisibilityType.VISIBLE_AND_NOT_NOTIFIED})
    _, event = created(d)
    await world.feed(event)
    await world.dispatch()
    assert smtp_server.to(d.user.email) == [] and brevo.requests == []
    assert len(smtp_server.to(d.agent.email)) == 1


async def test_nothing_is_sent_for_an_rdv_in_the_past(world, smtp_server, brevo):
    d = await publish_directory(world)
    _, event = created(d, starts_at=datetime.now(UTC) - timedelta(hours=1))
    await world.feed(event)
    await world.dispatch()
    assert smtp_server.messages == [] and brevo.requests == []


async def test_change_of_date_tells_the_previous_date(world, smtp_server, brevo):
    d = await publish_directory(world)
    snapshot, event = created(d, starts_at=datetime(2031, 1, 13, 9, 30, tzinfo=UTC))
    moved = f.changed(
        snapshot,
        starts_at=datetime(2031, 1, 15, 14, 0, tzinfo=UTC),
        ends_at=datetime(2031, 1, 15, 14, 30, tzinfo=UTC),
    )
    update = bk.RdvUpdated(
        rdv=moved, previous=snapshot, changes=["starts_at", "ends_at"], actor=f.AGENT_ACTOR
    )
    await world.feed(event, f.wrap(update, snapshot.id, d.organisation.id))
    await world.dispatch()
    subjects = sorted(m["Subject"] for m in smtp_server.to(d.user.email))
    assert subjects == [
        "RDV confirmé le lundi 13 janvier 2031 à 10h30",
        "RDV du lundi 13 janvier 2031 à 10h30 modifié",
    ]
    assert any(r["content"].startswith("RDV modifie: PMI mercredi 15/01 a 15h00.") for r in brevo.requests)


async def test_cancellation_by_the_agent_is_mailed_and_texted(world, smtp_server, brevo):
    d = await publish_directory(world)
    snapshot, event = created(d, starts_at=datetime(2031, 1, 13, 9, 30, tzinfo=UTC))
    cancelled = f.changed(snapshot, status=bk.RdvStatus.REVOKED, cancelled_at=datetime.now(UTC))
    cancel = bk.RdvCancelled(
        rdv=cancelled, previous_status=bk.RdvStatus.UNKNOWN, changes=["status"], actor=f.AGENT_ACTOR
    )
    await world.feed(event, f.wrap(cancel, snapshot.id, d.organisation.id))
    await world.dispatch()
    # Both mails leave in the same dispatch, concurrently: their order of arrival is not fixed.
    assert sorted(m["Subject"] for m in smtp_server.to(d.user.email)) == [
        "RDV annulé le lundi 13 janvier 2031 à 10h30 avec MDS Arras",
        "RDV confirmé le lundi 13 janvier 2031 à 10h30",
    ]
    assert [r["content"] for r in brevo.requests if "annule" in r["content"]] == [
        (
            "RDV PMI lundi 13/01 a 10h30 a ete annule.\n"
            "Appelez le 03 21 00 00 00 ou allez sur https://rdv.example.fr/prendre_rdv pour reprendre RDV."
        )
    ]


async def test_cancellation_by_the_usager_is_mailed_only(world, smtp_server, brevo):
    d = await publish_directory(world)
    snapshot, event = created(d)
    cancelled = f.changed(snapshot, status=bk.RdvStatus.EXCUSED, cancelled_at=datetime.now(UTC))
    cancel = bk.RdvCancelled(rdv=cancelled, previous_status=bk.RdvStatus.UNKNOWN, actor=f.USER_ACTOR)
    await world.feed(event, f.wrap(cancel, snapshot.id, d.organisation.id))
    await world.dispatch()
    assert sorted(m["Subject"][:10] for m in smtp_server.to(d.user.email)) == ["RDV annulé", "RDV confir"]
    assert len(brevo.requests) == 1


async def test_prescripteur_gets_a_confirmation(world, smtp_server):
    d = await publish_directory(world)
    prescripteur = bk.Prescripteur(first_name="Inès", last_name="Roux", email="ines.roux@caf.example.fr")
    _, event = created(
        d, prescripteur=prescripteur, created_by=bk.CreatorType.PRESCRIPTEUR, created_by_id=None
    )
    await world.feed(event)
    await world.dispatch()
    [mail] = smtp_server.to("ines.roux@caf.example.fr")
    assert "Le rendez-vous que vous avez pris est confirmé." in mail.get_body(("plain",)).get_content()
