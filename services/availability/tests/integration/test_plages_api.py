"""Plages d'ouverture through the API: rights, validations, warnings, events in the outbox."""

import json

from availability_api_testing import ADMIN_15, AGENT_11, AGENT_12, OUTSIDER_14


def weekly(agent_id: int = 11, **changes):
    return {
        "agent_id": agent_id,
        "organisation_id": 1,
        "title": "Permanence",
        "first_day": "2026-03-02",
        "start_time": "09:00",
        "end_time": "12:00",
        "motif_ids": [101],
        "lieu_id": 21,
        "recurrence": {"every": "week", "on": ["monday", "thursday"], "until": "2026-06-30"},
        **changes,
    }


async def test_agent_creates_a_weekly_plage_stored_as_rrule_and_published_with_ics(service):
    response = await service.client.post("/api/v1/plage_ouvertures", json=weekly(), headers=AGENT_11)
    assert response.status_code == 201, response.text
    plage = response.json()["plage_ouverture"]
    assert plage["rrule"] == "FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TH;UNTIL=20260630T000000"
    assert plage["recurrence"] == {
        "every": "week",
        "interval": 1,
        "on": ["monday", "thursday"],
        "until": "2026-06-30",
    }
    assert response.json()["warnings"] == []
    [(event_type, key, value)] = await service.outbox()
    assert (event_type, key) == ("plage_ouverture.created", str(plage["id"]))
    payload = json.loads(value)["payload"]
    assert payload["rrule"] == plage["rrule"] and payload["time_zone"] == "Europe/Paris"
    assert "RRULE:FREQ=WEEKLY" in payload["ical"] and "BEGIN:VTIMEZONE" in payload["ical"]
    assert payload["recurrence_ends_at"].startswith("2026-06-30T21:59:59")


async def test_monthly_plage_recurs_on_the_nth_weekday_of_its_first_day(service):
    body = weekly(first_day="2026-03-11", recurrence={"every": "month"})
    response = await service.client.post("/api/v1/plage_ouvertures", json=body, headers=AGENT_11)
    assert response.json()["plage_ouverture"]["rrule"] == "FREQ=MONTHLY;INTERVAL=1;BYDAY=2WE"


async def test_overlapping_plages_and_too_long_motifs_are_warnings_not_errors(service):
    await service.client.post("/api/v1/plage_ouvertures", json=weekly(), headers=AGENT_11)
    body = weekly(start_time="11:00", end_time="13:00", motif_ids=[101, 105], recurrence={"every": "week"})
    response = await service.client.post("/api/v1/plage_ouvertures", json=body, headers=AGENT_11)
    assert response.status_code == 201
    assert [w["code"] for w in response.json()["warnings"]] == [
        "motif_longer_than_plage",
        "overlapping_plage",
    ]


async def test_basic_agent_manages_only_their_own_plages_and_admins_manage_others(service):
    forbidden = await service.client.post("/api/v1/plage_ouvertures", json=weekly(12), headers=AGENT_11)
    allowed = await service.client.post("/api/v1/plage_ouvertures", json=weekly(12), headers=ADMIN_15)
    assert forbidden.status_code == 403
    assert allowed.status_code == 201
    plage_id = allowed.json()["plage_ouverture"]["id"]
    assert (
        await service.client.get(f"/api/v1/plage_ouvertures/{plage_id}", headers=AGENT_12)
    ).status_code == 200
    assert (
        await service.client.get(f"/api/v1/plage_ouvertures/{plage_id}", headers=OUTSIDER_14)
    ).status_code == 404
    deleted = await service.client.delete(f"/api/v1/plage_ouvertures/{plage_id}", headers=OUTSIDER_14)
    assert deleted.status_code == 404


async def test_invalid_plages_answer_422_with_the_field(service):
    cases = [
        (weekly(lieu_id=None), "lieu_id"),
        (weekly(end_time="08:00"), "end_time"),
        (weekly(motif_ids=[104]), "motif_ids"),  # a motif of another organisation
        (weekly(motif_ids=[103]), "motif_ids"),  # collective
        (weekly(first_day="2017-06-01"), "first_day"),
        (weekly(recurrence={"every": "week", "until": "2026-03-01"}), "recurrence.until"),
        (weekly(recurrence={"every": "fortnight"}), "recurrence.every"),
        (weekly(lieu_id=23), "lieu_id"),  # a lieu of another organisation
    ]
    for body, field in cases:
        response = await service.client.post("/api/v1/plage_ouvertures", json=body, headers=AGENT_11)
        assert response.status_code == 422, (field, response.text)
        assert field in response.json()["errors"], (field, response.json())


async def test_phone_motif_needs_no_lieu(service):
    body = weekly(motif_ids=[102], lieu_id=None)
    assert (
        await service.client.post("/api/v1/plage_ouvertures", json=body, headers=AGENT_11)
    ).status_code == 201


async def test_update_and_delete_publish_the_new_state_then_a_tombstone(service):
    created = await service.client.post("/api/v1/plage_ouvertures", json=weekly(), headers=AGENT_11)
    plage_id = created.json()["plage_ouverture"]["id"]
    patch = {"end_time": "11:00", "recurrence": None}
    updated = await service.client.patch(f"/api/v1/plage_ouvertures/{plage_id}", json=patch, headers=AGENT_11)
    assert updated.status_code == 200
    assert updated.json()["plage_ouverture"]["rrule"] is None
    deleted = await service.client.delete(f"/api/v1/plage_ouvertures/{plage_id}", headers=AGENT_11)
    assert deleted.status_code == 204
    events = await service.outbox()
    assert [(e[0], e[1]) for e in events] == [
        ("plage_ouverture.created", str(plage_id)),
        ("plage_ouverture.updated", str(plage_id)),
        ("plage_ouverture.deleted", str(plage_id)),
        ("tombstone", str(plage_id)),
    ]
    assert json.loads(events[1][2])["payload"]["version"] == 2
    assert events[3][2] is None
    missing = await service.client.get(f"/api/v1/plage_ouvertures/{plage_id}", headers=AGENT_11)
    assert missing.status_code == 404


async def test_list_plages_of_an_organisation(service):
    await service.client.post("/api/v1/plage_ouvertures", json=weekly(), headers=AGENT_11)
    listed = await service.client.get("/api/v1/plage_ouvertures?organisation_id=1", headers=AGENT_12)
    assert [p["agent_id"] for p in listed.json()["plage_ouvertures"]] == [11]
    assert listed.json()["meta"]["total_count"] == 1
    foreign = await service.client.get("/api/v1/plage_ouvertures?organisation_id=1", headers=OUTSIDER_14)
    assert foreign.status_code == 404


async def test_requests_without_a_token_are_refused(service):
    assert (await service.client.post("/api/v1/plage_ouvertures", json=weekly())).status_code == 401
