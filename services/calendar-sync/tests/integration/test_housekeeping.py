"""The daily housekeeping: finished deliveries after 30 days, inbox ids once Kafka can no longer
redeliver their events (never for compacted topics), erased usagers after 30 days."""

import pytest
from calendar_sync.bootstrap import housekeeping
from calsync_support import events
from calsync_support.harness import Harness
from calsync_support.world import World, rdv_of
from sqlalchemy import text

pytestmark = pytest.mark.integration


async def endpoint_of(harness: Harness, world: World) -> int:
    response = await harness.client.post(
        f"/api/v1/organisations/{world.organisation_id}/webhook_endpoints",
        json={"target_url": "http://127.0.0.1:9/hooks", "secret": "a-long-enough-secret", "trigger": False},
        headers=harness.headers("agent:1", [(world.organisation_id, "admin")]),
    )
    return int(response.json()["webhook_endpoint"]["id"])


async def execute(harness: Harness, sql: str, **params: object) -> None:
    async with harness.database.engine.begin() as conn:
        await conn.execute(text(sql), params)


async def add_delivery(harness: Harness, endpoint_id: int, status: str, days_ago: int) -> None:
    await execute(
        harness,
        "INSERT INTO webhook_deliveries (endpoint_id, event_id, model, event, body, status,"
        " next_attempt_at, created_at) VALUES (:endpoint, gen_random_uuid(), 'rdv', 'created', 'x',"
        " :status, now(), now() - make_interval(days => :days))",
        endpoint=endpoint_id,
        status=status,
        days=days_ago,
    )


async def test_finished_deliveries_go_30_days_after_they_were_queued_and_pending_ones_stay(harness, world):
    endpoint = await endpoint_of(harness, world)
    for status, days_ago in [
        ("delivered", 31),
        ("failed", 31),
        ("gone", 40),
        ("delivered", 29),
        ("pending", 45),
    ]:
        await add_delivery(harness, endpoint, status, days_ago)

    purged = await housekeeping(harness.settings, harness.database, harness.overrides)()

    left = await harness.rows("SELECT status FROM webhook_deliveries ORDER BY status")
    assert [row["status"] for row in left] == ["delivered", "pending"]
    assert purged["webhook_deliveries"] == 3


async def test_deliveries_are_purged_in_batches_until_none_is_left(harness, world):
    endpoint = await endpoint_of(harness, world)
    for _ in range(7):
        await add_delivery(harness, endpoint, "delivered", 60)
    job = housekeeping(harness.settings, harness.database, harness.overrides)
    job.batch_size = 3

    assert (await job())["webhook_deliveries"] == 7
    assert await harness.rows("SELECT id FROM webhook_deliveries") == []


async def test_the_rdv_inbox_forgets_ids_past_the_topic_retention_the_entities_inbox_never(harness, world):
    await harness.publish(
        events.rdv_event("created", rdv_of(world)), events.rdv_event("created", rdv_of(world))
    )
    await execute(
        harness,
        "UPDATE inbox SET processed_at = now() - interval '9 days'"
        " WHERE event_id = (SELECT event_id FROM inbox WHERE consumer = 'calendar-sync.rdvs' LIMIT 1)",
    )
    await execute(
        harness, "UPDATE inbox SET processed_at = now() - interval '400 days' WHERE consumer LIKE '%entities'"
    )
    entity_ids = len(await harness.rows("SELECT event_id FROM inbox WHERE consumer LIKE '%entities'"))

    await housekeeping(harness.settings, harness.database, harness.overrides)()

    rdv_ids = await harness.rows("SELECT processed_at FROM inbox WHERE consumer = 'calendar-sync.rdvs'")
    assert len(rdv_ids) == 1
    assert len(await harness.rows("SELECT event_id FROM inbox WHERE consumer LIKE '%entities'")) == entity_ids


async def test_erased_usagers_are_forgotten_after_30_days(harness, world):
    await harness.publish(events.user_deleted(world.user_id))
    assert len(await harness.rows("SELECT user_id FROM erased_users")) == 1

    harness.clock.advance(days=29)
    await housekeeping(harness.settings, harness.database, harness.overrides)()
    assert len(await harness.rows("SELECT user_id FROM erased_users")) == 1

    harness.clock.advance(days=2)
    await housekeeping(harness.settings, harness.database, harness.overrides)()
    assert await harness.rows("SELECT user_id FROM erased_users") == []


async def test_outlook_consents_never_completed_go_after_their_lifetime(harness):
    await execute(
        harness,
        "INSERT INTO outlook_authorisations (state, agent_id, flow_encrypted, created_at) VALUES"
        " ('old', 1, 'x', now() - interval '2 hours'), ('fresh', 2, 'x', now())",
    )

    await housekeeping(harness.settings, harness.database, harness.overrides)()

    assert [r["state"] for r in await harness.rows("SELECT state FROM outlook_authorisations")] == ["fresh"]
