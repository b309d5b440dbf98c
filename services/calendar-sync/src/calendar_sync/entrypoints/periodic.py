"""A job run at a fixed interval for as long as the worker lives (the daily housekeeping)."""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

log = logging.getLogger(__name__)


async def run_periodically(name: str, job: Callable[[], Awaitable[Any]], interval_seconds: float) -> None:
    """Runs `job` now, then every `interval_seconds`; a failure is logged and waits for the next run."""
    while True:
        try:
            log.info("%s: %s", name, await job())
        except Exception:
            log.exception("%s failed", name)
        await asyncio.sleep(interval_seconds)
