from datetime import UTC, datetime, timedelta

import pytest
from notifications.testing import factories as f
from rdv_chassis.messaging.inbox import NotYetAvailable, Outcome
from rdv_contracts import booking as bk
from rdv_contracts import directory as dr

from .conftest import publish_directory


def rdv_created(organisation_id, motif_id, lieu_id, agent_id, user_id, **fields):
    snapshot = f.rdv(organisation_id, motif_id, [agent_id], [user_id], lieu_id=lieu_id, **fields)
    return f.wrap(bk.RdvCreated(rdv=snapshot, actor=f.AGENT_ACTOR), snapshot.id, organisation_id)


async def test_an_older_state_of_a_copy_is_ignored(world):
    d = await publish_directory(world)
    newer = f.motif(d.organisation.id, d.service.id, id=d.motif.id, instruction_for_rdv="Venez à jeun.")
    older = f.motif(d.organisation.id, d.service.id, id=d.motif.id, instruction_for_rdv="Ancienne consigne")
    await world.feed(
        f.wrap(newer.model_copy(update={"version": 3}), d.motif.id),
        f.wrap(older.model_copy(update={"version": 2}), d.motif.id),
    )
    [row] = await world.rows("SELECT instruction_for_rdv, version FROM motifs WHERE id = :id", id=d.motif.id)
    assert row == {"instruction_for_rdv": "Venez à jeun.", "version": 3}


async def test_an_older_state_of_an_usager_does_not_bring_back_an_old_address(world, smtp_server):
    d = await publish_directory(world, user={"version": 2})
    stale = d.user.model_copy(update={"email": "ancienne@example.fr", "version": 1})
    await world.feed(f.wrap(dr.UserUpdated(**stale.model_dump()), d.user.id))
    await world.feed(rdv_created(d.organisation.id, d.motif.id, d.lieu.id, d.agent.id, d.user.id))
    await world.dispatch()
    assert smtp_server.to("ancienne@example.fr") == [] and len(smtp_server.to(d.user.email)) == 1


async def test_an_older_state_does_not_forget_a_newer_copy(world):
    d = await publish_directory(world, agent={"version": 4})
    deleted_long_ago = d.agent.model_copy(
        update={"deleted_at": datetime(2020, 1, 1, tzinfo=UTC), "version": 3}
    )
    await world.feed(f.wrap(dr.AgentUpdated(**deleted_long_ago.model_dump()), d.agent.id))
    assert await world.rows("SELECT version FROM agents WHERE id = :id", id=d.agent.id) == [{"version": 4}]


@pytest.mark.parametrize("missing", ["motif", "lieu", "organisation", "territory"])
async def test_an_rdv_event_ahead_of_its_references_is_read_again_later_not_dead_lettered(
    world, smtp_server, missing
):
    t = f.territory()
    o = f.organisation(t.id)
    s = f.service()
    m = f.motif(o.id, s.id)
    lieu = f.lieu(o.id)
    u, a = f.user(), f.agent()
    states = {"territory": (t, t.id), "organisation": (o, o.id), "motif": (m, m.id), "lieu": (lieu, lieu.id)}
    late = states.pop(missing)
    await world.feed(*(f.wrap(*state) for state in states.values()), f.wrap(s, s.id), f.wrap(u, u.id))
    await world.feed(f.wrap(a, a.id))
    event = rdv_created(o.id, m.id, lieu.id, a.id, u.id)

    with pytest.raises(NotYetAvailable, match=f"{missing} {late[1]} is not known yet"):
        await world.feed(event)
    assert world.dead_letters.records == []
    assert await world.deliveries() == []

    await world.feed(f.wrap(*late))
    assert await world.feed(event) == [Outcome.PROCESSED]
    await world.dispatch()
    assert len(smtp_server.to(u.email)) == 1


async def test_an_rdv_of_a_deleted_motif_is_dead_lettered_instead_of_blocking_the_partition(world):
    d = await publish_directory(world)
    gone = f.next_id()
    await world.feed(f.wrap(dr.MotifDeleted(id=gone), gone))
    event = rdv_created(d.organisation.id, gone, d.lieu.id, d.agent.id, d.user.id)
    assert await world.feed(event) == [Outcome.DEAD_LETTERED]
    [(_, reason)] = world.dead_letters.records
    assert f"motif {gone} was deleted" in reason


async def test_an_rdv_in_the_past_does_not_wait_for_its_references(world):
    d = await publish_directory(world)
    past = datetime.now(UTC) - timedelta(days=3)
    event = rdv_created(d.organisation.id, f.next_id(), d.lieu.id, d.agent.id, d.user.id, starts_at=past)
    assert await world.feed(event) == [Outcome.PROCESSED]
