"""When to try a failed delivery again: Standard Webhooks' example schedule, with ±10 % jitter.

Immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h after each failure: more
than 3 days in all (75 h 35 min), as the product decisions require.
"""

import random
from datetime import timedelta

RETRY_DELAYS = (
    timedelta(seconds=5),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=10),
    timedelta(hours=14),
    timedelta(hours=20),
    timedelta(hours=24),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
JITTER = 0.1


def next_delay(
    failed_attempts: int, retry_after: timedelta | None = None, rand: random.Random | None = None
) -> timedelta | None:
    """The wait after the `failed_attempts`-th failure, None when we give up.

    A receiver's `Retry-After` is honoured when it asks for longer than the schedule.
    """
    if failed_attempts >= MAX_ATTEMPTS:
        return None
    base = RETRY_DELAYS[failed_attempts - 1]
    jittered = base * (1 + (rand or random).uniform(-JITTER, JITTER))
    return max(jittered, retry_after) if retry_after is not None else jittered
