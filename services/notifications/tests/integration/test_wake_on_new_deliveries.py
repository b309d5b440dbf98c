import asyncio

from notifications.adapters.deliveries_repository import DELIVERIES_CHANNEL
from notifications.adapters.wakeups import listen
from notifications.entrypoints.loops import PollingLoop
from notifications.testing import factories as f
from rdv_contracts import booking as bk

from .conftest import publish_directory


async def test_recorded_deliveries_wake_the_send_loop_long_before_its_next_poll(world, smtp_server):
    d = await publish_directory(world)
    loop = PollingLoop("deliveries", world.services.dispatcher(), interval=120)
    listener = await listen(world.services.settings.database_url, DELIVERIES_CHANNEL, loop.wake)
    assert listener is not None
    task = asyncio.create_task(loop.run())
    try:
        await asyncio.sleep(0.3)  # the first poll found nothing: the loop now waits 120 s
        snapshot = f.rdv(d.organisation.id, d.motif.id, [d.agent.id], [d.user.id], lieu_id=d.lieu.id)
        event = bk.RdvCreated(rdv=snapshot, actor=f.AGENT_ACTOR)
        await world.feed(f.wrap(event, snapshot.id, d.organisation.id))
        async with asyncio.timeout(5):
            while not smtp_server.to(d.user.email):
                await asyncio.sleep(0.05)
    finally:
        loop.stop()
        await task
        await listener.close()
