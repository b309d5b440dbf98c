"""A territory's new time zone reaches the stored VEVENTs and the connected calendars."""

from datetime import UTC, datetime

import pytest
from calsync_support import events
from calsync_support.harness import Harness
from calsync_support.world import World, make_world, rdv_of
from sqlalchemy import text

pytestmark = pytest.mark.integration

START = datetime(2030, 3, 4, 14, 0, tzinfo=UTC)


async def feed(harness: Harness, world: World) -> str:
    created = await harness.client.post(
        "/api/v1/calendar/webcal", headers=harness.headers(f"agent:{world.agent_id}")
    )
    response = await harness.client.get(created.json()["url"].removeprefix(harness.settings.public_base_url))
    return response.text


async def test_a_new_time_zone_re_renders_the_stored_vevents(harness, world):
    await harness.publish(events.rdv_event("created", rdv_of(world, starts_at=START)))
    assert "DTSTART;TZID=Europe/Paris:20300304T150000" in await feed(harness, world)

    await harness.publish(events.territory(world.territory_id, "America/Guadeloupe", version=2))

    after = await feed(harness, world)
    assert "DTSTART;TZID=America/Guadeloupe:20300304T100000" in after
    assert "TZID:America/Guadeloupe" in after and "Europe/Paris" not in after
    [row] = await harness.rows("SELECT vevent FROM rdvs")
    assert b"America/Guadeloupe" in row["vevent"]


async def test_other_territories_and_unchanged_zones_keep_their_vevents(harness, world):
    other = await make_world(harness)
    await harness.publish(
        events.rdv_event("created", rdv_of(world, starts_at=START)),
        events.rdv_event("created", rdv_of(other, starts_at=START)),
    )

    await harness.publish(events.territory(world.territory_id, "Europe/Paris", version=2))
    await harness.publish(events.territory(other.territory_id, "Indian/Reunion", version=2))

    stale = await harness.rows("SELECT organisation_id FROM rdvs WHERE vevent IS NULL")
    assert [row["organisation_id"] for row in stale] == [other.organisation_id]


async def test_a_new_time_zone_pushes_the_connected_calendars_again(harness, world):
    rdv = rdv_of(world, starts_at=START)
    await harness.publish(events.rdv_event("created", rdv))
    async with harness.database.engine.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO calendar_events (channel, agent_id, rdv_id, rdv_uuid, remote_id, pending,"
                " due_at) VALUES ('caldav', :agent, :rdv, :uuid, 'https://dav.example.org/r', false, now())"
            ),
            {"agent": world.agent_id, "rdv": rdv.id, "uuid": rdv.uuid},
        )

    await harness.publish(events.territory(world.territory_id, "America/Cayenne", version=2))

    [row] = await harness.rows("SELECT pending, generation FROM calendar_events")
    assert (row["pending"], row["generation"]) == (True, 1)
