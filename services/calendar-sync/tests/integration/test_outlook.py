from collections.abc import AsyncIterator
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from calsync_support import events
from calsync_support.fake_microsoft import GOOD_CODE, FakeMicrosoft, running_fake_microsoft
from calsync_support.harness import Harness, push_calendars, start_harness
from calsync_support.world import World, make_world, rdv_of
from rdv_contracts.booking import RdvStatus

pytestmark = pytest.mark.integration


@pytest.fixture
async def microsoft(tmp_path) -> AsyncIterator[FakeMicrosoft]:
    async with running_fake_microsoft(tmp_path) as fake:
        yield fake


@pytest.fixture
async def harness(make_database, microsoft) -> AsyncIterator[Harness]:
    started = await start_harness(
        await make_database(),
        outlook_client_id="client-id",
        outlook_client_secret="client-secret",
        outlook_login_base_url=microsoft.base_url,
        outlook_graph_base_url=microsoft.base_url,
        outlook_ca_file=microsoft.ca_file,
    )
    yield started
    await started.client.aclose()
    await started.database.engine.dispose()


@pytest.fixture
async def world(harness) -> World:
    return await make_world(harness)


async def connect(harness: Harness, world: World, code: str = GOOD_CODE):
    started = await harness.client.post(
        "/api/v1/outlook/connection", headers=harness.headers(f"agent:{world.agent_id}")
    )
    assert started.status_code == 200, started.text
    query = parse_qs(urlsplit(started.json()["authorization_url"]).query)
    assert query["client_id"] == ["client-id"]
    return await harness.client.get(
        "/api/v1/outlook/callback", params={"code": code, "state": query["state"][0]}
    )


async def test_connecting_stores_the_tokens_encrypted_and_pushes_existing_rdvs(harness, world, microsoft):
    rdv = rdv_of(world)
    await harness.publish(events.rdv_event("created", rdv))

    response = await connect(harness, world)
    await push_calendars(harness)

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<title>Agenda Outlook connecté – Synchronisation Outlook" in response.text
    [event] = microsoft.created_events()
    assert event["subject"] == "Consultation PMI"
    assert event["location"]["displayName"] == "MDS Centre (1 rue de la Paix, 62000 Arras)"
    assert (event["attendees"], event["sensitivity"]) == ([], "private")
    [row] = await harness.rows("SELECT secrets_encrypted, status FROM calendar_connections")
    assert row["status"] == "active" and b"access-" not in bytes(row["secrets_encrypted"])


async def test_an_rdv_is_one_outlook_event_updated_then_deleted_with_it(harness, world, microsoft):
    await connect(harness, world)
    rdv = rdv_of(world)
    created = events.rdv_event("created", rdv)
    await harness.publish(created)
    await push_calendars(harness)
    await harness.publish(created, events.rdv_event("created", rdv))
    await push_calendars(harness)
    [event] = [dict(created) for created in microsoft.created_events()]

    moved = rdv.model_copy(
        update={
            "starts_at": rdv.starts_at + timedelta(hours=1),
            "ends_at": rdv.ends_at + timedelta(hours=1),
            "version": 2,
            "sequence": 1,
        }
    )
    await harness.publish(events.rdv_event("updated", moved, rdv))
    await push_calendars(harness)
    [updated] = microsoft.created_events()
    assert updated["id"] == event["id"] and updated["start"] != event["start"]

    await harness.publish(events.rdv_event("destroyed", moved))
    await push_calendars(harness)
    assert microsoft.created_events() == []
    assert [call[0] for call in microsoft.calls if call[1] != "token"] == ["POST", "PATCH", "DELETE"]


async def test_a_cancelled_rdv_leaves_outlook(harness, world, microsoft):
    await connect(harness, world)
    rdv = rdv_of(world)
    await harness.publish(events.rdv_event("created", rdv))
    await push_calendars(harness)
    cancelled = rdv.model_copy(update={"status": RdvStatus.REVOKED, "version": 2})
    await harness.publish(events.rdv_event("cancelled", cancelled))
    await push_calendars(harness)

    assert microsoft.created_events() == []


