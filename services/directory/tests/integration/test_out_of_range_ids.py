import pytest

pytestmark = pytest.mark.integration

TOO_LARGE = 16257409490203  # beyond the int4 columns' range: asyncpg cannot even send it


async def test_ids_beyond_the_database_integers_are_unknown_ids_not_server_errors(directory, world):
    admin = world.as_("territory_admin")
    for path in ("/api/v1/lieux", "/api/v1/motifs", "/api/v1/users", "/api/v1/agents", "/api/v1/territories"):
        response = await world.client.get(f"{path}/{TOO_LARGE}", headers=admin)
        assert response.status_code == 404, (path, response.text)


async def test_a_body_id_beyond_the_database_integers_is_bad_input(directory, world):
    response = await world.client.post(
        "/api/v1/organisations",
        json={"name": "Trop loin", "territory_id": -TOO_LARGE},
        headers=world.as_("territory_admin"),
    )
    assert response.status_code == 422, response.text


async def test_text_with_a_nul_character_is_bad_input(directory, world):
    response = await world.client.post(
        "/api/v1/organisations/{}/lieux".format(world.ids["org_a"]),
        json={"name": "Mairie\u0000", "address": "1 place", "latitude": 50.29, "longitude": 2.78},
        headers=world.as_("admin"),
    )
    assert response.status_code == 422, response.text
