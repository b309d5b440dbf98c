import asyncio
import time

from booking_load import BookingStream, accepted
from ledger import created_on_topic, unsent_outbox, wait_effects, wait_outbox_drained

RATE, SECONDS, PAUSE_AT, PAUSE_FOR = 3, 60, 10, 30


async def test_bookings_made_while_kafka_is_frozen_are_all_accepted_and_notified_once(
    system, api, mails, slots
):
    stream = BookingStream(api, slots, "kafka-pause")
    load = asyncio.create_task(stream.run(RATE, SECONDS))
    await asyncio.sleep(PAUSE_AT)
    system.script("kafka.sh", "pause")
    try:
        await asyncio.sleep(PAUSE_FOR)
        backlog = await unsent_outbox(system.pg)
    finally:
        system.script("kafka.sh", "resume")
    resumed = time.monotonic()
    attempts = await load
    drained_after = await wait_outbox_drained(system.pg, timeout=60 - (time.monotonic() - resumed))

    booked = accepted(attempts)
    assert len(booked) == len(attempts) == RATE * SECONDS, [a for a in attempts if a.status != 201][:5]
    assert backlog > 0, "the outage left nothing in the outbox: it did not happen during the bookings"
    assert max(a.seconds for a in booked) < 5
    on_topic = await created_on_topic(system.kafka)
    assert [a.rdv_id for a in booked if not on_topic[str(a.rdv_id)]] == []
    effects = await wait_effects(mails, booked, timeout=120)
    assert effects.lost(booked) == []
    assert effects.duplicated(booked) == {}
    assert effects.retransmitted(booked) == {}
    print(f"outbox backlog {backlog}, drained {drained_after:.1f} s after resume")
