"""The agent search's team filter, fed by the directory's team states and tombstones."""

import pytest
from availability.adapters.copies import SqlCopies
from availability.application.when_directory_changes_update_copies import forget_copy
from availability_api_testing import ADMIN_15, AGENT_11, AGENT_12
from rdv_contracts import directory as dr

PERIOD = {"motif_id": 101, "from": "2026-03-02", "to": "2026-03-02"}


def plage(agent_id: int) -> dict:
    return {
        "agent_id": agent_id,
        "organisation_id": 1,
        "title": "Permanence",
        "first_day": "2026-03-02",
        "start_time": "09:00",
        "end_time": "10:00",
        "motif_ids": [101],
        "lieu_id": 21,
    }


@pytest.fixture
async def teams(service):
    for agent_id, headers in ((11, AGENT_11), (12, AGENT_12), (15, ADMIN_15)):
        response = await service.client.post(
            "/api/v1/plage_ouvertures", json=plage(agent_id), headers=headers
        )
        assert response.status_code == 201, response.text
    await service.publish(
        dr.TeamCreated(id=51, territory_id=1, name="Nord", agent_ids=[11]),
        dr.TeamCreated(id=52, territory_id=1, name="Vide"),
        dr.TeamCreated(id=53, territory_id=2, name="Guadeloupe", agent_ids=[14]),
    )
    return service


async def free_agents(service, **filters) -> set[int]:
    response = await service.client.get("/api/v1/slots/search", params=PERIOD | filters, headers=ADMIN_15)
    assert response.status_code == 200, response.text
    return {
        a
        for day in response.json()["days"]
        for lieu in day["lieux"]
        for s in lieu["slots"]
        for a in s["agent_ids"]
    }


async def test_a_team_filter_searches_only_its_members(teams):
    assert await free_agents(teams) == {11, 12, 15}
    assert await free_agents(teams, team_ids=[51]) == {11}


async def test_teams_and_agents_chosen_together_add_up(teams):
    assert await free_agents(teams, team_ids=[51], agent_ids=[12]) == {11, 12}


async def test_a_team_without_members_finds_no_slot(teams):
    response = await teams.client.get(
        "/api/v1/slots/search", params=PERIOD | {"team_ids": [52]}, headers=ADMIN_15
    )
    assert response.status_code == 200
    assert response.json()["days"] == []
    assert response.json()["next_availability"] is None


@pytest.mark.parametrize("team_id", [53, 99])
async def test_a_team_of_another_territory_or_unknown_is_not_found(teams, team_id: int):
    params = PERIOD | {"team_ids": [team_id]}
    response = await teams.client.get("/api/v1/slots/search", params=params, headers=ADMIN_15)
    assert response.status_code == 404
    assert "équipe introuvable" in response.text


async def test_new_members_and_deletions_reach_the_filter(teams):
    await teams.publish(dr.TeamUpdated(id=51, territory_id=1, name="Nord", agent_ids=[11, 12], version=2))
    assert await free_agents(teams, team_ids=[51]) == {11, 12}
    await teams.publish(dr.TeamDeleted(id=51))
    response = await teams.client.get(
        "/api/v1/slots/search", params=PERIOD | {"team_ids": [51]}, headers=ADMIN_15
    )
    assert response.status_code == 404


async def test_a_tombstone_forgets_the_team(teams):
    async with teams.database.sessions() as session, session.begin():
        await forget_copy(SqlCopies(session), "teams", "52")
    response = await teams.client.get(
        "/api/v1/slots/search", params=PERIOD | {"team_ids": [52]}, headers=ADMIN_15
    )
    assert response.status_code == 404
