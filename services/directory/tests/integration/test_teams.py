import json

from .conftest import Directory


def payload(row) -> dict:
    return json.loads(row["value"])["payload"]


def teams_url(world: Directory) -> str:
    return "/api/v1/territories/{}/teams".format(world.ids["t62"])


async def test_territory_admin_creates_a_team_of_agents_and_its_full_state_is_published(world: Directory):
    members = [world.ids["basic"], world.ids["colleague_b"]]
    response = await world.client.post(
        teams_url(world),
        json={"name": "  Équipe   PMI ", "agent_ids": members},
        headers=world.as_("territory_admin"),
    )
    assert response.status_code == 201, response.text
    team = response.json()["team"]
    assert team["name"] == "Équipe PMI"
    assert team["agent_ids"] == sorted(members)
    assert team["territory_id"] == world.ids["t62"]
    published = (await world.outbox("team.created"))[-1]
    assert published["topic"] == "directory.team"
    assert published["key"] == str(team["id"])
    assert payload(published) == team


async def test_team_names_are_unique_in_a_territory_whatever_their_case(world: Directory):
    headers = world.as_("territory_admin")
    assert (
        await world.client.post(teams_url(world), json={"name": "Accueil"}, headers=headers)
    ).status_code == 201
    again = await world.client.post(teams_url(world), json={"name": "ACCUEIL"}, headers=headers)
    assert again.status_code == 409
    assert "Une équipe porte déjà ce nom" in again.text


async def test_agents_of_another_territory_cannot_join_a_team(world: Directory):
    body = {"name": "Mixte", "agent_ids": [world.ids["basic"], world.ids["foreign_admin"]]}
    response = await world.client.post(teams_url(world), json=body, headers=world.as_("territory_admin"))
    assert response.status_code == 422
    assert "agent_ids" in response.text
    assert str(world.ids["foreign_admin"]) in response.text


async def test_an_empty_name_is_refused_with_its_field(world: Directory):
    response = await world.client.post(
        teams_url(world), json={"name": " "}, headers=world.as_("territory_admin")
    )
    assert response.status_code == 422
    assert "name" in response.text


async def test_changing_members_publishes_the_new_state_and_members_read_it(world: Directory):
    headers = world.as_("territory_admin")
    created = await world.client.post(teams_url(world), json={"name": "Social"}, headers=headers)
    team_id = created.json()["team"]["id"]
    changed = await world.client.patch(
        f"/api/v1/teams/{team_id}", json={"agent_ids": [world.ids["admin"]]}, headers=headers
    )
    assert changed.status_code == 200
    assert payload((await world.outbox("team.updated"))[-1])["agent_ids"] == [world.ids["admin"]]
    assert payload((await world.outbox("team.updated"))[-1])["version"] == 2
    read = await world.client.get(f"/api/v1/teams/{team_id}", headers=world.as_("basic"))
    assert read.json()["team"]["agent_ids"] == [world.ids["admin"]]
    listed = await world.client.get(teams_url(world), headers=world.as_("secretariat"))
    assert [t["name"] for t in listed.json()["teams"]] == ["Social"]
    assert listed.json()["meta"]["total_count"] == 1


async def test_deleting_a_team_publishes_its_deletion_then_a_tombstone(world: Directory):
    headers = world.as_("territory_admin")
    team_id = (await world.client.post(teams_url(world), json={"name": "Éphémère"}, headers=headers)).json()[
        "team"
    ]["id"]
    assert (await world.client.delete(f"/api/v1/teams/{team_id}", headers=headers)).status_code == 204
    assert payload((await world.outbox("team.deleted"))[-1])["id"] == team_id
    tombstones = [r for r in await world.outbox() if r["value"] is None]
    assert [(r["topic"], r["key"]) for r in tombstones] == [("directory.team", str(team_id))]
    assert (await world.client.get(f"/api/v1/teams/{team_id}", headers=headers)).status_code == 404


async def test_a_foreign_territorys_teams_are_not_found(world: Directory):
    response = await world.client.get(teams_url(world), headers=world.as_("foreign_admin"))
    assert response.status_code == 404


async def test_an_agent_removed_from_the_territory_leaves_its_teams(world: Directory):
    headers = world.as_("territory_admin")
    members = [world.ids["basic"], world.ids["admin"]]
    created = await world.client.post(
        teams_url(world), json={"name": "Départs", "agent_ids": members}, headers=headers
    )
    team_id = created.json()["team"]["id"]
    url = "/api/v1/organisations/{}/agents/{}".format(world.ids["org_a"], world.ids["basic"])
    assert (await world.client.delete(url, headers=headers)).status_code == 204
    state = payload((await world.outbox("team.updated"))[-1])
    assert (state["id"], state["agent_ids"]) == (team_id, [world.ids["admin"]])
