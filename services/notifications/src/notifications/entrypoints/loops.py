"""Background loops of the worker: send due deliveries, fire due reminders. Both poll the database,
so a restarted worker picks up whatever was left (rows are claimed with SKIP LOCKED)."""

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

    async def run(self) -> None:
        while not self._stopped.is_set():
            try:
                done = await self._step()
            except Exception:
                log.exception("%s: step failed", self.name)
                done = 0
            if done == 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stopped.wait(), self._interval)

    def stop(self) -> None:
        self._stopped.set()
