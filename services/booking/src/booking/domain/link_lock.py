"""Attempt counting of a participation link: 5 wrong answers lock it for 15 minutes."""

from dataclasses import dataclass
from datetime import datetime, timedelta

MAX_FAILURES = 5
LOCK_DURATION = timedelta(minutes=15)
SESSION_DURATION = timedelta(minutes=10)


@dataclass
class LinkAttempts:
    failed_attempts: int = 0
    locked_until: datetime | None = None

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def record_failure(self, now: datetime) -> bool:
        """True when this failure locks the link."""
        if self.locked_until is not None and now >= self.locked_until:
            self.failed_attempts, self.locked_until = 0, None
        self.failed_attempts += 1
        if self.failed_attempts >= MAX_FAILURES:
            self.locked_until = now + LOCK_DURATION
            return True
        return False

    def record_success(self) -> None:
        self.failed_attempts, self.locked_until = 0, None
