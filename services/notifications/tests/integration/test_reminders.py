from datetime import UTC, datetime, timedelta

from notifications.testing import factories as f
from rdv_contracts import booking as bk

from .conftest import publish_directory

PARIS_MONDAY_10H = datetime(2031, 1, 13, 9, 0, tzinfo=UTC)


async def book(world, d, starts_at=PARIS_MONDAY_10H):
    snapshot = f.rdv(
        d.organisation.id, d.motif.id, [d.agent.id], [d.user.id], starts_at=starts_at, lieu_id=d.lieu.id
    )
    await world.feed(f.wrap(bk.RdvCreated(rdv=snapshot, actor=f.AGENT_ACTOR), snapshot.id, d.organisation.id))
    return snapshot


async def reminder(world, rdv_id):
    [row] = await world.rows("SELECT state, due_at FROM reminders WHERE rdv_id = :id", id=rdv_id)
    return row


def reminder_mails(smtp_server, address):
    return [m for m in smtp_server.to(address) if m["Subject"].startswith("[Rappel]")]


async def test_reminder_is_scheduled_on_friday_and_sent_once_by_the_worker(world, smtp_server, brevo):
    d = await publish_directory(world)
    snapshot = await book(world, d)
    assert await reminder(world, snapshot.id) == {
        "state": "scheduled",
        "due_at": datetime(2031, 1, 10, 9, 0, tzinfo=UTC),
    }

    world.clock.advance(datetime(2031, 1, 10, 8, 59, tzinfo=UTC) - world.clock())
    assert await world.fire_reminders() == 0
    world.clock.advance(timedelta(minutes=2))
    assert await world.fire_reminders() == 1
    assert await world.fire_reminders() == 0
    await world.dispatch()

    [mail] = reminder_mails(smtp_server, d.user.email)
    assert mail["Subject"] == "[Rappel] RDV le lundi 13 janvier 2031 à 10h00"
    assert [r["content"][:31] for r in brevo.requests if r["content"].startswith("Rappel")] == [
        "Rappel RDV PMI le lundi 13/01 a"
    ]
    assert (await reminder(world, snapshot.id))["state"] == "sent"


async def test_cancelled_rdv_reminder_is_never_sent(world, smtp_server):
    d = await publish_directory(world)
    snapshot = await book(world, d)
    cancelled = f.changed(snapshot, status=bk.RdvStatus.REVOKED, cancelled_at=datetime.now(UTC))
    cancel = bk.RdvCancelled(rdv=cancelled, previous_status=bk.RdvStatus.UNKNOWN, actor=f.AGENT_ACTOR)
    await world.feed(f.wrap(cancel, snapshot.id, d.organisation.id))
    assert (await reminder(world, snapshot.id))["state"] == "dropped"
    world.clock.advance(PARIS_MONDAY_10H - world.clock() - timedelta(hours=1))
    assert await world.fire_reminders() == 0
    await world.dispatch()
    assert reminder_mails(smtp_server, d.user.email) == []


async def test_moving_the_rdv_moves_its_reminder_and_an_older_event_changes_nothing(world):
    d = await publish_directory(world)
    snapshot = await book(world, d)
    tuesday = PARIS_MONDAY_10H + timedelta(days=1)
    moved = f.changed(snapshot, starts_at=tuesday, ends_at=tuesday + timedelta(minutes=30))
    update = bk.RdvUpdated(rdv=moved, previous=snapshot, changes=["starts_at"], actor=f.AGENT_ACTOR)
    await world.feed(f.wrap(update, snapshot.id, d.organisation.id))
    assert (await reminder(world, snapshot.id))["due_at"] == datetime(2031, 1, 11, 9, 0, tzinfo=UTC)

    stale = bk.RdvCreated(rdv=snapshot, actor=f.AGENT_ACTOR)  # a replay of version 1
    await world.feed(f.wrap(stale, snapshot.id, d.organisation.id))
    assert (await reminder(world, snapshot.id))["due_at"] == datetime(2031, 1, 11, 9, 0, tzinfo=UTC)


async def test_rdv_booked_less_than_48_hours_ahead_gets_no_reminder(world):
    d = await publish_directory(world)
    snapshot = await book(world, d, starts_at=datetime.now(UTC) + timedelta(hours=30))
    assert (await reminder(world, snapshot.id))["state"] == "dropped"


async def test_started_rdv_reminder_is_not_sent(world, smtp_server):
    d = await publish_directory(world)
    snapshot = await book(world, d)
    waiting = f.changed(snapshot, status=bk.RdvStatus.WAITING)
    change = bk.RdvStatusChanged(rdv=waiting, previous_status=bk.RdvStatus.UNKNOWN, actor=f.AGENT_ACTOR)
    await world.feed(f.wrap(change, snapshot.id, d.organisation.id))
    world.clock.advance(PARIS_MONDAY_10H - world.clock() - timedelta(hours=1))
    await world.fire_reminders()
    await world.dispatch()
    assert reminder_mails(smtp_server, d.user.email) == []


async def test_a_restarted_worker_sends_the_due_reminder_left_by_a_crashed_one(world, smtp_server):
    """The claim is a transaction: a worker dying before commit leaves the reminder scheduled."""
    d = await publish_directory(world)
    snapshot = await book(world, d)
    world.clock.advance(PARIS_MONDAY_10H - world.clock() - timedelta(hours=2))
    async with world.services.unit() as unit:
        assert [r.id for r in await unit.reminders.claim_due(world.clock(), 10)] == [snapshot.id]
        # no commit: the worker died here
    assert await world.fire_reminders() == 1
    await world.dispatch()
    assert len(reminder_mails(smtp_server, d.user.email)) == 1
