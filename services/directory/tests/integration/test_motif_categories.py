import json

from directory.application.motif_categories import create_motif_category
from directory.domain.caller import SYSTEM

from .conftest import Directory


def payload(row) -> dict:
    return json.loads(row["value"])["payload"]


async def new_category(world: Directory, name: str, short_name: str, territory: str = "t62") -> dict:
    if territory != "t62":
        values = {"name": name, "short_name": short_name}
        category = await create_motif_category(world.ctx, SYSTEM, world.ids[territory], values)
        return {"id": category.id}
    response = await world.client.post(
        "/api/v1/territories/{}/motif_categories".format(world.ids["t62"]),
        json={"name": name, "short_name": short_name},
        headers=world.as_("territory_admin"),
    )
    assert response.status_code == 201, response.text
    return response.json()["motif_category"]


async def new_motif(world: Directory, **values) -> dict:
    body = {"name": "Orientation", "service_id": world.ids["pmi"], **values}
    url = "/api/v1/organisations/{}/motifs".format(world.ids["org_a"])
    response = await world.client.post(url, json=body, headers=world.as_("admin"))
    assert response.status_code == 201, response.text
    return response.json()


async def test_a_motif_carries_its_category_in_the_api_and_in_its_published_state(world: Directory):
    category = await new_category(world, "Orientation RSA", "rsa_orientation")
    motif = (await new_motif(world, motif_category_id=category["id"]))["motif"]
    expected = {"id": category["id"], "name": "Orientation RSA", "short_name": "rsa_orientation"}
    assert motif["motif_category_id"] == category["id"]
    assert motif["motif_category"] == expected
    assert payload((await world.outbox("motif.created"))[-1])["motif_category"] == expected
    listed = await world.client.get(
        "/api/v1/organisations/{}/motifs".format(world.ids["org_a"]), headers=world.as_("basic")
    )
    assert [m["motif_category"] for m in listed.json()["motifs"]] == [expected]


async def test_renaming_a_category_publishes_the_new_state_of_its_motifs(world: Directory):
    category = await new_category(world, "Orientation RSA", "rsa_orientation")
    motif = (await new_motif(world, motif_category_id=category["id"]))["motif"]
    response = await world.client.patch(
        f"/api/v1/motif_categories/{category['id']}",
        json={"name": "RSA - orientation"},
        headers=world.as_("territory_admin"),
    )
    assert response.status_code == 200
    state = payload((await world.outbox("motif.updated"))[-1])
    assert (state["id"], state["version"]) == (motif["id"], 2)
    assert state["motif_category"]["name"] == "RSA - orientation"


async def test_a_category_of_another_territory_is_refused_with_its_field(world: Directory):
    foreign = await new_category(world, "Passeport", "passeport", territory="t971")
    body = {"name": "Passeport", "service_id": world.ids["pmi"], "motif_category_id": foreign["id"]}
    url = "/api/v1/organisations/{}/motifs".format(world.ids["org_a"])
    response = await world.client.post(url, json=body, headers=world.as_("admin"))
    assert response.status_code == 422
    assert "motif_category_id" in response.text


async def test_names_and_short_names_are_unique_in_the_territory(world: Directory):
    await new_category(world, "Orientation RSA", "rsa_orientation")
    url = "/api/v1/territories/{}/motif_categories".format(world.ids["t62"])
    for body in (
        {"name": "orientation rsa", "short_name": "autre"},
        {"name": "Autre", "short_name": "rsa_orientation"},
    ):
        response = await world.client.post(url, json=body, headers=world.as_("territory_admin"))
        assert response.status_code == 409
    assert (await new_category(world, "Orientation RSA", "rsa_orientation", territory="t971"))["id"]


async def test_a_short_name_is_lower_case_letters_digits_and_underscores(world: Directory):
    url = "/api/v1/territories/{}/motif_categories".format(world.ids["t62"])
    body = {"name": "Carte d'identité", "short_name": "Carte identité"}
    response = await world.client.post(url, json=body, headers=world.as_("territory_admin"))
    assert response.status_code == 422
    assert "short_name" in response.text


async def test_a_category_in_use_cannot_be_deleted_until_its_motifs_leave_it(world: Directory):
    category = await new_category(world, "Orientation RSA", "rsa_orientation")
    motif = (await new_motif(world, motif_category_id=category["id"]))["motif"]
    headers = world.as_("territory_admin")
    refused = await world.client.delete(f"/api/v1/motif_categories/{category['id']}", headers=headers)
    assert refused.status_code == 409
    assert "1 motif" in refused.text
    await world.client.patch(
        f"/api/v1/motifs/{motif['id']}", json={"motif_category_id": None}, headers=headers
    )
    deleted = await world.client.delete(f"/api/v1/motif_categories/{category['id']}", headers=headers)
    assert deleted.status_code == 204


async def test_the_motif_list_filters_on_the_category_short_name_like_api_v1(world: Directory):
    rsa = await new_category(world, "Orientation RSA", "rsa_orientation")
    cni = await new_category(world, "Carte d'identité", "cni")
    await new_motif(world, name="Orientation", motif_category_id=rsa["id"])
    await new_motif(world, name="Carte d'identité", motif_category_id=cni["id"])
    await new_motif(world, name="Sans catégorie")
    url = "/api/v1/organisations/{}/motifs".format(world.ids["org_a"])

    def named(response) -> list[str]:
        return [m["name"] for m in response.json()["motifs"]]

    only_rsa = await world.client.get(
        url, params={"motif_category_short_name": "rsa_orientation"}, headers=world.as_("basic")
    )
    unknown = await world.client.get(
        url, params={"motif_category_short_name": "passeport"}, headers=world.as_("basic")
    )
    everything = await world.client.get(url, headers=world.as_("basic"))

    assert named(only_rsa) == ["Orientation"] and only_rsa.json()["meta"]["total_count"] == 1
    assert named(unknown) == []
    assert len(named(everything)) == 3
