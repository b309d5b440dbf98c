import httpx
import pytest
from calendar_sync.bootstrap import Overrides
from calsync_support import events
from calsync_support.harness import start_harness
from calsync_support.world import make_world, rdv_of

pytestmark = pytest.mark.integration


def path(organisation_id: int) -> str:
    return f"/api/v1/organisations/{organisation_id}/webhook_endpoints"


def body(url: str, **extra: object) -> dict[str, object]:
    return {"target_url": url, "secret": "a-long-enough-shared-secret", "trigger": False, **extra}


async def test_organisation_admins_manage_endpoints_and_see_the_secret_masked(harness, world, receiver):
    admin = harness.headers("agent:1", [(world.organisation_id, "admin")])
    created = await harness.client.post(path(world.organisation_id), json=body(receiver.url), headers=admin)
    listed = await harness.client.get(path(world.organisation_id), headers=admin)

    assert created.status_code == 201
    endpoint = created.json()["webhook_endpoint"]
    assert endpoint["secret"].endswith("ret") and endpoint["secret"].count("*") == len(
        "a-long-enough-shared-sec"
    )
    assert endpoint["subscriptions"] == ["absence", "plage_ouverture", "rdv"]
    assert [e["id"] for e in listed.json()["webhook_endpoints"]] == [endpoint["id"]]


async def test_territory_admins_manage_the_endpoints_of_their_territory(harness, world, receiver):
    await harness.publish(events.territorial_role(events.next_id(), 2, world.territory_id))
    territory_admin = harness.headers("agent:2", [], territories=[world.territory_id])

    created = await harness.client.post(
        path(world.organisation_id), json=body(receiver.url), headers=territory_admin
    )
    listed = await harness.client.get(path(world.organisation_id), headers=territory_admin)

    assert (created.status_code, listed.status_code) == (201, 200)


async def test_a_revoked_territory_admin_is_refused_although_the_token_still_says_so(
    harness, world, receiver
):
    role = events.next_id()
    await harness.publish(
        events.territorial_role(role, 2, world.territory_id),
        events.territorial_role_deleted(role, 2, world.territory_id),
    )
    stale_token = harness.headers("agent:2", [], territories=[world.territory_id])

    response = await harness.client.get(path(world.organisation_id), headers=stale_token)

    assert response.status_code == 404


async def test_a_territory_admin_of_another_territory_does_not_see_the_organisation(harness, world, receiver):
    other = await make_world(harness)
    await harness.publish(events.territorial_role(events.next_id(), 2, other.territory_id))
    headers = harness.headers("agent:2", [], territories=[other.territory_id, world.territory_id])

    response = await harness.client.post(
        path(world.organisation_id), json=body(receiver.url), headers=headers
    )

    assert response.status_code == 404


async def test_basic_agents_are_refused_and_other_organisations_are_not_found(harness, world, receiver):
    basic = harness.headers("agent:3", [(world.organisation_id, "basic")])
    stranger = harness.headers("agent:4", [(world.organisation_id + 1, "admin")])

    as_basic = await harness.client.post(path(world.organisation_id), json=body(receiver.url), headers=basic)
    as_stranger = await harness.client.get(path(world.organisation_id), headers=stranger)
    anonymous = await harness.client.get(path(world.organisation_id))

    assert (as_basic.status_code, as_stranger.status_code, anonymous.status_code) == (403, 404, 401)


async def test_invalid_endpoints_are_refused_with_the_field_and_reason(harness, world, receiver):
    admin = harness.headers("agent:1", [(world.organisation_id, "admin")])
    unknown_model = await harness.client.post(
        path(world.organisation_id), json=body(receiver.url, subscriptions=["rdv", "voiture"]), headers=admin
    )
    private = await harness.client.post(
        path(world.organisation_id), json=body("http://10.0.0.1/"), headers=admin
    )
    missing_secret = await harness.client.post(
        path(world.organisation_id), json={"target_url": receiver.url}, headers=admin
    )

    assert unknown_model.status_code == 422
    assert "voiture" in unknown_model.json()["errors"]["subscriptions"][0]
    assert private.status_code == 422 and "target_url" in private.json()["errors"]
    assert missing_secret.status_code == 422 and "secret" in missing_secret.json()["errors"]


