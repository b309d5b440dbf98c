from collections.abc import AsyncIterator
from datetime import timedelta

import icalendar
import pytest
from calsync_support import events
from calsync_support.harness import push_calendars
from calsync_support.radicale_server import PASSWORD, Radicale, set_password, start_radicale
from calsync_support.world import rdv_of
from rdv_contracts.booking import RdvStatus

pytestmark = pytest.mark.integration


@pytest.fixture
async def radicale(tmp_path) -> AsyncIterator[Radicale]:
    server = await start_radicale(tmp_path)
    yield server
    await server.stop()


async def connect(harness, world, calendar_url: str, password: str = PASSWORD):
    return await harness.client.post(
        "/api/v1/calendar/caldav",
        json={"calendar_url": calendar_url, "username": "agent", "password": password},
        headers=harness.headers(f"agent:{world.agent_id}"),
    )


async def single_event(radicale: Radicale, calendar_url: str) -> tuple[str, icalendar.Event]:
    [(name, text)] = (await radicale.events(calendar_url)).items()
    [event] = icalendar.Calendar.from_ical(text).walk("VEVENT")
    return name, event


async def test_each_rdv_becomes_one_resource_updated_then_deleted_with_it(harness, world, radicale):
    calendar = await radicale.new_calendar()
    assert (await connect(harness, world, calendar)).status_code == 201
    rdv = rdv_of(world)
    await harness.publish(events.rdv_event("created", rdv))
    await push_calendars(harness)

    name, event = await single_event(radicale, calendar)
    assert name == f"{rdv.uuid}.ics"
    assert (str(event["UID"]), int(event["SEQUENCE"]), str(event["SUMMARY"])) == (
        str(rdv.uuid),
        0,
        "Consultation PMI",
    )

    moved = rdv.model_copy(
        update={
            "starts_at": rdv.starts_at + timedelta(hours=2),
            "ends_at": rdv.ends_at + timedelta(hours=2),
            "version": 2,
            "sequence": 1,
        }
    )
    await harness.publish(events.rdv_event("updated", moved, rdv))
    await push_calendars(harness)

    name, event = await single_event(radicale, calendar)
    assert (name, int(event["SEQUENCE"]), event.decoded("DTSTART")) == (f"{rdv.uuid}.ics", 1, moved.starts_at)

    await harness.publish(events.rdv_event("destroyed", moved))
    await push_calendars(harness)
    assert await radicale.events(calendar) == {}


async def test_cancelled_rdvs_stay_marked_cancelled(harness, world, radicale):
    calendar = await radicale.new_calendar()
    await connect(harness, world, calendar)
    rdv = rdv_of(world)
    await harness.publish(events.rdv_event("created", rdv))
    cancelled = rdv.model_copy(update={"status": RdvStatus.EXCUSED, "version": 2, "sequence": 1})
    await harness.publish(events.rdv_event("cancelled", cancelled))
    await push_calendars(harness)

    _, event = await single_event(radicale, calendar)
    assert str(event["STATUS"]) == "CANCELLED"


async def test_connecting_pushes_the_existing_rdvs_once_even_when_events_are_replayed(
    harness, world, radicale
):
    rdv = rdv_of(world)
    created = events.rdv_event("created", rdv)
    await harness.publish(created)
    calendar = await radicale.new_calendar()
    await connect(harness, world, calendar)
    await push_calendars(harness)
    await harness.publish(created, events.rdv_event("created", rdv))
    await push_calendars(harness)

    assert list(await radicale.events(calendar)) == [f"{rdv.uuid}.ics"]


async def test_refused_credentials_or_calendars_are_refused_at_connection(harness, world, radicale):
    calendar = await radicale.new_calendar()
    wrong_password = await connect(harness, world, calendar, password="nope")
    foreign = await connect(harness, world, await radicale.new_calendar("other"))
    private = await connect(harness, world, "http://10.1.2.3/cal/")

    assert wrong_password.status_code == 422 and "password" in wrong_password.json()["errors"]
    assert foreign.status_code == 422
    assert private.status_code == 422 and "calendar_url" in private.json()["errors"]
    status = await harness.client.get(
        "/api/v1/calendar/caldav", headers=harness.headers(f"agent:{world.agent_id}")
    )
    assert status.json() == {"status": "disconnected"}


