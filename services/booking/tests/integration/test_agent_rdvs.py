"""The agents' RDV API against the real database, with the events it writes to the outbox."""

from typing import Any

from .conftest import (
    ADMIN,
    AGENT,
    COLLEAGUE,
    LIEU,
    MOTIF,
    ORG,
    OTHER_ORG,
    OTHER_SERVICE_MOTIF,
    USER,
    Booking,
    slot,
)


async def create(booking: Booking, headers: dict[str, str] | None = None, **fields: Any) -> Any:
    body = {"motif_id": MOTIF, "starts_at": slot(), "agent_ids": [AGENT], "user_ids": [USER], "lieu_id": LIEU}
    return await booking.client.post(
        f"/api/v1/organisations/{ORG}/rdvs", json=body | fields, headers=headers or booking.agent_headers()
    )


async def test_agent_creates_an_rdv_and_an_event_carries_its_full_snapshot(booking: Booking):
    response = await create(booking, context="Première visite")

    assert response.status_code == 201, response.text
    rdv = response.json()["rdv"]
    assert rdv["status"] == "unknown" and rdv["status_label"] == "À venir" and rdv["duration_in_min"] == 30
    [event] = await booking.outbox_events()
    assert event.event_type == "rdv.created" and event.aggregate_id == str(rdv["id"])
    snapshot = event.payload["rdv"]
    assert snapshot["uuid"] == rdv["uuid"] and snapshot["agent_ids"] == [AGENT]
    assert snapshot["participations"][0]["user_id"] == USER and snapshot["context"] == "Première visite"
    assert (snapshot["version"], snapshot["sequence"]) == (1, 0)
    assert event.payload["actor"] == {"type": "agent", "id": AGENT}


async def test_an_overlap_is_a_warning_that_force_overrides(booking: Booking):
    first = await create(booking)
    overlapping = await create(booking, starts_at=slot(minute=15), user_ids=[])
    assert overlapping.status_code == 422  # an individual RDV needs an usager
    overlapping = await create(booking, starts_at=slot(minute=15))

    forced = await create(booking, starts_at=slot(minute=15), force=True)

    assert first.status_code == 201
    assert overlapping.status_code == 409
    assert str(first.json()["rdv"]["id"]) in overlapping.json()["error_messages"][0]
    assert forced.status_code == 201 and forced.json()["rdv"]["forced"] is True


async def test_an_exact_duplicate_is_refused_even_when_forced(booking: Booking):
    assert (await create(booking)).status_code == 201

    duplicate = await create(booking, force=True)

    assert duplicate.status_code == 409
    assert "Il existe déjà un RDV" in duplicate.json()["error_messages"][0]


async def test_cancelling_revokes_participations_and_frees_the_time(booking: Booking):
    rdv_id = (await create(booking)).json()["rdv"]["id"]

    cancelled = await booking.client.post(f"/api/v1/rdvs/{rdv_id}/cancel", headers=booking.agent_headers())
    again = await create(booking)

    assert cancelled.status_code == 200
    body = cancelled.json()["rdv"]
    assert body["status"] == "revoked" and body["participations"][0]["status"] == "revoked"
    assert body["cancelled_at"] is not None and body["version"] == 2
    assert again.status_code == 201
    events = await booking.outbox_events()
    assert [e.event_type for e in events] == ["rdv.created", "rdv.cancelled", "rdv.created"]
    assert events[1].payload["previous_status"] == "unknown" and "status" in events[1].payload["changes"]
    assert events[1].payload["rdv"]["sequence"] == 1


async def test_a_participation_status_recomputes_the_rdv_status(booking: Booking):
    rdv = (await create(booking)).json()["rdv"]
    participation_id = rdv["participations"][0]["id"]

    response = await booking.client.patch(
        f"/api/v1/participations/{participation_id}", json={"status": "seen"}, headers=booking.agent_headers()
    )

    assert response.status_code == 200
    assert response.json()["rdv"]["status"] == "seen"
    assert (await booking.outbox_events())[-1].event_type == "rdv.status_changed"


async def test_agent_moves_an_rdv_and_the_event_carries_the_previous_state(booking: Booking):
    rdv_id = (await create(booking)).json()["rdv"]["id"]

    moved = await booking.client.patch(
        f"/api/v1/rdvs/{rdv_id}",
        json={"starts_at": slot(hour=14), "duration_in_min": 45},
        headers=booking.agent_headers(),
    )

    assert moved.status_code == 200, moved.text
    event = (await booking.outbox_events())[-1]
    assert event.event_type == "rdv.updated"
    assert set(event.payload["changes"]) == {"starts_at", "ends_at", "duration_in_min"}
    assert event.payload["previous"]["starts_at"].startswith(slot()[:16])
    assert event.payload["rdv"]["version"] == 2


