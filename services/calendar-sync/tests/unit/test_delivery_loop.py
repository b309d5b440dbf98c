import asyncio

import pytest
from calendar_sync.entrypoints.delivery_loop import run_delivery_loop


async def test_the_loop_keeps_going_after_a_failing_step_and_drains_busy_ones():
    calls = {"webhooks": 0, "calendars": 0}
    work = [3, 1, 0]

    async def webhooks() -> int:
        calls["webhooks"] += 1
        return work.pop(0) if work else 0

    async def calendars() -> int:
        calls["calendars"] += 1
        raise ConnectionError("database restarting")

    task = asyncio.create_task(run_delivery_loop([webhooks, calendars], idle_seconds=0.01))
    await asyncio.sleep(0.1)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task

    assert calls["webhooks"] >= 4
    assert calls["calendars"] == calls["webhooks"]
