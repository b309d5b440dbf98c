"""Retry schedule of a failed send: exponential, capped, then given up."""

from datetime import timedelta

FIRST_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(hours=1)


def retry_delay(attempts: int, first: timedelta = FIRST_DELAY, cap: timedelta = MAX_DELAY) -> timedelta:
    """Delay before attempt `attempts + 1`, after `attempts` failed ones (1, 2, 4, 8... × first)."""
    return min(first * (2 ** max(attempts - 1, 0)), cap)
