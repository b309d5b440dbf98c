import asyncio

from ledger import unsent_outbox
from replay import groups_of, lag, rewind, row_counts, wait_caught_up

WORKERS = {
    "directory-worker": "directory.",
    "availability-worker": "availability.",
    "booking-worker": "booking.",
    "notifications-worker": "notifications.",
    "calendar-sync-worker": "calendar-sync.",
}


async def test_replaying_every_event_from_offset_zero_changes_no_effect(system, mails):
    groups = await groups_of(system.kafka, tuple(WORKERS.values()))
    assert await wait_caught_up(system.kafka, groups, timeout=120) >= 0
    await asyncio.sleep(2)
    before = await effects_now(system, mails)

    for worker in WORKERS:
        system.supervisor("stop", worker)
    try:
        replayed = {group: await rewind(system.kafka, group) for group in groups}
        assert {group: await lag(system.kafka, group) for group in groups} == replayed
    finally:
        for worker in WORKERS:
            system.supervisor("start", worker)
    took = await wait_caught_up(system.kafka, groups, timeout=180)
    await asyncio.sleep(5)

    assert await effects_now(system, mails) == before
    print(f"{sum(replayed.values())} records replayed by {len(groups)} consumer groups in {took:.0f} s")


async def effects_now(system, mails) -> dict[str, int]:
    counts = await row_counts(system.pg)
    counts["mails sent"] = len((await mails.get("/messages")).json())
    counts["unsent outbox rows"] = await unsent_outbox(system.pg)
    return counts
