import asyncio
from datetime import UTC, datetime

from notifications.application.anonymise_old_receipts import AnonymiseOldReceipts
from notifications.entrypoints.worker import background_loops
from notifications.testing import factories as f
from rdv_contracts import booking as bk

from .conftest import publish_directory


async def sent_rdv(world, d) -> int:
    snapshot = f.rdv(
        d.organisation.id, d.motif.id, [d.agent.id], [d.user.id], datetime(2031, 1, 13, 9, tzinfo=UTC)
    )
    await world.feed(f.wrap(bk.RdvCreated(rdv=snapshot, actor=f.AGENT_ACTOR), snapshot.id, d.organisation.id))
    await world.dispatch()
    return snapshot.id


async def age(world, rdv_id: int, days: int) -> None:
    async with world.database.engine.begin() as conn:
        await conn.exec_driver_sql(
            f"UPDATE deliveries SET created_at = now() - interval '{days} days', "
            "error_message = 'SMTP 550: <' || recipient || '> refused' WHERE rdv_id = $1",
            (rdv_id,),
        )


async def receipts_of(world, rdv_id: int) -> list[dict]:
    query = (
        "SELECT channel, recipient, content, error_message, result, anonymised_at IS NOT NULL AS anonymised "
        "FROM deliveries WHERE rdv_id = :rdv_id ORDER BY id"
    )
    return await world.rows(query, rdv_id=rdv_id)


async def test_receipts_older_than_six_months_lose_recipient_content_and_error_but_keep_their_result(world):
    d = await publish_directory(world)
    old, recent, fresh = await sent_rdv(world, d), await sent_rdv(world, d), await sent_rdv(world, d)
    await age(world, old, 200)
    await age(world, recent, 170)

    assert await AnonymiseOldReceipts(world.services.unit, world.clock)() == 3

    assert await receipts_of(world, old) == [
        {
            "channel": channel,
            "recipient": None,
            "content": None,
            "error_message": None,
            "result": "sent",
            "anonymised": True,
        }
        for channel in ("mail", "sms", "mail")
    ]
    for kept in (recent, fresh):
        rows = await receipts_of(world, kept)
        assert len(rows) == 3 and all(r["recipient"] and r["content"] and not r["anonymised"] for r in rows)
    assert await AnonymiseOldReceipts(world.services.unit, world.clock)() == 0


async def test_anonymisation_works_in_batches_until_nothing_is_left(world):
    d = await publish_directory(world)
    for _ in range(3):
        await age(world, await sent_rdv(world, d), 400)
    anonymise = AnonymiseOldReceipts(world.services.unit, world.clock, batch_size=4)
    assert [await anonymise() for _ in range(4)] == [4, 4, 1, 0]


async def test_the_worker_runs_the_anonymisation_loop(world):
    d = await publish_directory(world)
    old = await sent_rdv(world, d)
    await age(world, old, 200)
    [loop] = [loop for loop in background_loops(world.services) if loop.name == "receipts_anonymisation"]
    task = asyncio.create_task(loop.run())
    try:
        async with asyncio.timeout(10):
            while not all(r["anonymised"] for r in await receipts_of(world, old)):
                await asyncio.sleep(0.05)
    finally:
        loop.stop()
        await task
