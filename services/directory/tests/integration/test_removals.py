import json

from directory.application import organisations, provision, teams
from directory.application.organisations import CreateOrganisation
from directory.domain.caller import SYSTEM

from .conftest import Directory


def payload(row) -> dict:
    return json.loads(row["value"])["payload"]


async def tombstones(world: Directory) -> list[tuple[str, str]]:
    return [(r["topic"], r["key"]) for r in await world.outbox() if r["value"] is None]


async def test_an_organisation_is_deleted_only_once_empty_and_says_what_remains(world: Directory):
    headers = world.as_("territory_admin")
    refused = await world.client.delete(
        "/api/v1/organisations/{}".format(world.ids["org_a"]), headers=headers
    )
    assert refused.status_code == 409
    assert "il reste 4 agents" in refused.json()["error_messages"][0]
    lieu = {"name": "Annexe", "address": "1 rue Haute, Arras", "latitude": 50.2, "longitude": 2.7}
    org = await organisations.create_organisation(
        world.ctx, SYSTEM, CreateOrganisation(world.ids["t62"], {"name": "Éphémère"})
    )
    url = f"/api/v1/organisations/{org.id}"
    created = await world.client.post(f"{url}/lieux", json=lieu, headers=headers)
    await world.client.delete("/api/v1/lieux/{}".format(created.json()["lieu"]["id"]), headers=headers)
    still = await world.client.delete(url, headers=headers)
    assert still.status_code == 409
    assert still.json()["error_messages"][0].endswith("il reste 1 lieu")


async def test_deleting_an_empty_organisation_publishes_its_deletion_and_tombstone(world: Directory):
    org = await organisations.create_organisation(
        world.ctx, SYSTEM, CreateOrganisation(world.ids["t62"], {"name": "Créée par erreur"})
    )
    response = await world.client.delete(
        f"/api/v1/organisations/{org.id}", headers=world.as_("territory_admin")
    )
    assert response.status_code == 204
    assert payload((await world.outbox("organisation.deleted"))[-1])["id"] == org.id
    assert await tombstones(world) == [("directory.organisation", str(org.id))]
    gone = await world.client.get(f"/api/v1/organisations/{org.id}", headers=world.as_("territory_admin"))
    assert gone.status_code == 404


async def test_a_territory_is_deleted_once_without_organisations_with_its_teams_and_admins(world: Directory):
    territory = await provision.ensure_territory(
        world.ctx, {"name": "Lozère", "departement_number": "48"}, []
    )
    await provision.make_territory_admin(world.ctx, territory.id, world.ids["territory_admin"])
    team = await teams.create_team(world.ctx, SYSTEM, territory.id, {"name": "Équipe"})
    org = await organisations.create_organisation(
        world.ctx, SYSTEM, CreateOrganisation(territory.id, {"name": "Mende"})
    )
    world.tokens["territory_admin"] = (await world.sign_in("ta@rdv.example")).json()["access_token"]
    headers = world.as_("territory_admin")
    refused = await world.client.delete(f"/api/v1/territories/{territory.id}", headers=headers)
    assert refused.status_code == 409
    assert "il reste 1 organisation" in refused.json()["error_messages"][0]
    assert (await world.client.delete(f"/api/v1/organisations/{org.id}", headers=headers)).status_code == 204
    assert (
        await world.client.delete(f"/api/v1/territories/{territory.id}", headers=headers)
    ).status_code == 204
    assert (await tombstones(world))[1:] == [
        ("directory.team", str(team.id)),
        (
            "directory.agent_territorial_role",
            (await world.outbox("agent_territorial_role.deleted"))[-1]["key"],
        ),
        ("directory.territory", str(territory.id)),
    ]
    role = payload((await world.outbox("agent_territorial_role.deleted"))[-1])
    assert (role["agent_id"], role["territory_id"]) == (world.ids["territory_admin"], territory.id)
    assert (await world.client.get(f"/api/v1/territories/{territory.id}", headers=headers)).status_code == 404


async def test_other_admins_may_not_delete_an_organisation_or_a_territory(world: Directory):
    url = "/api/v1/organisations/{}".format(world.ids["org_b"])
    assert (await world.client.delete(url, headers=world.as_("admin"))).status_code == 403
    assert (await world.client.delete(url, headers=world.as_("foreign_admin"))).status_code == 404
