"""Absences through the API: overlapping RDVs are listed (not cancelled), validations, rights."""

import json

from availability_api_testing import ADMIN_15, AGENT_11, AGENT_12, OUTSIDER_14
from rdv_contracts.booking import RdvStatus


def absence(**changes):
    return {
        "agent_id": 11,
        "title": "Congés",
        "first_day": "2026-03-05",
        "start_time": "08:00",
        "end_day": "2026-03-06",
        "end_time": "18:00",
        **changes,
    }


async def test_creating_an_absence_lists_the_rdvs_it_overlaps_without_cancelling_them(service):
    await service.rdv(1, [11], "2026-03-05T09:00:00+01:00", organisation_id=1)
    await service.rdv(2, [11], "2026-03-06T10:00:00+01:00", organisation_id=2)  # another organisation
    await service.rdv(3, [11], "2026-03-06T11:00:00+01:00", status=RdvStatus.REVOKED)
    await service.rdv(4, [11], "2026-03-09T11:00:00+01:00")
    response = await service.client.post("/api/v1/absences", json=absence(), headers=AGENT_11)
    assert response.status_code == 201, response.text
    assert [rdv["id"] for rdv in response.json()["overlapping_rdvs"]] == [1, 2]
    [(event_type, _, value)] = await service.outbox()
    payload = json.loads(value)["payload"]
    assert event_type == "absence.created" and payload["end_day"] == "2026-03-06"
    assert "DTEND;TZID=Europe/Paris:20260306T180000" in payload["ical"]


async def test_recurring_absence_overlaps_each_occurrence(service):
    await service.rdv(1, [11], "2026-03-11T14:00:00+01:00")
    await service.rdv(2, [11], "2026-03-12T14:00:00+01:00")
    wednesdays = absence(
        first_day="2026-03-04",
        end_day=None,
        start_time="13:00",
        end_time="18:00",
        recurrence={"every": "week"},
    )
    response = await service.client.post("/api/v1/absences", json=wednesdays, headers=AGENT_11)
    assert response.json()["absence"]["rrule"] == "FREQ=WEEKLY;INTERVAL=1;BYDAY=WE"
    assert [rdv["id"] for rdv in response.json()["overlapping_rdvs"]] == [1]


async def test_a_multi_day_absence_cannot_recur(service):
    response = await service.client.post(
        "/api/v1/absences", json=absence(recurrence={"every": "week"}), headers=AGENT_11
    )
    assert response.status_code == 422
    assert "recurrence" in response.json()["errors"]


async def test_absence_rights(service):
    colleague = await service.client.post("/api/v1/absences", json=absence(agent_id=12), headers=AGENT_11)
    admin = await service.client.post("/api/v1/absences", json=absence(agent_id=12), headers=ADMIN_15)
    foreign = await service.client.post("/api/v1/absences", json=absence(), headers=OUTSIDER_14)
    assert (colleague.status_code, admin.status_code, foreign.status_code) == (403, 201, 404)
    absence_id = admin.json()["absence"]["id"]
    assert (await service.client.get(f"/api/v1/absences/{absence_id}", headers=AGENT_12)).status_code == 200
    listed = await service.client.get("/api/v1/absences", params={"organisation_id": 1}, headers=AGENT_11)
    assert [a["agent_id"] for a in listed.json()["absences"]] == [12]


async def test_update_and_delete_an_absence(service):
    created = await service.client.post("/api/v1/absences", json=absence(), headers=AGENT_11)
    url = f"/api/v1/absences/{created.json()['absence']['id']}"
    patched = await service.client.patch(
        url, json={"end_day": "2026-03-05", "end_time": "12:00"}, headers=AGENT_11
    )
    assert patched.json()["absence"]["end_time"] == "12:00:00"
    assert (await service.client.delete(url, headers=AGENT_11)).status_code == 204
    assert [e[0] for e in await service.outbox()] == [
        "absence.created",
        "absence.updated",
        "absence.deleted",
        "tombstone",
    ]
