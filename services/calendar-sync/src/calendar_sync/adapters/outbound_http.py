"""HTTP calls to user-supplied URLs (webhook receivers, CalDAV servers), guarded against SSRF.

The host is resolved here, every address is vetted (`domain/url_safety.py`), then the request goes to
the vetted address itself, with the original Host header and TLS server name: nothing can resolve
the name differently between the check and the connection (DNS rebinding). Redirects are never
followed and the response body is never read.
"""

import asyncio
import socket
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urlunsplit

import httpx

from calendar_sync.application.ports import HttpOutcome
from calendar_sync.domain.errors import UnsafeUrl
from calendar_sync.domain.url_safety import OutboundPolicy

Resolver = Callable[[str, int], Awaitable[list[str]]]


async def system_resolver(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


class GuardedHttp:
    def __init__(
        self,
        client: httpx.AsyncClient,
        policy: OutboundPolicy,
        resolver: Resolver = system_resolver,
        timeout: float = 10.0,
    ) -> None:
        self._client = client
        self._policy = policy
        self._resolver = resolver
        self._timeout = timeout

    async def check(self, url: str, field: str) -> None:
        await self._pinned(url, field)

    async def request(
        self,
        method: str,
        url: str,
        headers: dict[str, str],
        content: bytes | None = None,
        auth: tuple[str, str] | None = None,
    ) -> HttpOutcome:
        """Never raises for the receiver's sake: refusals and failures come back as an outcome."""
        try:
            pinned, host_header, server_name = await self._pinned(url, "url")
            async with self._client.stream(
                method,
                pinned,
                headers={**headers, "Host": host_header},
                content=content,
                auth=auth,
                timeout=self._timeout,
                follow_redirects=False,
                extensions={"sni_hostname": server_name} if server_name else {},
            ) as response:
                return HttpOutcome(
                    status=response.status_code,
                    retry_after=retry_after(response.headers.get("retry-after")),
                    etag=response.headers.get("etag"),
                    location=response.headers.get("location"),
                )
        except UnsafeUrl as exc:
            return HttpOutcome(status=None, error=f"adresse refusée : {exc}")
        except httpx.TimeoutException:
            return HttpOutcome(status=None, error=f"pas de réponse en {self._timeout:g} s")
        except (httpx.HTTPError, OSError) as exc:
            return HttpOutcome(status=None, error=f"{type(exc).__name__}: {exc}"[:500])

    async def post(self, url: str, headers: dict[str, str], body: bytes) -> HttpOutcome:
        return await self.request("POST", url, headers, body)

    async def _pinned(self, url: str, field: str) -> tuple[str, str, str | None]:
        parts = self._policy.check_url(url, field)
        assert parts.hostname is not None
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            addresses = await self._resolver(parts.hostname, port)
        except OSError:
            raise UnsafeUrl(field, "nom d'hôte introuvable") from None
        address = self._policy.check_addresses(addresses, field)
        literal = f"[{address}]" if address.version == 6 else str(address)
        netloc = f"{literal}:{parts.port}" if parts.port else literal
        pinned = urlunsplit(parts._replace(netloc=netloc))
        server_name = parts.hostname if parts.scheme == "https" else None
        return pinned, parts.netloc, server_name


def retry_after(value: str | None) -> timedelta | None:
    if not value:
        return None
    if value.strip().isdigit():
        return timedelta(seconds=int(value))
    try:
        return max(parsedate_to_datetime(value) - datetime.now(UTC), timedelta(0))
    except (TypeError, ValueError):
        return None
