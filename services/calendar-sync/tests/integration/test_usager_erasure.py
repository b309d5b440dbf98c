"""Deleted or anonymised usagers disappear from what we push (product decisions, "Data protection"):
a canary usager's name, phone, e-mail and address must never leave in a webhook body once directory
has erased them, whatever was queued before."""

import json

import pytest
from calsync_support import events
from calsync_support.harness import Harness
from calsync_support.world import World, make_world, rdv_of
from sqlalchemy import text

pytestmark = pytest.mark.integration


async def register(harness: Harness, world: World, url: str, subscriptions: list[str]) -> None:
    response = await harness.client.post(
        f"/api/v1/organisations/{world.organisation_id}/webhook_endpoints",
        json={
            "target_url": url,
            "secret": "a-long-enough-secret",
            "subscriptions": subscriptions,
            "trigger": False,
        },
        headers=harness.headers("agent:1", [(world.organisation_id, "admin")]),
    )
    assert response.status_code == 201, response.text


async def anonymise(harness: Harness, world: World) -> None:
    """As directory does when it removes the usager's last profile: profile deleted, then anonymised."""
    await harness.publish(
        events.user_profile_deleted(world.profile_id, world.user_id, world.organisation_id),
        events.user_anonymised(world.user_id),
    )


def sent(receiver) -> list[dict]:
    return [json.loads(request.body) for request in receiver.requests]


async def test_a_queued_rdv_webhook_leaves_without_the_usager_anonymised_meanwhile(harness, world, receiver):
    await register(harness, world, receiver.url, ["rdv"])
    rdv = rdv_of(world)
    await harness.publish(events.rdv_event("created", rdv))
    [queued] = await harness.rows("SELECT body FROM webhook_deliveries")
    assert events.canaries_in(queued["body"].decode())

    await anonymise(harness, world)
    await harness.deliver_webhooks()

    [request] = receiver.requests
    assert events.canaries_in(request.body.decode()) == []
    payload = json.loads(request.body)
    assert payload["data"]["id"] == rdv.id
    assert payload["data"]["participations"][0]["user"]["id"] == world.user_id
    assert payload["data"]["users"][0]["last_name"] == "Usager supprimé"


async def test_a_queued_rdv_webhook_leaves_without_the_usager_deleted_meanwhile(harness, world, receiver):
    await register(harness, world, receiver.url, ["rdv"])
    await harness.publish(events.rdv_event("created", rdv_of(world)))

    await harness.publish(
        events.user_profile_deleted(world.profile_id, world.user_id, world.organisation_id, reason="rgpd"),
        events.user_deleted(world.user_id, reason="rgpd"),
    )
    await harness.deliver_webhooks()

    [request] = receiver.requests
    assert events.canaries_in(request.body.decode()) == []
    assert json.loads(request.body)["data"]["users"][0]["id"] == world.user_id


async def test_a_webhook_in_retry_is_scrubbed_before_its_next_attempt(harness, world, receiver):
    await register(harness, world, receiver.url, ["rdv"])
    receiver.statuses.extend([500])
    await harness.publish(events.rdv_event("created", rdv_of(world)))
    await harness.deliver_webhooks()

    await anonymise(harness, world)
    harness.clock.advance(minutes=10)
    await harness.deliver_webhooks()

    first, retry = receiver.requests
    assert events.canaries_in(first.body.decode())
    assert events.canaries_in(retry.body.decode()) == []
    assert first.headers["webhook-id"] == retry.headers["webhook-id"]


async def test_a_body_rendered_before_the_erasure_but_stored_after_it_is_scrubbed_when_claimed(
    harness, world, receiver
):
    """A transaction that read the usager before the erasure and committed after it escapes the
    erasure's own scrub: the claim must catch it."""
    await register(harness, world, receiver.url, ["rdv"])
    await harness.publish(events.rdv_event("created", rdv_of(world)))
    [late] = await harness.rows("SELECT body FROM webhook_deliveries")
    async with harness.database.engine.begin() as conn:
        await conn.execute(text("DELETE FROM webhook_deliveries"))
    await anonymise(harness, world)
    async with harness.database.engine.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO webhook_deliveries (endpoint_id, event_id, model, event, body, status,"
                " next_attempt_at, user_ids) SELECT id, gen_random_uuid(), 'rdv', 'created', :body,"
                " 'pending', now() - interval '1 minute',"
                " ARRAY[CAST(:user_id AS bigint)] FROM webhook_endpoints"
            ),
            {"body": late["body"], "user_id": world.user_id},
        )
    await harness.deliver_webhooks()

    [request] = receiver.requests
    assert events.canaries_in(request.body.decode()) == []
    [stored] = await harness.rows("SELECT body FROM webhook_deliveries")
    assert events.canaries_in(stored["body"].decode()) == []


