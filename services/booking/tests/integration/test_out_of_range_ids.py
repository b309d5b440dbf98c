import pytest

from .conftest import ORG

pytestmark = pytest.mark.integration

BEYOND_BIGINT = 4528357736656892343957541879808


async def test_ids_beyond_the_database_integers_are_unknown_ids_not_server_errors(booking):
    admin = booking.agent_headers(level="admin")
    for path in (f"/api/v1/rdvs/{BEYOND_BIGINT}", f"/api/v1/rdvs/-{BEYOND_BIGINT}"):
        response = await booking.client.get(path, headers=admin)
        assert response.status_code == 404, (path, response.text)
    listing = await booking.client.get(f"/api/v1/organisations/{ORG}/rdvs", headers=admin)
    assert listing.status_code == 200


async def test_a_filter_beyond_the_database_integers_is_bad_input(booking):
    response = await booking.client.get(
        f"/api/v1/organisations/{ORG}/rdvs",
        params={"agent_id": 3163183303524024},
        headers=booking.agent_headers(level="admin"),
    )
    assert response.status_code == 422, response.text
    assert list(response.json()["errors"]) == ["agent_id"]
