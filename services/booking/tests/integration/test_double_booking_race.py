"""Usagers racing for the same slot: the exclusion constraint is the final word (no app-level lock).

Availability is a local double that always says "bookable", as a stale projection would: what
stops the double booking is booking's own `rdv_agent_busy_no_overlap` constraint.
"""

import asyncio
from collections import Counter

from rdv_chassis.testing.fixtures import raw_connection

from .conftest import LIEU, MOTIF, Booking, slot

CONCURRENT = 100
SLOTS = 50

OVERLAPS = """
    SELECT count(*) FROM rdv_agent_busy a JOIN rdv_agent_busy b
      ON a.agent_id = b.agent_id AND a.rdv_id < b.rdv_id AND a.during && b.during
"""


async def race(booking: Booking, starts_at: str) -> Counter[int]:
    headers = booking.user_headers()
    body = {"motif_id": MOTIF, "lieu_id": LIEU, "starts_at": starts_at}
    gate = asyncio.Event()

    async def attempt() -> int:
        await gate.wait()
        return (await booking.client.post("/api/v1/usager/rdvs", json=body, headers=headers)).status_code

    attempts = [asyncio.create_task(attempt()) for _ in range(CONCURRENT)]
    gate.set()
    return Counter(await asyncio.gather(*attempts))


async def test_a_hundred_usagers_racing_for_each_of_fifty_slots_get_one_rdv_per_slot(booking: Booking):
    outcomes = [await race(booking, slot(day=2 + n // 10, hour=8 + n % 10)) for n in range(SLOTS)]

    assert all(outcome == Counter({201: 1, 409: CONCURRENT - 1}) for outcome in outcomes), outcomes
    connection = await raw_connection(booking.url)
    try:
        assert await connection.fetchval("SELECT count(*) FROM rdvs") == SLOTS
        assert await connection.fetchval(OVERLAPS) == 0
    finally:
        await connection.close()


async def test_without_the_exclusion_constraint_the_same_race_double_books(booking: Booking):
    """Proves the race test can see a double booking: nothing else in the code path prevents one."""
    connection = await raw_connection(booking.url)
    try:
        await connection.execute("ALTER TABLE rdv_agent_busy DROP CONSTRAINT rdv_agent_busy_no_overlap")
        outcome = await race(booking, slot())
        assert outcome[201] > 1
        assert await connection.fetchval(OVERLAPS) > 0
    finally:
        await connection.close()


async def test_the_losers_get_a_clear_message(booking: Booking):
    await race(booking, slot())
    body = {"motif_id": MOTIF, "lieu_id": LIEU, "starts_at": slot()}

    late = await booking.client.post("/api/v1/usager/rdvs", json=body, headers=booking.user_headers())

    assert late.status_code == 409
    assert late.json()["error_messages"] == [
        "Ce créneau n'est plus disponible. Veuillez en sélectionner un autre."
    ]
