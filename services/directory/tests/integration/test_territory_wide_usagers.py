"""Reference §1.1: a territory can make usagers visible to the agents of all its organisations."""

from .conftest import Directory


async def usager_of_organisation_b(world: Directory) -> int:
    body = {"first_name": "Yasmine", "last_name": "Bellamy", "organisation_ids": [world.ids["org_b"]]}
    created = await world.client.post("/api/v1/users", json=body, headers=world.as_("colleague_b"))
    assert created.status_code == 201, created.text
    return created.json()["user"]["id"]


async def open_territory(world: Directory, territory: str) -> None:
    response = await world.client.patch(
        f"/api/v1/territories/{world.ids[territory]}",
        json={"visible_users_throughout_the_territory": True},
        headers=world.as_("territory_admin"),
    )
    assert response.status_code == 200, response.text


async def found_by(world: Directory, role: str, organisation: str) -> list[int]:
    response = await world.client.get(
        f"/api/v1/organisations/{world.ids[organisation]}/users",
        params={"search": "bella"},
        headers=world.as_(role),
    )
    assert response.status_code == 200, response.text
    return [u["id"] for u in response.json()["users"]]


async def test_agents_see_only_their_organisations_usagers_by_default(world: Directory):
    user_id = await usager_of_organisation_b(world)
    assert await found_by(world, "basic", "org_a") == []
    assert (await world.client.get(f"/api/v1/users/{user_id}", headers=world.as_("basic"))).status_code == 404


async def test_in_an_open_territory_every_agent_of_it_finds_and_reads_its_usagers(world: Directory):
    user_id = await usager_of_organisation_b(world)
    await open_territory(world, "t62")
    assert await found_by(world, "basic", "org_a") == [user_id]
    read = await world.client.get(f"/api/v1/users/{user_id}", headers=world.as_("basic"))
    assert read.status_code == 200 and read.json()["organisation_ids"] == [world.ids["org_b"]]
    joined = await world.client.post(
        "/api/v1/user_profiles",
        json={"user_id": user_id, "organisation_id": world.ids["org_a"]},
        headers=world.as_("basic"),
    )
    assert joined.status_code == 201


async def test_agents_of_another_territory_still_do_not_see_them(world: Directory):
    user_id = await usager_of_organisation_b(world)
    await open_territory(world, "t62")
    foreign = await world.client.get(f"/api/v1/users/{user_id}", headers=world.as_("foreign_admin"))
    assert foreign.status_code == 404
    assert await found_by(world, "foreign_admin", "org_c") == []
