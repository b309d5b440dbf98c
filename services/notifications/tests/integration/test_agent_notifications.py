from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar
from notifications.testing import factories as f
from rdv_contracts import booking as bk
from rdv_contracts.directory import RdvNotificationLevel

from .conftest import publish_directory

FAR = datetime(2031, 1, 13, 9, 0, tzinfo=UTC)


def calendar_of(mail):
    [part] = [p for p in mail.walk() if p.get_content_type() == "text/calendar"]
    return part.get_param("method"), Calendar.from_ical(part.get_content())


async def feed_created(world, d, starts_at=FAR, actor=None):
    snapshot = f.rdv(
        d.organisation.id, d.motif.id, [d.agent.id], [d.user.id], starts_at=starts_at, lieu_id=d.lieu.id
    )
    event = bk.RdvCreated(rdv=snapshot, actor=actor or bk.Actor(type=bk.ActorType.AGENT, id=d.other_agent.id))
    await world.feed(f.wrap(event, snapshot.id, d.organisation.id))
    return snapshot


async def test_agent_gets_an_ics_request_then_cancel_with_stable_uid_and_increasing_sequence(
    world, smtp_server
):
    d = await publish_directory(world)
    snapshot = await feed_created(world, d)
    cancelled = f.changed(snapshot, status=bk.RdvStatus.REVOKED, cancelled_at=datetime.now(UTC))
    cancel = bk.RdvCancelled(rdv=cancelled, previous_status=bk.RdvStatus.UNKNOWN, actor=f.USER_ACTOR)
    await world.feed(f.wrap(cancel, snapshot.id, d.organisation.id))
    await world.dispatch()

    mails = sorted(smtp_server.to(d.agent.email), key=lambda m: m["Subject"])
    assert [m["Subject"] for m in mails] == [
        "Nouveau RDV ajouté sur votre agenda RDV Solidarités pour le lundi 13 janvier 2031 à 10h00",
        "RDV annulé lundi 13 janvier 2031 à 10h00",
    ]
    (request_method, request), (cancel_method, cancelled_ics) = calendar_of(mails[0]), calendar_of(mails[1])
    assert (request_method, str(request["METHOD"])) == ("REQUEST", "REQUEST")
    assert (cancel_method, str(cancelled_ics["METHOD"])) == ("CANCEL", "CANCEL")
    [event] = request.walk("VEVENT")
    [cancelled_event] = cancelled_ics.walk("VEVENT")
    assert str(event["UID"]) == str(cancelled_event["UID"]) == str(snapshot.uuid)
    assert (event["SEQUENCE"], cancelled_event["SEQUENCE"]) == (0, 1)
    assert event.decoded("DTSTART") == FAR
    assert str(event["SUMMARY"]) == "RDV Suivi de grossesse"
    assert str(event["ATTENDEE"]) == f"mailto:{d.agent.email}"
    assert [p.get_filename() for p in mails[0].iter_attachments()] == [f"rdv-{snapshot.uuid}.ics"]


@pytest.mark.parametrize(
    ("level", "own_change", "soon", "mailed"),
    [
        (RdvNotificationLevel.ALL, True, False, True),
        (RdvNotificationLevel.OTHERS, True, False, False),
        (RdvNotificationLevel.OTHERS, False, False, True),
        (RdvNotificationLevel.SOON, False, False, False),
        (RdvNotificationLevel.SOON, False, True, True),
        (RdvNotificationLevel.SOON, True, True, False),
        (RdvNotificationLevel.NONE, False, True, False),
    ],
)
async def test_agent_level_rules(world, smtp_server, level, own_change, soon, mailed):
    d = await publish_directory(world, agent={"rdv_notifications_level": level})
    actor = bk.Actor(type=bk.ActorType.AGENT, id=d.agent.id if own_change else d.other_agent.id)
    starts_at = datetime.now(UTC) + (timedelta(hours=3) if soon else timedelta(days=10))
    await feed_created(world, d, starts_at=starts_at, actor=actor)
    await world.dispatch()
    assert len(smtp_server.to(d.agent.email)) == (1 if mailed else 0)


async def test_moving_an_rdv_to_another_agent_cancels_for_one_and_invites_the_other(world, smtp_server):
    d = await publish_directory(world)
    snapshot = await feed_created(world, d)
    moved = f.changed(snapshot, agent_ids=[d.other_agent.id])
    update = bk.RdvUpdated(rdv=moved, previous=snapshot, changes=["agent_ids"], actor=f.USER_ACTOR)
    await world.feed(f.wrap(update, snapshot.id, d.organisation.id))
    await world.dispatch()
    assert sorted(calendar_of(m)[0] for m in smtp_server.to(d.agent.email)) == ["CANCEL", "REQUEST"]
    [invitation] = smtp_server.to(d.other_agent.email)
    assert calendar_of(invitation)[0] == "REQUEST"
    assert invitation["Subject"].startswith("Nouveau RDV ajouté")
