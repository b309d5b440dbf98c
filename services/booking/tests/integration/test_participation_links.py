"""Participation links: the last-name check, its lock after 5 wrong answers, the per-IP limit."""

import asyncio
import itertools
import string
from datetime import timedelta

import httpx
from rdv_chassis.testing.fixtures import raw_connection

from .conftest import AGENT, LIEU, MOTIF, NOW, ORG, STRANGER, USER, Booking, slot


async def rdv_with_link(booking: Booking, user_id: int, day: int = 2) -> tuple[int, str]:
    body = {
        "motif_id": MOTIF,
        "starts_at": slot(day=day),
        "agent_ids": [AGENT],
        "user_ids": [user_id],
        "lieu_id": LIEU,
    }
    rdv = (
        await booking.client.post(
            f"/api/v1/organisations/{ORG}/rdvs", json=body, headers=booking.agent_headers()
        )
    ).json()["rdv"]
    participation_id = rdv["participations"][0]["id"]
    link = await booking.client.get(
        f"/api/v1/participations/{participation_id}/link", headers=booking.agent_headers()
    )
    assert link.status_code == 200, link.text
    assert link.json()["url"] == f"http://127.0.0.1:8080/r/{rdv['id']}/{link.json()['token']}"
    return int(rdv["id"]), link.json()["token"]


def link_url(rdv_id: int, token: str) -> str:
    return f"/api/v1/public/rdv_links/{rdv_id}/{token}/session"


def client_from(booking: Booking, address: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(booking.app, client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://booking")


async def test_the_right_letters_open_a_session_that_can_cancel(booking: Booking):
    rdv_id, token = await rdv_with_link(booking, USER)  # Le Bœuf: "LEB", accents and spaces ignored

    session = await booking.client.post(
        f"/api/v1/public/rdv_links/{rdv_id}/{token}/session", json={"letters": "l e B"}
    )
    headers = {"X-Link-Session": session.json()["session_token"]}
    recap = await booking.client.get("/api/v1/public/rdv_links/session", headers=headers)
    cancelled = await booking.client.post("/api/v1/public/rdv_links/session/cancel", headers=headers)

    assert session.status_code == 201 and session.json()["rdv_id"] == rdv_id
    assert recap.status_code == 200 and recap.json()["rdv"]["context"] is None
    assert recap.json()["motif"]["instruction_for_rdv"] == "Venez avec votre pièce d'identité."
    assert recap.json()["organisation"]["phone_number"] == f"03 21 00 00 0{ORG}"
    assert cancelled.status_code == 200 and cancelled.json()["rdv"]["status"] == "excused"


async def test_unknown_tokens_and_wrong_letters_get_the_same_answer(booking: Booking):
    rdv_id, token = await rdv_with_link(booking, USER)
    url = f"/api/v1/public/rdv_links/{rdv_id}/{token}/session"

    wrong = await booking.client.post(url, json={"letters": "abc"})
    unknown = await booking.client.post(link_url(rdv_id, "nope"), json={"letters": "leb"})
    no_rdv = await booking.client.post(link_url(999_999, token), json={"letters": "leb"})

    assert wrong.status_code == unknown.status_code == no_rdv.status_code == 422
    assert wrong.json() == unknown.json() == no_rdv.json()


async def test_a_token_opens_only_its_own_rdv_and_participation(booking: Booking):
    first_id, first_token = await rdv_with_link(booking, USER)
    second_id, _ = await rdv_with_link(booking, STRANGER, day=3)

    elsewhere = await booking.client.post(
        f"/api/v1/public/rdv_links/{second_id}/{first_token}/session", json={"letters": "zol"}
    )
    own = await booking.client.post(
        f"/api/v1/public/rdv_links/{first_id}/{first_token}/session", json={"letters": "leb"}
    )

    assert elsewhere.status_code == 422 and own.status_code == 201


async def test_a_link_stops_opening_once_the_rdv_has_ended(booking: Booking):
    rdv_id, token = await rdv_with_link(booking, USER)
    booking.clock[0] = NOW + timedelta(days=3)

    late = await booking.client.post(
        f"/api/v1/public/rdv_links/{rdv_id}/{token}/session", json={"letters": "leb"}
    )

    assert late.status_code == 422


async def test_every_three_letter_prefix_against_one_link_evaluates_at_most_five(booking: Booking):
    """All 17,576 prefixes, each from its own address so the per-IP limit does not hide the lock."""
    rdv_id, token = await rdv_with_link(booking, STRANGER)  # Zola: "ZOL", late in the alphabet
    prefixes = ["".join(p) for p in itertools.product(string.ascii_lowercase, repeat=3)]
    limit = asyncio.Semaphore(40)

    async def attempt(n: int, letters: str) -> int:
        async with limit, client_from(booking, f"10.{n // 65536}.{n // 256 % 256}.{n % 256}") as client:
            url = f"/api/v1/public/rdv_links/{rdv_id}/{token}/session"
            return (await client.post(url, json={"letters": letters})).status_code

    statuses = await asyncio.gather(*(attempt(n, p) for n, p in enumerate(prefixes)))

    connection = await raw_connection(booking.url)
    try:
        outcomes = dict(
            await connection.fetch("SELECT outcome, count(*) FROM link_attempts GROUP BY outcome")
        )
        status = await connection.fetchval("SELECT status FROM rdvs WHERE id = $1", rdv_id)
        sessions = await connection.fetchval("SELECT count(*) FROM link_sessions")
    finally:
        await connection.close()
    assert len(statuses) == 17_576 and 201 not in statuses
    assert outcomes.get("wrong", 0) + outcomes.get("success", 0) <= 5
    assert sum(outcomes.values()) == 17_576 and sessions == 0 and status == "unknown"
    locked = [e for e in await booking.outbox_events() if e.event_type == "rdv.link_locked"]
    assert len(locked) == 1 and locked[0].payload["user_id"] == STRANGER


async def test_one_address_is_throttled_across_links(booking: Booking):
    rdv_id, token = await rdv_with_link(booking, USER)
    async with client_from(booking, "192.0.2.7") as client:
        url = f"/api/v1/public/rdv_links/{rdv_id}/{token}x/session"
        statuses = [(await client.post(url, json={"letters": "abc"})).status_code for _ in range(25)]
        throttled = await client.post(url, json={"letters": "abc"})

    assert statuses[:20] == [422] * 20 and set(statuses[20:]) == {429}
    assert int(throttled.headers["Retry-After"]) > 0
