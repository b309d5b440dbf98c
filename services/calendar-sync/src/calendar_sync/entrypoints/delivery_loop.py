"""The worker's outbound loop: due webhook deliveries and calendar pushes, polled until cancelled."""

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence

log = logging.getLogger(__name__)

Step = Callable[[], Awaitable[int]]


async def run_delivery_loop(steps: Sequence[Step], idle_seconds: float) -> None:
    """Runs every step again at once while one of them found work; sleeps when all were idle.
    A failing step (database restarting...) is logged and retried after the idle delay."""
    while True:
        busy = False
        for step in steps:
            try:
                busy = await step() > 0 or busy
            except Exception:
                log.exception("delivery step failed")
        if not busy:
            await asyncio.sleep(idle_seconds)
