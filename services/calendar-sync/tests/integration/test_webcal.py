from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from calsync_support import events
from calsync_support.harness import start_harness
from calsync_support.world import make_world, rdv_of
from rdv_contracts.booking import RdvStatus

pytestmark = pytest.mark.integration


async def feed_url(harness, world) -> str:
    response = await harness.client.post(
        "/api/v1/calendar/webcal", headers=harness.headers(f"agent:{world.agent_id}")
    )
    assert response.status_code == 200
    return response.json()["url"].removeprefix(harness.settings.public_base_url)


async def test_the_feed_lists_the_agents_rdvs_from_one_month_ago_with_cancelled_ones_marked(harness, world):
    now = harness.clock.now
    recent = rdv_of(world, starts_at=now - timedelta(days=20))
    old = rdv_of(world, starts_at=now - timedelta(days=40))
    cancelled = rdv_of(world, starts_at=now + timedelta(days=2), status=RdvStatus.REVOKED, version=2)
    someone_elses = events.rdv_snapshot(
        events.next_id(),
        organisation_id=world.organisation_id,
        motif_id=world.motif_id,
        lieu_id=world.lieu_id,
        agent_ids=[world.agent_id + 999],
        user_ids=[world.user_id],
    )
    for rdv in (recent, old, someone_elses):
        await harness.publish(events.rdv_event("created", rdv))
    await harness.publish(events.rdv_event("cancelled", cancelled))

    response = await harness.client.get(await feed_url(harness, world))

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    found = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert set(found) == {str(recent.uuid), str(cancelled.uuid)}
    assert str(found[str(cancelled.uuid)]["STATUS"]) == "CANCELLED"
    assert str(found[str(recent.uuid)]["STATUS"]) == "CONFIRMED"
    assert str(found[str(recent.uuid)]["SUMMARY"]) == "Consultation PMI"
    assert str(found[str(recent.uuid)]["LOCATION"]) == "MDS Centre (1 rue de la Paix, 62000 Arras)"
    assert f"/admin/organisations/{world.organisation_id}/rdvs/{recent.id}" in str(
        found[str(recent.uuid)]["DESCRIPTION"]
    )
    assert int(found[str(cancelled.uuid)]["SEQUENCE"]) == 1


async def test_the_feed_uses_the_territorys_time_zone(make_database):
    harness = await start_harness(await make_database())
    try:
        world = await make_world(harness, time_zone="America/Guadeloupe")
        start = datetime(2030, 3, 4, 14, 0, tzinfo=UTC)
        await harness.publish(events.rdv_event("created", rdv_of(world, starts_at=start)))
        response = await harness.client.get(await feed_url(harness, world))
    finally:
        await harness.client.aclose()
        await harness.database.engine.dispose()

    calendar = icalendar.Calendar.from_ical(response.content)
    [timezone] = calendar.walk("VTIMEZONE")
    [event] = calendar.walk("VEVENT")
    assert str(timezone["TZID"]) == "America/Guadeloupe"
    assert "DTSTART;TZID=America/Guadeloupe:20300304T100000" in response.text
    assert event.decoded("DTSTART") == start


async def test_an_unchanged_feed_answers_304_and_a_changed_one_a_new_body(harness, world):
    url = await feed_url(harness, world)
    rdv = rdv_of(world)
    await harness.publish(events.rdv_event("created", rdv))
    first = await harness.client.get(url)

    again = await harness.client.get(url, headers={"If-None-Match": first.headers["etag"]})
    await harness.publish(events.motif_updated(world.motif_id, world.organisation_id, "Bilan de santé"))
    changed = await harness.client.get(url, headers={"If-None-Match": first.headers["etag"]})

    assert again.status_code == 304 and again.content == b""
    assert changed.status_code == 200 and "Bilan de santé" in changed.text


async def test_resetting_the_feed_makes_the_old_url_unknown(harness, world):
    old = await feed_url(harness, world)
    new = await feed_url(harness, world)

    assert (await harness.client.get(old)).status_code == 404
    assert (await harness.client.get(new)).status_code == 200


async def test_no_usager_data_reaches_the_feed(harness, world):
    rdv = rdv_of(world, context=f"Appeler {events.CANARY_LAST_NAME}")
    await harness.publish(events.rdv_event("created", rdv))

    text = (await harness.client.get(await feed_url(harness, world))).text.replace("\r\n ", "")

    for canary in (
        events.CANARY_LAST_NAME,
        events.CANARY_FIRST_NAME,
        events.CANARY_PHONE,
        events.CANARY_EMAIL,
    ):
        assert canary not in text
    assert "impasse des Canaris" not in text


async def test_a_home_rdv_shows_no_address(harness, world):
    motif_id = events.next_id()
    await harness.publish(events.motif(motif_id, world.organisation_id, "Visite", location_type="home"))
    rdv = events.rdv_snapshot(
        events.next_id(),
        organisation_id=world.organisation_id,
        motif_id=motif_id,
        lieu_id=None,
        agent_ids=[world.agent_id],
        user_ids=[world.user_id],
    )
    await harness.publish(events.rdv_event("created", rdv))

    calendar = icalendar.Calendar.from_ical(
        (await harness.client.get(await feed_url(harness, world))).content
    )

    [event] = calendar.walk("VEVENT")
    assert str(event["LOCATION"]) == "À domicile"


async def test_only_agents_have_a_feed(harness, world):
    response = await harness.client.post(
        "/api/v1/calendar/webcal", headers=harness.headers("api_token:5", [(world.organisation_id, "admin")])
    )
    assert response.status_code == 403
