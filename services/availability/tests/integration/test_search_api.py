"""Agent search ("Trouver un RDV"), public search and next availability through the API."""

import pytest
from availability_api_testing import AGENT_11, AGENT_12, OUTSIDER_14, SOCIAL_16, token
from rdv_contracts import directory as dr

AGENT_17 = token(17, {2: "basic"}, [1])


def plage(agent_id: int, lieu_id: int = 21, organisation_id: int = 1, motif_ids=(101,), **changes):
    return {
        "agent_id": agent_id,
        "organisation_id": organisation_id,
        "title": "Permanence",
        "first_day": "2026-03-02",
        "start_time": "09:00",
        "end_time": "10:30",
        "motif_ids": list(motif_ids),
        "lieu_id": lieu_id,
        "recurrence": {"every": "week", "on": ["monday", "thursday"]},
        **changes,
    }


@pytest.fixture
async def agendas(service):
    for body, headers in (
        (plage(11), AGENT_11),
        (plage(12), AGENT_12),
        (plage(12, lieu_id=22, start_time="14:00", end_time="15:00"), AGENT_12),
        (plage(17, lieu_id=23, organisation_id=2, motif_ids=(104,)), AGENT_17),
    ):
        response = await service.client.post("/api/v1/plage_ouvertures", json=body, headers=headers)
        assert response.status_code == 201, response.text
    return service


async def test_agent_search_groups_by_day_and_lieu_with_the_free_agents(agendas):
    await agendas.rdv(1, [11], "2026-03-05T09:00:00+01:00")
    params = {"motif_id": 101, "from": "2026-03-02", "to": "2026-03-08"}
    response = await agendas.client.get("/api/v1/slots/search", params=params, headers=AGENT_11)
    assert response.status_code == 200, response.text
    days = response.json()["days"]
    assert [day["date"] for day in days] == ["2026-03-02", "2026-03-05"]
    thursday = {lieu["lieu_id"]: lieu["slots"] for lieu in days[1]["lieux"]}
    assert [(s["starts_at"][11:16], s["agent_ids"]) for s in thursday[21]] == [
        ("09:00", [12]),
        ("09:30", [11, 12]),
        ("10:00", [11, 12]),
    ]
    assert [s["starts_at"][11:16] for s in thursday[22]] == ["14:00", "14:30"]


async def test_agent_search_filters_lieux_and_agents(agendas):
    params = {"motif_id": 101, "from": "2026-03-02", "to": "2026-03-02", "agent_ids": [12], "lieu_ids": [22]}
    response = await agendas.client.get("/api/v1/slots/search", params=params, headers=AGENT_11)
    [day] = response.json()["days"]
    assert [lieu["lieu_id"] for lieu in day["lieux"]] == [22]


async def test_agent_search_rights_and_widening_to_motifs_open_to_prescripteurs(agendas):
    params = {"from": "2026-03-02", "to": "2026-03-08"}
    other_service = await agendas.client.get(
        "/api/v1/slots/search", params={**params, "motif_id": 101}, headers=SOCIAL_16
    )
    other_territory = await agendas.client.get(
        "/api/v1/slots/search", params={**params, "motif_id": 101}, headers=OUTSIDER_14
    )
    widened = await agendas.client.get(
        "/api/v1/slots/search", params={**params, "motif_id": 104}, headers=AGENT_11
    )
    assert other_service.status_code == 403
    assert other_territory.status_code == 404
    assert widened.status_code == 200
    assert widened.json()["days"][0]["lieux"][0]["lieu_id"] == 23


async def test_periods_longer_than_31_days_or_reversed_answer_422(agendas):
    for period in ({"from": "2026-03-01", "to": "2026-04-15"}, {"from": "2026-03-10", "to": "2026-03-01"}):
        agent = await agendas.client.get(
            "/api/v1/slots/search", params={"motif_id": 101, **period}, headers=AGENT_11
        )
        public = await agendas.client.get("/api/v1/public/slots", params={"motif_id": 101, **period})
        assert agent.status_code == public.status_code == 422
        assert "to" in public.json()["errors"]


async def test_public_slots_show_each_time_once_and_apply_the_delays(agendas):
    agendas.clock.now = agendas.clock.now.replace(hour=8, minute=20)  # 09:20 in Paris
    params = {"motif_id": 101, "lieu_id": 21, "from": "2026-03-02", "to": "2026-03-05"}
    response = await agendas.client.get("/api/v1/public/slots", params=params)
    assert response.status_code == 200, response.text
    times = [(day["date"], [s["starts_at"][11:16] for s in day["slots"]]) for day in response.json()["days"]]
    # Today's grid starts at 09:20 (now rounded); now + 30 min leaves 10:00 only (10:20 would overrun 10:30).
    assert times == [("2026-03-02", ["09:50"]), ("2026-03-05", ["09:00", "09:30", "10:00"])]


