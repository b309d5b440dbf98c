from directory.entrypoints.demo import DEMO_PASSWORD, DOMAIN, load

from .conftest import Directory


async def test_demo_data_loads_twice_without_duplicates_and_its_agents_sign_in(directory: Directory):
    first = await load(directory.ctx)
    events = len(await directory.outbox())
    assert await load(directory.ctx) == first
    assert len(await directory.outbox()) == events
    assert (await directory.sign_in(f"territoire@{DOMAIN}", DEMO_PASSWORD)).status_code == 200
    token = (await directory.sign_in(f"secretariat@{DOMAIN}", DEMO_PASSWORD)).json()["access_token"]
    org = first["org_mairie"]
    motifs = await directory.client.get(
        f"/api/v1/organisations/{org}/motifs", headers={"Authorization": f"Bearer {token}"}
    )
    assert motifs.status_code == 200 and motifs.json()["meta"]["total_count"] == 6
    teams = await directory.client.get(
        "/api/v1/territories/{}/teams".format(first["territory"]),
        headers={"Authorization": f"Bearer {token}"},
    )
    assert [(t["name"], len(t["agent_ids"])) for t in teams.json()["teams"]] == [
        ("Équipe PMI", 2),
        ("Équipe sociale", 3),
    ]
    usager = await directory.client.post(
        "/api/v1/user_auth/sign_in", json={"email": f"usager01@{DOMAIN}", "password": DEMO_PASSWORD}
    )
    assert usager.status_code == 200