async def test_bodies_already_delivered_are_scrubbed_from_our_database_too(harness, world, receiver):
    await register(harness, world, receiver.url, ["rdv", "user", "user_profile"])
    await harness.publish(events.rdv_event("created", rdv_of(world)))
    await harness.deliver_webhooks()

    await anonymise(harness, world)

    for row in await harness.rows("SELECT body FROM webhook_deliveries"):
        assert events.canaries_in(row["body"].decode()) == []


async def test_an_anonymisation_tells_the_organisation_whose_profile_was_just_removed(
    harness, world, receiver
):
    await register(harness, world, receiver.url, ["user"])

    await anonymise(harness, world)
    await harness.deliver_webhooks()

    [payload] = sent(receiver)
    assert (payload["meta"]["model"], payload["meta"]["event"]) == ("User", "updated")
    assert payload["data"]["id"] == world.user_id
    assert payload["data"]["anonymised_at"] is not None
    assert events.canaries_in(json.dumps(payload, ensure_ascii=False)) == []


async def test_a_deletion_sends_user_destroyed_with_the_rgpd_reason_and_nothing_personal(
    harness, world, receiver
):
    await register(harness, world, receiver.url, ["user"])

    await harness.publish(
        events.user_profile_deleted(world.profile_id, world.user_id, world.organisation_id, reason="rgpd"),
        events.user_deleted(world.user_id, reason="rgpd"),
    )
    await harness.deliver_webhooks()

    [payload] = sent(receiver)
    assert payload["meta"] | {"timestamp": None} == {
        "model": "User",
        "event": "destroyed",
        "webhook_reason": "rgpd",
        "timestamp": None,
    }
    assert payload["data"]["id"] == world.user_id
    assert payload["data"]["deleted_at"] is not None
    assert events.canaries_in(json.dumps(payload, ensure_ascii=False)) == []


async def test_an_usager_removed_from_an_organisation_long_ago_is_still_erased_there(
    harness, world, receiver
):
    await register(harness, world, receiver.url, ["user"])
    other = await make_world(harness)
    await harness.publish(events.user_profile(events.next_id(), world.user_id, other.organisation_id))
    await harness.publish(events.user_profile_deleted(world.profile_id, world.user_id, world.organisation_id))
    await harness.publish(events.user(world.user_id, updated=True, phone_number="0600000000", version=2))
    await harness.deliver_webhooks()
    assert receiver.requests == []  # an ordinary change is not told to a former organisation

    await harness.publish(events.user_deleted(world.user_id))
    await harness.deliver_webhooks()

    [payload] = sent(receiver)
    assert (payload["meta"]["event"], payload["data"]["id"]) == ("destroyed", world.user_id)


async def test_an_erasure_is_not_told_to_organisations_that_never_knew_the_usager(harness, world, receiver):
    other = await make_world(harness)
    await register(harness, other, receiver.url, ["user"])

    await anonymise(harness, world)
    await harness.publish(events.user_deleted(world.user_id))
    await harness.deliver_webhooks()

    assert receiver.requests == []


async def test_a_replayed_erasure_changes_nothing(harness, world, receiver):
    await register(harness, world, receiver.url, ["user", "rdv"])
    await harness.publish(events.rdv_event("created", rdv_of(world)))
    deletion = events.user_deleted(world.user_id)

    await harness.publish(deletion, deletion)
    await harness.deliver_webhooks()

    assert sorted(p["meta"]["model"] for p in sent(receiver)) == ["Rdv", "User"]
