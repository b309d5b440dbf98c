import asyncio
from datetime import UTC, datetime

import pytest
from booking_load import BookingStream, accepted
from ledger import created_on_topic, wait_effects, wait_outbox_drained

RATE, KILLS, BUSY_FOR, IN_FLIGHT = 2, 5, 3, 5
"""Each kill comes a few seconds after the worker is ready again: busy with what piled up meanwhile."""


@pytest.mark.parametrize("worker", ["booking-worker", "notifications-worker"])
async def test_a_worker_killed_five_times_under_load_loses_and_repeats_nothing(
    system, api, mails, slots, worker
):
    stream = BookingStream(api, slots, f"kill-{worker}")
    done = asyncio.Event()
    load = asyncio.create_task(stream.run_until(RATE, done))
    restarts, kills = [], []
    for _ in range(KILLS):
        await asyncio.sleep(BUSY_FOR)
        kills.append(datetime.now(UTC))
        restarts.append(await system.wait_restarted(worker, system.kill(worker), timeout=90))
    done.set()
    attempts = await load
    await wait_outbox_drained(system.pg, timeout=60)

    booked = accepted(attempts)
    assert len(booked) == len(attempts), [a for a in attempts if a.status != 201][:5]
    on_topic = await created_on_topic(system.kafka)
    assert [a.rdv_id for a in booked if not on_topic[str(a.rdv_id)]] == []
    effects = await wait_effects(mails, booked, timeout=120)
    assert effects.lost(booked) == []
    assert effects.duplicated(booked) == {}
    retransmitted = effects.retransmitted(booked)
    in_flight = {tag: first for tag, first in retransmitted.items() if sent_just_before_a_kill(first, kills)}
    assert retransmitted == in_flight, "a mail transmitted twice that was not being sent when a worker died"
    print(
        f"{worker}: back and ready {', '.join(f'{s:.1f}' for s in restarts)} s after each kill; "
        f"{len(retransmitted)} of {len(booked)} bookings had a mail in flight at a kill transmitted again"
        " under the same Message-ID"
    )


def sent_just_before_a_kill(sent: datetime, kills: list[datetime]) -> bool:
    """SMTP has no idempotency: a mail handed over just before its worker died, not yet marked as sent,
    is handed over again, with the Message-ID it was given when rendered, so it is one message."""
    return any(0 <= (kill - sent).total_seconds() < IN_FLIGHT for kill in kills)
