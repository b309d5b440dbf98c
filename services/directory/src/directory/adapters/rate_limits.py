"""Failed attempts per key (`account:<email>`, `ip:<address>`) over a moving window, in PostgreSQL.

Every API process reads and writes the same rows, so a limit holds whatever replica answers. Each
call runs on its own autocommit connection: a failure counts even though the use case rolls back.
The windows are measured with the database's clock, the one clock every replica shares.
"""

from datetime import timedelta

from limits import RateLimitItem, parse
from sqlalchemy import delete, func, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine

from directory.adapters.auth_tables import failed_attempts


class PostgresAttemptLimiter:
    def __init__(self, engine: AsyncEngine, per_account: str, per_ip: str) -> None:
        self._engine = engine
        self._limits: dict[str, RateLimitItem] = {"account": parse(per_account), "ip": parse(per_ip)}
        self._longest = max(limit.get_expiry() for limit in self._limits.values())

    def _limit(self, key: str) -> RateLimitItem:
        return self._limits[key.partition(":")[0]]

    async def allowed(self, *keys: str) -> bool:
        async with self._engine.connect() as connection:
            for key in keys:
                limit = self._limit(key)
                since = func.now() - timedelta(seconds=limit.get_expiry())
                query = select(func.count()).where(
                    failed_attempts.c.key == key, failed_attempts.c.failed_at > since
                )
                if (await connection.execute(query)).scalar_one() >= limit.amount:
                    return False
        return True

    async def count_failure(self, *keys: str) -> None:
        forgotten = func.now() - timedelta(seconds=self._longest)
        async with self._engine.begin() as connection:
            await connection.execute(insert(failed_attempts), [{"key": key} for key in keys])
            await connection.execute(delete(failed_attempts).where(failed_attempts.c.failed_at < forgotten))

    async def reset(self, *keys: str) -> None:
        async with self._engine.begin() as connection:
            await connection.execute(delete(failed_attempts).where(failed_attempts.c.key.in_(keys)))
