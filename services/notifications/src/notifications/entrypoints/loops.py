"""Background loops of the worker: send due deliveries, fire due reminders, anonymise old receipts.
They poll the database, so a restarted worker picks up whatever was left (rows are claimed with SKIP
LOCKED); `wake()` cuts a wait short when new work is announced."""

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


class PollingLoop:
    def __init__(self, name: str, step: Callable[[], Awaitable[int]], interval: float) -> None:
        self.name = name
        self._step = step
        self._interval = interval
        self._stopped = asyncio.Event()
        self._woken = asyncio.Event()

    async def run(self) -> None:
        while not self._stopped.is_set():
            self._woken.clear()  # before the step: work announced during it is not missed
            try:
                done = await self._step()
            except Exception:
                log.exception("%s: step failed", self.name)
                done = 0
            if done == 0:
                await self._pause()

    async def _pause(self) -> None:
        waits = [asyncio.create_task(self._stopped.wait()), asyncio.create_task(self._woken.wait())]
        try:
            await asyncio.wait(waits, timeout=self._interval, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in waits:
                task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.gather(*waits)

    def wake(self) -> None:
        self._woken.set()

    def stop(self) -> None:
        self._stopped.set()
