import asyncio

from booking.entrypoints.export_jobs import repeat


async def test_a_job_runs_again_at_once_while_it_finds_work_then_waits_and_stops_when_asked():
    stop = asyncio.Event()
    found = [1, 1, 0, 1]
    calls: list[int] = []

    async def step() -> int:
        calls.append(1)
        if len(calls) == 4:
            stop.set()
        return found[len(calls) - 1]

    await asyncio.wait_for(repeat("test", step, 0.05, stop), timeout=5)

    assert len(calls) == 4


async def test_a_failing_step_is_logged_and_tried_again_after_the_pause():
    stop = asyncio.Event()
    calls: list[int] = []

    async def step() -> int:
        calls.append(1)
        if len(calls) == 2:
            stop.set()
        raise RuntimeError("database down")

    await asyncio.wait_for(repeat("test", step, 0.01, stop), timeout=5)

    assert len(calls) == 2
