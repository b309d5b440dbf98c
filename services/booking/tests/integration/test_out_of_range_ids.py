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


async def test_a_start_in_year_one_is_bad_input_not_a_failed_slot_check(booking):
    body = {
        "motif_id": 1,
        "starts_at": "0001-01-01T01:00:00.0-00:00",
        "prescripteur": {"first_name": "A", "last_name": "B", "email": "a@b.fr"},
        "beneficiary": {"first_name": "C", "last_name": "D"},
    }
    response = await booking.client.post("/api/v1/public/prescripteur/rdvs", json=body)
    assert response.status_code == 422, response.text
    assert list(response.json()["errors"]) == ["starts_at"]
