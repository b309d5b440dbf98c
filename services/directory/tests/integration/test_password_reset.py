import asyncio
import json
from datetime import timedelta

from .conftest import PASSWORD, Directory

NEW_PASSWORD = "Nouveau-mot-de-passe-2027"


async def reset_link_token(world: Directory, event_type: str) -> str:
    event = (await world.outbox(event_type))[-1]
    return json.loads(event["value"])["payload"]["url"].split("token=")[1]


async def ask(world: Directory, email: str, who: str = "auth", ip: str = "198.51.100.7"):
    return await world.client.post(
        f"/api/v1/{who}/password_reset", json={"email": email}, headers={"X-Forwarded-For": ip}
    )


async def test_agent_chooses_a_new_password_once_and_every_session_ends(world: Directory):
    session = (await world.sign_in("basic@rdv.example")).json()
    assert (await ask(world, "Basic@RDV.example")).status_code == 202
    event = json.loads((await world.outbox("agent.password_reset_requested"))[-1]["value"])
    assert event["payload"]["agent_id"] == world.ids["basic"]
    token = await reset_link_token(world, "agent.password_reset_requested")
    assert event["payload"]["url"].startswith("https://rdv.example/agents/password/edit?token=")

    weak = await world.client.put("/api/v1/auth/password", json={"token": token, "password": "court"})
    assert weak.status_code == 422 and "password" in weak.json()["errors"]
    changed = await world.client.put("/api/v1/auth/password", json={"token": token, "password": NEW_PASSWORD})
    assert changed.status_code == 204
    again = await world.client.put("/api/v1/auth/password", json={"token": token, "password": NEW_PASSWORD})
    assert again.status_code == 422 and "token" in again.json()["errors"]

    refreshed = await world.client.post(
        "/api/v1/auth/refresh", json={"refresh_token": session["refresh_token"]}
    )
    assert refreshed.status_code == 401
    assert (await world.sign_in("basic@rdv.example")).status_code == 401
    assert (await world.sign_in("basic@rdv.example", NEW_PASSWORD)).status_code == 200


async def test_unknown_and_known_emails_get_the_same_answer_and_only_known_ones_a_link(world: Directory):
    unknown, known = await ask(world, "personne@rdv.example"), await ask(world, "admin@rdv.example")
    assert unknown.status_code == known.status_code == 202 and unknown.json() == known.json()
    sent = await world.outbox("agent.password_reset_requested")
    assert [json.loads(row["value"])["payload"]["email"] for row in sent] == ["admin@rdv.example"]


async def test_the_link_expires_after_two_hours(world: Directory):
    await ask(world, "admin@rdv.example")
    token = await reset_link_token(world, "agent.password_reset_requested")
    world.clock.now += timedelta(hours=2, minutes=1)
    late = await world.client.put("/api/v1/auth/password", json={"token": token, "password": NEW_PASSWORD})
    assert late.status_code == 422


async def test_asking_again_makes_the_previous_link_stop_working(world: Directory):
    await ask(world, "admin@rdv.example")
    first = await reset_link_token(world, "agent.password_reset_requested")
    await ask(world, "admin@rdv.example")
    second = await reset_link_token(world, "agent.password_reset_requested")
    stale = await world.client.put("/api/v1/auth/password", json={"token": first, "password": NEW_PASSWORD})
    assert stale.status_code == 422
    fresh = await world.client.put("/api/v1/auth/password", json={"token": second, "password": NEW_PASSWORD})
    assert fresh.status_code == 204


async def test_a_new_password_lifts_the_sign_in_lock(world: Directory):
    for _ in range(5):
        await world.sign_in("admin@rdv.example", "Mauvais-mot-de-passe-1")
    assert (await world.sign_in("admin@rdv.example")).status_code == 429
    await ask(world, "admin@rdv.example")
    token = await reset_link_token(world, "agent.password_reset_requested")
    await world.client.put("/api/v1/auth/password", json={"token": token, "password": NEW_PASSWORD})
    assert (await world.sign_in("admin@rdv.example", NEW_PASSWORD)).status_code == 200


async def test_requests_are_limited_per_email_whether_it_is_known_or_not(world: Directory):
    for email in ("admin@rdv.example", "personne@rdv.example"):
        answers = [(await ask(world, email, ip=f"198.51.100.{n}")).status_code for n in range(6)]
        assert answers == [202] * 5 + [429], email


async def test_usager_resets_the_password_of_the_account_and_its_sessions_end(world: Directory):
    body = {"first_name": "Léa", "last_name": "Martin", "email": "lea@rdv.example", "password": PASSWORD}
    await world.client.post("/api/v1/user_auth/sign_up", json=body)
    confirmation = await reset_link_token(world, "user.email_verification_requested")
    await world.client.post("/api/v1/user_auth/confirmation", json={"token": confirmation})
    credentials = {"email": "lea@rdv.example", "password": PASSWORD}
    session = (await world.client.post("/api/v1/user_auth/sign_in", json=credentials)).json()

    assert (await ask(world, "lea@rdv.example", who="user_auth")).status_code == 202
    token = await reset_link_token(world, "user.password_reset_requested")
    changed = await world.client.put(
        "/api/v1/user_auth/password", json={"token": token, "password": NEW_PASSWORD}
    )
    assert changed.status_code == 204
    refreshed = await world.client.post(
        "/api/v1/auth/refresh", json={"refresh_token": session["refresh_token"]}
    )
    assert refreshed.status_code == 401
    assert (await world.client.post("/api/v1/user_auth/sign_in", json=credentials)).status_code == 401
    credentials["password"] = NEW_PASSWORD
    assert (await world.client.post("/api/v1/user_auth/sign_in", json=credentials)).status_code == 200


async def test_usager_without_an_account_gets_no_link(world: Directory):
    created = await world.client.post(
        "/api/v1/users",
        json={
            "first_name": "Paul",
            "last_name": "Sans-Compte",
            "email": "paul@rdv.example",
            "organisation_ids": [world.ids["org_a"]],
        },
        headers=world.as_("basic"),
    )
    assert created.status_code == 201
    assert (await ask(world, "paul@rdv.example", who="user_auth")).status_code == 202
    assert await world.outbox("user.password_reset_requested") == []


async def test_an_agent_link_does_not_reset_an_usager_password(world: Directory):
    await ask(world, "admin@rdv.example")
    token = await reset_link_token(world, "agent.password_reset_requested")
    wrong = await world.client.put(
        "/api/v1/user_auth/password", json={"token": token, "password": NEW_PASSWORD}
    )
    assert wrong.status_code == 422


async def test_two_uses_of_one_link_at_once_set_one_password(world: Directory):
    await ask(world, "admin@rdv.example")
    token = await reset_link_token(world, "agent.password_reset_requested")
    answers = await asyncio.gather(
        *(
            world.client.put(
                "/api/v1/auth/password", json={"token": token, "password": f"{NEW_PASSWORD}-{n}"}
            )
            for n in range(2)
        )
    )
    assert sorted(a.status_code for a in answers) == [204, 422]
