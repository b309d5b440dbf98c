from datetime import timedelta

import httpx
import jwt
from rdv_chassis.auth.jwks import JwksClient
from rdv_chassis.auth.jwt import TokenVerifier

from .conftest import PASSWORD, Directory


async def test_agent_token_carries_the_claims_other_services_read(world: Directory):
    http = httpx.AsyncClient(transport=httpx.ASGITransport(world.app), base_url="http://test")
    verifier = TokenVerifier(
        JwksClient("http://test/.well-known/jwks.json", http), "rdv-directory", "rdv-platform"
    )
    principal = await verifier.verify(world.tokens["territory_admin"])
    assert principal.subject == f"agent:{world.ids['territory_admin']}"
    assert principal.organisation_level(world.ids["org_a"]) == "admin"
    assert principal.territory_admin_ids == {world.ids["t62"]}
    assert principal.service_ids == {world.ids["pmi"]}
    secretariat = await verifier.verify(world.tokens["secretariat"])
    assert secretariat.secretariat and secretariat.organisation_level(world.ids["org_a"]) == "basic"
    claims = jwt.decode(world.tokens["basic"], options={"verify_signature": False})
    assert claims["exp"] - claims["iat"] == 15 * 60 and claims["iss"] == "rdv-directory"
    await http.aclose()


async def test_unknown_email_and_wrong_password_get_the_same_answer(world: Directory):
    unknown = await world.sign_in("nobody@rdv.example")
    wrong = await world.sign_in("basic@rdv.example", "Mauvais-mot-de-passe-1")
    assert unknown.status_code == wrong.status_code == 401
    assert unknown.json() == wrong.json()


async def test_repeated_failures_lock_the_account_even_with_the_right_password(world: Directory):
    for _ in range(5):
        assert (await world.sign_in("basic@rdv.example", "Mauvais-mot-de-passe-1")).status_code == 401
    assert (await world.sign_in("basic@rdv.example")).status_code == 429


async def test_refresh_token_rotates_and_its_reuse_revokes_the_family(world: Directory):
    first = (await world.sign_in("admin@rdv.example")).json()["refresh_token"]
    rotated = await world.client.post("/api/v1/auth/refresh", json={"refresh_token": first})
    assert rotated.status_code == 200
    second = rotated.json()["refresh_token"]
    assert second != first
    reuse = await world.client.post("/api/v1/auth/refresh", json={"refresh_token": first})
    assert reuse.status_code == 401
    after_reuse = await world.client.post("/api/v1/auth/refresh", json={"refresh_token": second})
    assert after_reuse.status_code == 401


async def test_sign_out_revokes_the_refresh_token(world: Directory):
    refresh = (await world.sign_in("admin@rdv.example")).json()["refresh_token"]
    assert (
        await world.client.post("/api/v1/auth/sign_out", json={"refresh_token": refresh})
    ).status_code == 204
    assert (
        await world.client.post("/api/v1/auth/refresh", json={"refresh_token": refresh})
    ).status_code == 401


async def test_access_token_expires_after_fifteen_minutes(world: Directory):
    world.clock.now -= timedelta(minutes=16)
    stale = (await world.sign_in("admin@rdv.example")).json()["access_token"]
    world.clock.now += timedelta(minutes=16)
    response = await world.client.get("/api/v1/organisations", headers={"Authorization": f"Bearer {stale}"})
    assert response.status_code == 401
    assert (await world.client.get("/api/v1/organisations", headers=world.as_("admin"))).status_code == 200


async def test_refresh_token_expires(world: Directory):
    refresh = (await world.sign_in("admin@rdv.example")).json()["refresh_token"]
    world.clock.now += timedelta(days=15)
    assert (
        await world.client.post("/api/v1/auth/refresh", json={"refresh_token": refresh})
    ).status_code == 401


async def test_api_token_is_exchanged_for_an_admin_token_of_its_organisation(world: Directory):
    org = world.ids["org_a"]
    created = await world.client.post(
        f"/api/v1/organisations/{org}/api_tokens", json={"name": "SI"}, headers=world.as_("admin")
    )
    assert created.status_code == 201
    secret, token_id = created.json()["token"], created.json()["id"]
    exchanged = await world.client.post("/api/v1/auth/api_token", json={"token": secret})
    assert exchanged.status_code == 200
    claims = jwt.decode(exchanged.json()["access_token"], options={"verify_signature": False})
    assert claims["sub"] == f"api_token:{token_id}" and claims["orgs"] == [{"id": org, "level": "admin"}]
    listed = await world.client.get(
        f"/api/v1/organisations/{org}/users",
        headers={"Authorization": f"Bearer {exchanged.json()['access_token']}"},
    )
    assert listed.status_code == 200
    assert (
        await world.client.delete(f"/api/v1/api_tokens/{token_id}", headers=world.as_("admin"))
    ).status_code == 204
    assert (await world.client.post("/api/v1/auth/api_token", json={"token": secret})).status_code == 401


async def test_invited_agent_sets_a_password_through_the_single_use_link(world: Directory):
    org = world.ids["org_a"]
    invited = await world.client.post(
        f"/api/v1/organisations/{org}/agents",
        json={
            "email": "Nouvelle.Agente@rdv.example",
            "access_level": "basic",
            "service_ids": [world.ids["pmi"]],
        },
        headers=world.as_("admin"),
    )
    assert invited.status_code == 201, invited.text
    event = (await world.outbox("agent.invited"))[-1]
    url = __import__("json").loads(event["value"])["payload"]["url"]
    token = url.split("token=")[1]
    weak = await world.client.post("/api/v1/auth/invitation", json={"token": token, "password": "court"})
    assert weak.status_code == 422 and "password" in weak.json()["errors"]
    accepted = await world.client.post("/api/v1/auth/invitation", json={"token": token, "password": PASSWORD})
    assert accepted.status_code == 204
    assert (
        await world.client.post("/api/v1/auth/invitation", json={"token": token, "password": PASSWORD})
    ).status_code == 422
    assert (await world.sign_in("nouvelle.agente@rdv.example")).status_code == 200


async def test_usager_signs_up_confirms_the_email_and_signs_in(world: Directory):
    body = {"first_name": "Léa", "last_name": "Martin", "email": "lea@rdv.example", "password": PASSWORD}
    assert (await world.client.post("/api/v1/user_auth/sign_up", json=body)).status_code == 202
    credentials = {"email": "lea@rdv.example", "password": PASSWORD}
    assert (await world.client.post("/api/v1/user_auth/sign_in", json=credentials)).status_code == 401
    event = (await world.outbox("user.email_verification_requested"))[-1]
    token = __import__("json").loads(event["value"])["payload"]["url"].split("token=")[1]
    assert (
        await world.client.post("/api/v1/user_auth/confirmation", json={"token": token})
    ).status_code == 204
    signed_in = await world.client.post("/api/v1/user_auth/sign_in", json=credentials)
    assert signed_in.status_code == 200
    claims = jwt.decode(signed_in.json()["access_token"], options={"verify_signature": False})
    assert claims["sub"].startswith("user:") and "orgs" not in claims


async def test_jwks_publishes_the_signing_key(world: Directory):
    document = (await world.client.get("/.well-known/jwks.json")).json()
    header = jwt.get_unverified_header(world.tokens["admin"])
    assert [key["kid"] for key in document["keys"]] == [header["kid"]]
    assert document["keys"][0]["alg"] == "RS256" and "d" not in document["keys"][0]