async def test_the_same_url_twice_in_an_organisation_is_a_conflict(harness, world, receiver):
    admin = harness.headers("agent:1", [(world.organisation_id, "admin")])
    await harness.client.post(path(world.organisation_id), json=body(receiver.url), headers=admin)
    again = await harness.client.post(path(world.organisation_id), json=body(receiver.url), headers=admin)
    assert again.status_code == 409


async def test_saving_a_disabled_endpoint_enables_it_again(harness, world, receiver):
    admin = harness.headers("agent:1", [(world.organisation_id, "admin")])
    created = (
        await harness.client.post(path(world.organisation_id), json=body(receiver.url), headers=admin)
    ).json()
    receiver.statuses.append(410)
    await harness.publish(events.rdv_event("created", rdv_of(world)))
    await harness.deliver_webhooks()

    endpoint_id = created["webhook_endpoint"]["id"]
    patched = await harness.client.patch(
        f"{path(world.organisation_id)}/{endpoint_id}", json={"trigger": False}, headers=admin
    )

    assert patched.json()["webhook_endpoint"]["disabled_at"] is None
    await harness.publish(events.rdv_event("created", rdv_of(world)))
    await harness.deliver_webhooks()
    assert len(receiver.requests) == 2


async def test_the_delivery_log_lists_each_delivery_with_its_outcome(harness, world, receiver):
    admin = harness.headers("agent:1", [(world.organisation_id, "admin")])
    created = (
        await harness.client.post(path(world.organisation_id), json=body(receiver.url), headers=admin)
    ).json()
    receiver.statuses.append(500)
    await harness.publish(events.rdv_event("created", rdv_of(world)))
    await harness.deliver_webhooks()

    log = await harness.client.get(
        f"{path(world.organisation_id)}/{created['webhook_endpoint']['id']}/deliveries", headers=admin
    )

    [entry] = log.json()["deliveries"]
    assert (entry["model"], entry["event"], entry["status"], entry["last_status_code"]) == (
        "rdv",
        "created",
        "pending",
        500,
    )


async def test_a_name_that_resolves_inside_later_is_refused_before_any_connection(make_database):
    """DNS rebinding: the name was public at registration and is internal at delivery."""
    answers = iter([["93.184.216.34"], ["127.0.0.1"], ["127.0.0.1"]])
    connections: list[httpx.Request] = []

    async def resolver(host: str, port: int) -> list[str]:
        return next(answers)

    def transport(request: httpx.Request) -> httpx.Response:
        connections.append(request)
        return httpx.Response(200)

    overrides = Overrides(resolver=resolver, outbound_transport=httpx.MockTransport(transport))
    harness = await start_harness(await make_database(), overrides, outbound_allowed_networks=())
    try:
        world = await make_world(harness)
        admin = harness.headers("agent:1", [(world.organisation_id, "admin")])
        created = await harness.client.post(
            path(world.organisation_id), json=body("https://hooks.example.org/x"), headers=admin
        )
        assert created.status_code == 201
        await harness.publish(events.rdv_event("created", rdv_of(world)))
        await harness.deliver_webhooks()
        [row] = await harness.rows("SELECT status, last_error FROM webhook_deliveries")
    finally:
        await harness.client.aclose()
        await harness.database.engine.dispose()

    assert connections == []
    assert row["status"] == "pending" and "adresse refusée" in row["last_error"]


async def test_deliveries_go_to_the_vetted_address_with_the_original_host(make_database):
    connections: list[httpx.Request] = []

    async def resolver(host: str, port: int) -> list[str]:
        return ["93.184.216.34"]

    def transport(request: httpx.Request) -> httpx.Response:
        connections.append(request)
        return httpx.Response(204)

    overrides = Overrides(resolver=resolver, outbound_transport=httpx.MockTransport(transport))
    harness = await start_harness(await make_database(), overrides)
    try:
        world = await make_world(harness)
        admin = harness.headers("agent:1", [(world.organisation_id, "admin")])
        await harness.client.post(
            path(world.organisation_id), json=body("https://hooks.example.org/x"), headers=admin
        )
        await harness.publish(events.rdv_event("created", rdv_of(world)))
        await harness.deliver_webhooks()
    finally:
        await harness.client.aclose()
        await harness.database.engine.dispose()

    [request] = connections
    assert str(request.url) == "https://93.184.216.34/x"
    assert request.headers["host"] == "hooks.example.org"
    assert request.extensions["sni_hostname"] == "hooks.example.org"
