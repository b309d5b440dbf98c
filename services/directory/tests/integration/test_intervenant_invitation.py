import pytest

pytestmark = pytest.mark.integration


async def test_intervenants_invited_with_an_empty_email_have_none(directory, world):
    for last_name in ("Guichet 7", "Guichet 8"):
        response = await world.client.post(
            "/api/v1/organisations/{}/agents".format(world.ids["org_a"]),
            json={"access_level": "intervenant", "email": "", "last_name": last_name},
            headers=world.as_("admin"),
        )
        assert response.status_code == 201, response.text
        assert response.json()["agent"]["email"] is None