async def test_an_event_edited_on_the_server_is_overwritten_by_the_next_change(harness, world, radicale):
    calendar = await radicale.new_calendar()
    await connect(harness, world, calendar)
    rdv = rdv_of(world)
    await harness.publish(events.rdv_event("created", rdv))
    await push_calendars(harness)
    name, _ = await single_event(radicale, calendar)
    import httpx

    async with httpx.AsyncClient(auth=("agent", PASSWORD)) as client:
        edited = (await client.get(calendar + name)).text.replace("Consultation PMI", "Modifié à la main")
        assert (await client.put(calendar + name, content=edited)).status_code in (201, 204)

    moved = rdv.model_copy(update={"version": 2, "sequence": 1, "context": "x"})
    await harness.publish(events.rdv_event("updated", moved, rdv))
    await push_calendars(harness)

    _, event = await single_event(radicale, calendar)
    assert (str(event["SUMMARY"]), int(event["SEQUENCE"])) == ("Consultation PMI", 1)


async def test_an_outage_is_retried_until_the_server_is_back(harness, world, tmp_path):
    server = await start_radicale(tmp_path)
    calendar = await server.new_calendar()
    await connect(harness, world, calendar)
    await server.stop()
    rdv = rdv_of(world)
    await harness.publish(events.rdv_event("created", rdv))
    await push_calendars(harness)
    [row] = await harness.rows("SELECT pending, last_error FROM calendar_events")
    assert row["pending"] and row["last_error"]

    server = await start_radicale(tmp_path, server.port)
    try:
        harness.clock.advance(minutes=1)
        await push_calendars(harness)
        assert list(await server.events(calendar)) == [f"{rdv.uuid}.ics"]
    finally:
        await server.stop()


async def test_a_revoked_password_breaks_the_connection_and_tells_the_agent_once(harness, world, radicale):
    calendar = await radicale.new_calendar()
    await connect(harness, world, calendar)
    set_password(radicale.folder, "changed-password")
    for _ in range(2):
        await harness.publish(events.rdv_event("created", rdv_of(world)))
        await push_calendars(harness)

    status = await harness.client.get(
        "/api/v1/calendar/caldav", headers=harness.headers(f"agent:{world.agent_id}")
    )
    alerts = await harness.rows("SELECT event_type FROM outbox")
    assert status.json()["status"] == "broken"
    assert [alert["event_type"] for alert in alerts] == ["caldav_connection.failed"]


async def test_disconnecting_removes_every_pushed_event(harness, world, radicale):
    calendar = await radicale.new_calendar()
    await connect(harness, world, calendar)
    await harness.publish(
        events.rdv_event("created", rdv_of(world)), events.rdv_event("created", rdv_of(world))
    )
    await push_calendars(harness)
    assert len(await radicale.events(calendar)) == 2

    response = await harness.client.delete(
        "/api/v1/calendar/caldav", headers=harness.headers(f"agent:{world.agent_id}")
    )
    await push_calendars(harness)

    assert response.status_code == 204
    assert await radicale.events(calendar) == {}
    assert await harness.rows("SELECT agent_id FROM calendar_connections") == []


async def test_no_usager_data_reaches_the_caldav_server(harness, world, radicale):
    calendar = await radicale.new_calendar()
    await connect(harness, world, calendar)
    await harness.publish(events.rdv_event("created", rdv_of(world, context=events.CANARY_LAST_NAME)))
    await push_calendars(harness)

    [text] = (await radicale.events(calendar)).values()
    for canary in (
        events.CANARY_LAST_NAME,
        events.CANARY_FIRST_NAME,
        events.CANARY_PHONE,
        events.CANARY_EMAIL,
    ):
        assert canary not in text.replace("\r\n ", "")
