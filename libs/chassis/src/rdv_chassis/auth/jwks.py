import asyncio
import time
from collections.abc import Callable
from typing import Any

import httpx
import jwt

from rdv_chassis.errors import NotAuthenticated, ServiceUnavailable
from rdv_chassis.observability.logging import get_logger

ACCEPTED_ALGORITHMS = frozenset({"RS256", "ES256"})

log = get_logger(__name__)


class JwksClient:
    """Public keys of the token issuer, cached, refetched on expiry or on an unknown `kid`.

    Fetches are at least `min_refetch_seconds` apart, so tokens carrying random kids cannot
    turn every request into a call to the issuer.
    """

    def __init__(
        self,
        url: str,
        http: httpx.AsyncClient,
        cache_seconds: float = 300,
        min_refetch_seconds: float = 10,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._url = url
        self._http = http
        self._cache_seconds = cache_seconds
        self._min_refetch_seconds = min_refetch_seconds
        self._clock = clock
        self._keys: dict[str, jwt.PyJWK] = {}
        self._fetched_at: float | None = None
        self._attempted_at: float | None = None
        self._lock = asyncio.Lock()

    async def get_key(self, kid: str) -> jwt.PyJWK:
        if self._is_stale():
            await self._refresh(self._is_stale)
        if kid not in self._keys and self._may_fetch():
            await self._refresh(lambda: kid not in self._keys and self._may_fetch())
        if self._fetched_at is None:
            raise ServiceUnavailable("token signing keys are unavailable")
        try:
            return self._keys[kid]
        except KeyError:
            raise NotAuthenticated("token signed with an unknown key") from None

    def _may_fetch(self) -> bool:
        return self._attempted_at is None or self._clock() - self._attempted_at >= self._min_refetch_seconds

    def _is_stale(self) -> bool:
        expired = self._fetched_at is None or self._clock() - self._fetched_at >= self._cache_seconds
        return expired and self._may_fetch()

    async def _refresh(self, still_needed: Callable[[], bool]) -> None:
        async with self._lock:
            # Another request may have refreshed while this one waited for the lock.
            if not still_needed():
                return
            self._attempted_at = self._clock()
            try:
                response = await self._http.get(self._url)
                response.raise_for_status()
                keys = _parse(response.json())
            except (httpx.HTTPError, ValueError) as exc:
                # Keeping the previous keys: an issuer outage must not log everybody out.
                log.warning("jwks_fetch_failed", url=self._url, error=str(exc))
                return
            self._keys = keys
            self._fetched_at = self._attempted_at


def _parse(document: Any) -> dict[str, jwt.PyJWK]:
    keys: dict[str, jwt.PyJWK] = {}
    for data in document.get("keys", []) if isinstance(document, dict) else []:
        if not isinstance(data, dict) or "kid" not in data or data.get("use", "sig") != "sig":
            continue
        try:
            key = jwt.PyJWK(data)
        except jwt.PyJWTError:
            continue
        if key.algorithm_name in ACCEPTED_ALGORITHMS:
            keys[data["kid"]] = key
    return keys