async def test_public_search_lists_only_what_the_caller_may_book(agendas):
    user = await agendas.client.get("/api/v1/public/motifs", params={"territory_id": 1})
    prescripteur = await agendas.client.get(
        "/api/v1/public/motifs", params={"territory_id": 1, "prescripteur": True}
    )
    assert [m["key"] for m in user.json()["motifs"]] == ["consultation-public_office"]
    assert "bilan-public_office" in [m["key"] for m in prescripteur.json()["motifs"]]
    hidden = await agendas.client.get(
        "/api/v1/public/slots", params={"motif_id": 104, "from": "2026-03-02", "to": "2026-03-08"}
    )
    assert hidden.status_code == 404


async def test_public_lieux_are_sorted_by_distance_with_their_next_availability(agendas):
    near_centre = {
        "territory_id": 1,
        "motif_key": "consultation-public_office",
        "latitude": 48.86,
        "longitude": 2.34,
    }
    response = await agendas.client.get("/api/v1/public/lieux", params=near_centre)
    places = response.json()["places"]
    assert [p["lieu"]["id"] for p in places] == [22, 21]
    assert places[0]["distance_in_meters"] < 100 < places[1]["distance_in_meters"]
    assert places[0]["next_availability"]["starts_at"] == "2026-03-02T14:00:00+01:00"


async def test_next_availability_five_months_ahead(service):
    year_ahead = 365 * 86400
    await service.publish(
        dr.MotifUpdated(
            id=101, organisation_id=1, service_id=1, name="Consultation", bookable_by="everyone",
            max_public_booking_delay=year_ahead,
        )
    )  # fmt: skip
    later = plage(11, first_day="2026-08-03", recurrence=None)
    assert (
        await service.client.post("/api/v1/plage_ouvertures", json=later, headers=AGENT_11)
    ).status_code == 201
    public = await service.client.get("/api/v1/public/next_availability", params={"motif_id": 101})
    agent = await service.client.get(
        "/api/v1/slots/next_availability", params={"motif_id": 101}, headers=AGENT_12
    )
    assert public.json()["next_availability"]["starts_at"] == "2026-08-03T09:00:00+02:00"
    assert agent.json()["next_availability"]["agent_id"] == 11


async def test_agent_search_of_an_empty_week_gives_the_next_availability(agendas):
    params = {"motif_id": 101, "from": "2026-03-03", "to": "2026-03-04"}
    response = await agendas.client.get("/api/v1/slots/search", params=params, headers=AGENT_11)
    assert response.json()["days"] == []
    assert response.json()["next_availability"]["starts_at"] == "2026-03-05T09:00:00+01:00"


async def test_collective_motifs_are_listed_only_with_an_rdv_that_has_seats_left(service):
    def listed(response) -> bool:
        return "atelier-public_office" in [m["key"] for m in response.json()["motifs"]]

    params = {"organisation_id": 1}
    assert not listed(await service.client.get("/api/v1/public/motifs", params=params))
    await service.rdv(42, [11], "2026-03-10T14:00:00+01:00", 90, motif_id=103, collectif=True,
                      max_participants_count=2, users_count=2)  # fmt: skip
    assert not listed(await service.client.get("/api/v1/public/motifs", params=params))
    await service.rdv(43, [11], "2026-03-12T14:00:00+01:00", 90, motif_id=103, collectif=True,
                      max_participants_count=2, users_count=1)  # fmt: skip
    assert listed(await service.client.get("/api/v1/public/motifs", params=params))
    places = await service.client.get(
        "/api/v1/public/lieux", params={**params, "motif_key": "atelier-public_office"}
    )
    [place] = places.json()["places"]
    assert place["lieu"]["id"] == 21
    assert place["next_availability"]["starts_at"] == "2026-03-12T14:00:00+01:00"


async def test_collective_rdvs_with_seats_left_are_offered(service):
    await service.rdv(40, [11], "2026-03-10T14:00:00+01:00", 90, motif_id=103, collectif=True,
                      max_participants_count=5, users_count=2)  # fmt: skip
    await service.rdv(41, [11], "2026-03-11T14:00:00+01:00", 90, motif_id=103, collectif=True,
                      max_participants_count=3, users_count=3)  # fmt: skip
    params = {"motif_id": 103, "from": "2026-03-02", "to": "2026-03-31"}
    public = await service.client.get("/api/v1/public/slots", params=params)
    assert [d["date"] for d in public.json()["days"]] == ["2026-03-10"]
    agent = await service.client.get("/api/v1/slots/search", params=params, headers=AGENT_11)
    assert [(r["rdv_id"], r["seats_left"]) for r in agent.json()["collective_rdvs"]] == [(40, 3)]
    body = {"motif_id": 103, "starts_at": "2026-03-10T14:00:00+01:00", "caller": "user"}
    assert (await service.client.post("/internal/v1/slots/validate", json=body)).json()["bookable"] is True
