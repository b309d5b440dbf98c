from limits import RateLimitItem, parse
from limits.storage import MemoryStorage, Storage
from limits.strategies import MovingWindowRateLimiter


class LoginAttemptLimiter:
    """Failed sign-ins per key (`account:<email>`, `ip:<address>`), moving window.

    The default storage is the process's memory: each API replica counts on its own. A shared
    `limits` storage (Redis, Memcached) gives one count across replicas by configuration.
    """

    def __init__(self, per_account: str, per_ip: str, storage: Storage | None = None) -> None:
        self._limiter = MovingWindowRateLimiter(storage or MemoryStorage())
        self._limits: dict[str, RateLimitItem] = {"account": parse(per_account), "ip": parse(per_ip)}

    def _limit(self, key: str) -> RateLimitItem:
        return self._limits[key.partition(":")[0]]

    def allowed(self, *keys: str) -> bool:
        return all(self._limiter.test(self._limit(key), key) for key in keys)

    def count_failure(self, *keys: str) -> None:
        for key in keys:
            self._limiter.hit(self._limit(key), key)

    def reset(self, *keys: str) -> None:
        for key in keys:
            self._limiter.clear(self._limit(key), key)
