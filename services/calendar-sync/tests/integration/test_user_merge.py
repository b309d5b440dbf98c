"""Directory merged two records of one usager: the merged one's references move to the kept one."""

import json

import pytest
from calsync_support import events
from calsync_support.harness import Harness
from calsync_support.world import World, rdv_of

pytestmark = pytest.mark.integration

DUPLICATE_NAME = "Doublonxyz"


async def duplicate_of(harness: Harness, world: World) -> int:
    duplicate = events.next_id()
    await harness.publish(
        events.user(duplicate, first_name="Zeb", last_name=DUPLICATE_NAME),
        events.user_profile(events.next_id(), duplicate, world.organisation_id),
    )
    return duplicate


async def register(harness: Harness, world: World, url: str, **extra: object) -> None:
    response = await harness.client.post(
        f"/api/v1/organisations/{world.organisation_id}/webhook_endpoints",
        json={"target_url": url, "secret": "a-long-enough-secret", "subscriptions": ["rdv"], **extra},
        headers=harness.headers("agent:1", [(world.organisation_id, "admin")]),
    )
    assert response.status_code == 201, response.text


async def test_a_queued_rdv_webhook_shows_the_kept_usager_instead_of_the_merged_one(harness, world, receiver):
    duplicate = await duplicate_of(harness, world)
    await register(harness, world, receiver.url, trigger=False)
    await harness.publish(events.rdv_event("created", rdv_of(world, user_ids=[duplicate])))

    await harness.publish(events.user_merged(world.user_id, duplicate))
    await harness.deliver_webhooks()

    [request] = receiver.requests
    data = json.loads(request.body)["data"]
    assert [p["user"]["id"] for p in data["participations"]] == [world.user_id]
    assert data["users"][0]["last_name"] == events.CANARY_LAST_NAME
    assert DUPLICATE_NAME not in request.body.decode()


async def test_the_rdv_copies_show_the_kept_usager_once_even_where_both_took_part(harness, world, receiver):
    duplicate = await duplicate_of(harness, world)
    alone, both = rdv_of(world, user_ids=[duplicate]), rdv_of(world, user_ids=[world.user_id, duplicate])
    await harness.publish(events.rdv_event("created", alone), events.rdv_event("created", both))

    await harness.publish(events.user_merged(world.user_id, duplicate))
    await register(harness, world, receiver.url)  # replays the RDVs from their copies
    await harness.deliver_webhooks()

    participants = {
        json.loads(r.body)["data"]["id"]: [
            p["user"]["id"] for p in json.loads(r.body)["data"]["participations"]
        ]
        for r in receiver.requests
    }
    assert participants == {alone.id: [world.user_id], both.id: [world.user_id]}


async def test_a_replayed_merge_changes_nothing(harness, world):
    duplicate = await duplicate_of(harness, world)
    await harness.publish(events.rdv_event("created", rdv_of(world, user_ids=[duplicate])))
    merge = events.user_merged(world.user_id, duplicate)

    outcomes = await harness.publish(merge, merge)

    assert [outcome.value for outcome in outcomes] == ["processed", "duplicate"]
    [rdv] = await harness.rows("SELECT snapshot FROM rdvs")
    assert [p["user_id"] for p in rdv["snapshot"]["participations"]] == [world.user_id]
