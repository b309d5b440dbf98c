"""Collective RDVs (ateliers): joins never exceed the capacity, one member per family."""

import asyncio
from collections import Counter

from rdv_contracts import directory as dr

from .conftest import AGENT, COLLECTIVE_MOTIF, LIEU, ORG, RELATIVE, USER, Booking, slot

JOINERS = 50
FIRST_JOINER = 1000


async def atelier(booking: Booking, capacity: int) -> int:
    body = {
        "motif_id": COLLECTIVE_MOTIF,
        "starts_at": slot(day=5),
        "agent_ids": [AGENT],
        "lieu_id": LIEU,
        "name": "Atelier numérique",
        "max_participants_count": capacity,
    }
    response = await booking.client.post(
        f"/api/v1/organisations/{ORG}/rdvs", json=body, headers=booking.agent_headers()
    )
    assert response.status_code == 201, response.text
    return int(response.json()["rdv"]["id"])


async def test_fifty_concurrent_joins_of_a_three_seat_atelier_accept_three(booking: Booking):
    rdv_id = await atelier(booking, capacity=3)
    for n in range(JOINERS):
        await booking.apply(
            dr.UserCreated(id=FIRST_JOINER + n, first_name="U", last_name=f"Nom{n}"), FIRST_JOINER + n
        )
    gate = asyncio.Event()

    async def join(user_id: int) -> int:
        await gate.wait()
        url = f"/api/v1/usager/collective_rdvs/{rdv_id}/participations"
        return (await booking.client.post(url, json={}, headers=booking.user_headers(user_id))).status_code

    joins = [asyncio.create_task(join(FIRST_JOINER + n)) for n in range(JOINERS)]
    gate.set()
    outcome = Counter(await asyncio.gather(*joins))

    assert outcome == Counter({201: 3, 409: JOINERS - 3})
    rdv = (await booking.client.get(f"/api/v1/rdvs/{rdv_id}", headers=booking.agent_headers())).json()["rdv"]
    assert rdv["users_count"] == 3 and len(rdv["participations"]) == 3


async def test_one_member_per_family_joins_an_atelier(booking: Booking):
    rdv_id = await atelier(booking, capacity=10)
    url = f"/api/v1/usager/collective_rdvs/{rdv_id}/participations"

    first = await booking.client.post(url, json={}, headers=booking.user_headers())
    relative = await booking.client.post(url, json={"for_user_id": RELATIVE}, headers=booking.user_headers())

    assert first.status_code == 201
    assert relative.status_code == 409 and "famille" in relative.json()["error_messages"][0]


async def test_an_usager_leaves_an_atelier_and_may_join_again(booking: Booking):
    rdv_id = await atelier(booking, capacity=1)
    url = f"/api/v1/usager/collective_rdvs/{rdv_id}/participations"
    await booking.client.post(url, json={}, headers=booking.user_headers())

    left = await booking.client.post(f"/api/v1/usager/rdvs/{rdv_id}/cancel", headers=booking.user_headers())
    back = await booking.client.post(url, json={}, headers=booking.user_headers())

    assert left.status_code == 200
    assert left.json()["rdv"]["status"] == "unknown" and left.json()["rdv"]["users_count"] == 0
    assert back.status_code == 201 and back.json()["rdv"]["users_count"] == 1
    assert (await booking.outbox_events())[-1].payload["rdv"]["participations"][0]["user_id"] == USER