async def test_only_organisation_admins_delete_and_the_event_is_destroyed(booking: Booking):
    rdv_id = (await create(booking)).json()["rdv"]["id"]

    by_basic = await booking.client.delete(f"/api/v1/rdvs/{rdv_id}", headers=booking.agent_headers())
    by_admin = await booking.client.delete(
        f"/api/v1/rdvs/{rdv_id}", headers=booking.agent_headers(ADMIN, "admin")
    )
    after = await booking.client.get(f"/api/v1/rdvs/{rdv_id}", headers=booking.agent_headers(ADMIN, "admin"))

    assert by_basic.status_code == 403
    assert by_admin.status_code == 204
    assert after.status_code == 404
    assert (await booking.outbox_events())[-1].event_type == "rdv.destroyed"


async def test_another_organisations_rdv_does_not_exist_for_an_agent(booking: Booking):
    rdv_id = (await create(booking)).json()["rdv"]["id"]
    foreign = booking.agent_headers(COLLEAGUE, "admin", orgs=[{"id": OTHER_ORG, "level": "admin"}])

    assert (await booking.client.get(f"/api/v1/rdvs/{rdv_id}", headers=foreign)).status_code == 404
    assert (await booking.client.post(f"/api/v1/rdvs/{rdv_id}/cancel", headers=foreign)).status_code == 404
    assert (await booking.client.get(f"/api/v1/organisations/{ORG}/rdvs", headers=foreign)).status_code == 404


async def test_basic_agents_see_their_services_and_secretariat_the_whole_organisation(booking: Booking):
    other_service = await create(
        booking, booking.agent_headers(ADMIN, "admin"), motif_id=OTHER_SERVICE_MOTIF, agent_ids=[COLLEAGUE]
    )
    rdv_id = other_service.json()["rdv"]["id"]
    basic = booking.agent_headers(AGENT)
    secretary = booking.agent_headers(AGENT, services=[99], secretariat=True)

    assert other_service.status_code == 201
    assert (await booking.client.get(f"/api/v1/rdvs/{rdv_id}", headers=basic)).status_code == 404
    assert (await create(booking, basic, motif_id=OTHER_SERVICE_MOTIF)).status_code == 403
    assert (await booking.client.get(f"/api/v1/rdvs/{rdv_id}", headers=secretary)).status_code == 200


async def test_lists_filter_and_paginate_like_the_reference_api(booking: Booking):
    for hour in (9, 10, 11):
        assert (await create(booking, starts_at=slot(hour=hour))).status_code == 201
    await create(
        booking, booking.agent_headers(ADMIN, "admin"), motif_id=OTHER_SERVICE_MOTIF, agent_ids=[COLLEAGUE]
    )

    basic = await booking.client.get(f"/api/v1/organisations/{ORG}/rdvs", headers=booking.agent_headers())
    admin = await booking.client.get(
        f"/api/v1/organisations/{ORG}/rdvs",
        params={"agent_id": COLLEAGUE, "status": "unknown"},
        headers=booking.agent_headers(ADMIN, "admin"),
    )

    assert basic.status_code == 200
    assert len(basic.json()["rdvs"]) == 3
    assert basic.json()["meta"] == {
        "current_page": 1,
        "next_page": None,
        "prev_page": None,
        "total_pages": 1,
        "total_count": 3,
    }
    assert [r["agent_ids"] for r in admin.json()["rdvs"]] == [[COLLEAGUE]]


async def test_unknown_past_rdvs_are_labelled_to_fill_in_and_counted_per_agent(booking: Booking):
    await create(booking, starts_at=slot(day=-2), force=True)
    rdv_id = (await create(booking, starts_at=slot(day=-1))).json()["rdv"]["id"]

    label = (await booking.client.get(f"/api/v1/rdvs/{rdv_id}", headers=booking.agent_headers())).json()
    counts = await booking.client.get(
        f"/api/v1/organisations/{ORG}/rdvs/unknown_past_counts", headers=booking.agent_headers()
    )

    assert label["rdv"]["status_label"] == "À renseigner"
    assert counts.json() == {"counts": [{"agent_id": AGENT, "count": 2}]}


async def test_bad_input_names_the_field(booking: Booking):
    response = await create(booking, lieu_id=None)
    unknown_agent = await create(booking, agent_ids=[999])

    assert response.status_code == 422 and "lieu_id" in response.json()["errors"]
    assert unknown_agent.status_code == 422 and "agent_ids" in unknown_agent.json()["errors"]
