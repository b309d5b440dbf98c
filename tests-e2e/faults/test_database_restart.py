import asyncio
import time
from collections import Counter

from booking_load import BookingStream, accepted
from ledger import created_on_topic, stored_rdv_ids, wait_effects, wait_outbox_drained

RATE, SECONDS, STOP_AT, DOWN_FOR, SETTLE = 2, 45, 10, 5, 15
"""SETTLE: seconds after PostgreSQL is back within which failed requests are still the outage's."""

PROCESSES = ("booking-api", "booking-worker", "availability-api", "notifications-worker", "directory-api")


async def test_committed_bookings_survive_a_postgresql_restart_and_services_recover_by_themselves(
    system, api, mails, slots
):
    pids = {name: system.pid(name) for name in PROCESSES}
    stream = BookingStream(api, slots, "pg-restart")
    load = asyncio.create_task(stream.run(RATE, SECONDS))
    await asyncio.sleep(STOP_AT)
    outage_started = time.monotonic()
    system.script("postgres.sh", "stop")
    await asyncio.sleep(DOWN_FOR)
    system.script("postgres.sh", "start")
    back = time.monotonic()
    attempts = await load
    await system.wait_ready(timeout=60)
    after = await BookingStream(api, slots, "pg-restart-after").run(RATE, 5)

    booked = accepted(attempts)
    assert await stored_rdv_ids(system.pg, [a.rdv_id for a in booked if a.rdv_id]) == {
        a.rdv_id for a in booked
    }
    failed = [a for a in attempts if a.status != 201]
    assert [a.tag for a in failed if not outage_started - 1 <= a.started <= back + SETTLE] == []
    assert [a.status for a in after] == [201] * len(after)
    assert {name: system.pid(name) for name in PROCESSES} == pids, "a process had to be restarted"
    await wait_outbox_drained(system.pg, timeout=60)
    on_topic = await created_on_topic(system.kafka)
    assert [a.rdv_id for a in booked if not on_topic[str(a.rdv_id)]] == []
    effects = await wait_effects(mails, booked, timeout=120)
    assert effects.lost(booked) == []
    assert effects.duplicated(booked) == {}
    assert effects.retransmitted(booked) == {}
    outcome = Counter(a.status for a in failed)
    print(f"{len(booked)} of {len(attempts)} booked, failed during the outage: {outcome}")
    assert 500 not in outcome, "PostgreSQL down must answer 503 (Retry-After), not 500"
