"""POST /internal/v1/slots/validate, the call booking makes before writing an RDV."""

import pytest
from availability_api_testing import AGENT_11, AGENT_12
from rdv_contracts.booking import RdvStatus

URL = "/internal/v1/slots/validate"


def plage(agent_id: int, **changes):
    return {
        "agent_id": agent_id,
        "organisation_id": 1,
        "title": "Permanence",
        "first_day": "2026-03-02",
        "start_time": "09:00",
        "end_time": "12:00",
        "motif_ids": [101],
        "lieu_id": 21,
        "recurrence": {"every": "week", "on": ["monday", "thursday"]},
        **changes,
    }


@pytest.fixture
async def two_agents(service):
    for agent_id, headers in ((11, AGENT_11), (12, AGENT_12)):
        response = await service.client.post(
            "/api/v1/plage_ouvertures", json=plage(agent_id), headers=headers
        )
        assert response.status_code == 201
    return service


async def validate(service, starts_at: str, caller: str = "user", **extra):
    body = {"motif_id": 101, "lieu_id": 21, "starts_at": starts_at, "caller": caller, **extra}
    response = await service.client.post(URL, json=body)
    assert response.status_code == 200, response.text
    return response.json()


async def test_the_agent_whose_plage_was_created_first_gets_the_slot_then_the_next_one(two_agents):
    service = two_agents
    first = await validate(service, "2026-03-05T09:00:00+01:00")
    assert first == {
        "bookable": True,
        "agent_id": 11,
        "lieu_id": 21,
        "starts_at": "2026-03-05T09:00:00+01:00",
        "ends_at": "2026-03-05T09:30:00+01:00",
    }
    await service.rdv(1, [11], "2026-03-05T09:00:00+01:00")
    assert (await validate(service, "2026-03-05T09:00:00+01:00"))["agent_id"] == 12
    await service.rdv(2, [12], "2026-03-05T08:45:00+01:00", minutes=30)
    busy = await validate(service, "2026-03-05T09:00:00+01:00")
    assert busy["bookable"] is False and busy["reason"] == "agent_busy" and busy["message"]
    await service.rdv(1, [11], "2026-03-05T09:00:00+01:00", status=RdvStatus.EXCUSED)
    assert (await validate(service, "2026-03-05T09:00:00+01:00"))["agent_id"] == 11


async def test_moving_an_rdv_ignores_its_own_busy_time(two_agents):
    service = two_agents
    await service.rdv(7, [11, 12], "2026-03-05T09:00:00+01:00")
    assert (await validate(service, "2026-03-05T09:00:00+01:00"))["reason"] == "agent_busy"
    moved = await validate(service, "2026-03-05T09:00:00+01:00", exclude_rdv_id=7, agent_ids=[12])
    assert moved["agent_id"] == 12


async def test_an_rdv_id_no_database_can_hold_is_refused_by_name(service):
    body = {"motif_id": 101, "starts_at": "2026-03-05T09:00:00+01:00", "caller": "agent"}
    response = await service.client.post(URL, json=body | {"exclude_rdv_id": 2**63})

    assert response.status_code == 422
    assert "exclude_rdv_id" in response.text


@pytest.mark.parametrize(
    ("starts_at", "caller", "motif_id", "reason"),
    [
        ("2026-03-01T09:00:00+01:00", "agent", 101, "in_the_past"),
        ("2026-03-02T08:15:00+01:00", "user", 101, "too_soon"),
        ("2026-12-03T09:00:00+01:00", "prescripteur", 101, "too_late"),
        ("2026-04-06T09:00:00+02:00", "user", 101, "closed_day"),  # Easter Monday
        ("2026-03-03T09:00:00+01:00", "user", 101, "outside_plage"),  # a Tuesday
        ("2026-03-05T09:10:00+01:00", "user", 101, "outside_plage"),  # off the grid
        ("2026-03-05T09:00:00+01:00", "user", 102, "not_bookable_by_caller"),
        ("2026-03-05T09:00:00+01:00", "user", 999, "unknown_motif"),
    ],
)
async def test_unbookable_slots_say_why(two_agents, starts_at, caller, motif_id, reason):
    answer = await validate(two_agents, starts_at, caller, motif_id=motif_id)
    assert answer["bookable"] is False
    assert answer["reason"] == reason
    assert answer["message"]


async def test_agents_book_without_delays_but_not_in_the_past(two_agents):
    assert (await validate(two_agents, "2026-12-03T09:00:00+01:00", "agent"))["bookable"] is True


async def test_an_absent_agent_leaves_the_slot_to_the_other_and_then_nobody(two_agents):
    service = two_agents
    absence = {
        "agent_id": 11,
        "title": "Formation",
        "first_day": "2026-03-05",
        "start_time": "08:00",
        "end_time": "12:00",
    }
    await service.client.post("/api/v1/absences", json=absence, headers=AGENT_11)
    assert (await validate(service, "2026-03-05T10:00:00+01:00"))["agent_id"] == 12
    await service.client.post("/api/v1/absences", json={**absence, "agent_id": 12}, headers=AGENT_12)
    assert (await validate(service, "2026-03-05T10:00:00+01:00"))["reason"] == "agent_absent"


async def test_malformed_requests_answer_422(service):
    for body in (
        {"motif_id": 101, "starts_at": "2026-03-05T09:00:00", "caller": "user"},  # no offset
        {"motif_id": 101, "starts_at": "2026-03-05T09:00:00+01:00", "caller": "robot"},
        {"starts_at": "2026-03-05T09:00:00+01:00", "caller": "user"},
    ):
        response = await service.client.post(URL, json=body)
        assert response.status_code == 422, body
