"""Per-client-IP limit on link answers, with the `limits` library (moving window)."""

import math
import time

from limits import parse
from limits.aio.storage import MemoryStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter


class IpRateLimiter:
    """In-memory storage counts per API process; `limits` also speaks Redis for shared counters."""

    def __init__(self, rule: str = "20/minute", storage: Storage | None = None) -> None:
        self._item = parse(rule)
        self._limiter = MovingWindowRateLimiter(storage or MemoryStorage())

    async def hit(self, client: str) -> int | None:
        if await self._limiter.hit(self._item, "link-answer", client):
            return None
        reset_at, _ = await self._limiter.get_window_stats(self._item, "link-answer", client)
        return max(1, math.ceil(reset_at - time.time()))
