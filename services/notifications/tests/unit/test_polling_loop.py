import asyncio

from notifications.bootstrap import Services
from notifications.config import NotificationsSettings
from notifications.entrypoints.loops import PollingLoop
from notifications.entrypoints.worker import background_loops


class Steps:
    def __init__(self) -> None:
        self.calls = 0

    async def __call__(self) -> int:
        self.calls += 1
        return 0


async def test_wake_cuts_the_wait_short_and_stop_ends_the_loop():
    steps = Steps()
    loop = PollingLoop("test", steps, interval=60)
    task = asyncio.create_task(loop.run())
    await asyncio.sleep(0.05)
    assert steps.calls == 1
    loop.wake()
    await asyncio.sleep(0.05)
    assert steps.calls == 2
    loop.stop()
    async with asyncio.timeout(1):
        await task


async def test_a_wake_during_a_step_is_not_lost():
    loop: PollingLoop

    class WakesItself(Steps):
        async def __call__(self) -> int:
            if self.calls == 0:
                loop.wake()
            return await super().__call__()

    steps = WakesItself()
    loop = PollingLoop("test", steps, interval=60)
    task = asyncio.create_task(loop.run())
    await asyncio.sleep(0.05)
    assert steps.calls == 2
    loop.stop()
    await task


def test_the_worker_wakes_its_first_loop_which_sends_the_deliveries():
    services = Services(NotificationsSettings(environment="development"), None, mailer=object())  # type: ignore[arg-type]
    assert [loop.name for loop in background_loops(services)] == [
        "deliveries",
        "reminders",
        "receipts_anonymisation",
    ]