async def test_throttling_is_retried_after_the_delay_graph_asks_for(harness, world, microsoft):
    await connect(harness, world)
    microsoft.throttle.append(120)
    await harness.publish(events.rdv_event("created", rdv_of(world)))

    await push_calendars(harness)
    harness.clock.advance(seconds=60)
    await push_calendars(harness)
    assert microsoft.created_events() == []

    harness.clock.advance(seconds=61)
    await push_calendars(harness)
    assert len(microsoft.created_events()) == 1


async def test_server_errors_are_retried(harness, world, microsoft):
    await connect(harness, world)
    microsoft.server_errors = 1
    await harness.publish(events.rdv_event("created", rdv_of(world)))

    await push_calendars(harness)
    harness.clock.advance(seconds=10)
    await push_calendars(harness)

    assert len(microsoft.created_events()) == 1


async def test_an_expired_access_token_is_refreshed_and_stored(harness, world, microsoft):
    await connect(harness, world)
    microsoft.valid_access_tokens.clear()
    await harness.publish(events.rdv_event("created", rdv_of(world)))

    await push_calendars(harness)

    assert len(microsoft.created_events()) == 1
    assert [c[2]["grant_type"] for c in microsoft.calls if c[1] == "token"] == [
        "authorization_code",
        "refresh_token",
    ]


async def test_invalid_grant_breaks_the_connection_and_tells_the_agent(harness, world, microsoft):
    await connect(harness, world)
    microsoft.valid_access_tokens.clear()
    microsoft.revoked_refresh_tokens.update(f"refresh-{n}" for n in range(1, 10))
    await harness.publish(events.rdv_event("created", rdv_of(world)))

    await push_calendars(harness)

    status = await harness.client.get(
        "/api/v1/outlook/connection", headers=harness.headers(f"agent:{world.agent_id}")
    )
    assert status.json()["status"] == "broken"
    assert [row["event_type"] for row in await harness.rows("SELECT event_type FROM outbox")] == [
        "outlook_connection.failed"
    ]


async def test_disconnecting_deletes_the_outlook_events(harness, world, microsoft):
    await connect(harness, world)
    await harness.publish(events.rdv_event("created", rdv_of(world)))
    await push_calendars(harness)

    await harness.client.delete(
        "/api/v1/outlook/connection", headers=harness.headers(f"agent:{world.agent_id}")
    )
    await push_calendars(harness)

    assert microsoft.created_events() == []
    assert await harness.rows("SELECT agent_id FROM calendar_connections") == []


async def test_a_refused_or_replayed_callback_connects_nothing(harness, world, microsoft):
    refused = await connect(harness, world, code="forged-code")
    unknown = await harness.client.get(
        "/api/v1/outlook/callback", params={"code": GOOD_CODE, "state": "forged"}
    )

    assert refused.status_code == 422
    assert "Microsoft a refusé la connexion" in refused.text
    assert unknown.status_code == 404
    assert "demande de connexion inconnue ou expirée" in unknown.text
    assert "n&#39;a pas abouti" in unknown.text
    assert await harness.rows("SELECT agent_id FROM calendar_connections") == []


async def test_no_usager_data_reaches_outlook(harness, world, microsoft):
    await connect(harness, world)
    await harness.publish(events.rdv_event("created", rdv_of(world, context=events.CANARY_LAST_NAME)))
    await push_calendars(harness)

    sent = repr(microsoft.calls)
    for canary in (
        events.CANARY_LAST_NAME,
        events.CANARY_FIRST_NAME,
        events.CANARY_PHONE,
        events.CANARY_EMAIL,
    ):
        assert canary not in sent


async def test_outlook_answers_503_when_not_configured(make_database):
    harness = await start_harness(await make_database())
    try:
        response = await harness.client.post("/api/v1/outlook/connection", headers=harness.headers("agent:1"))
    finally:
        await harness.client.aclose()
        await harness.database.engine.dispose()
    assert response.status_code == 503
