"""Availability's slot validation over HTTP (docs/conventions.md, "Synchronous calls").

aiohttp rather than httpx on this hot path: measured on the booking benchmark, an httpx call cost
about 3 ms of CPU against 0.2 ms for aiohttp. One session (one connection pool) per process,
opened on first use inside the event loop and closed with the app.
"""

import asyncio
from datetime import datetime
from typing import Any

import aiohttp

from booking.application.ports import SlotDecision, SlotRequest
from booking.domain.errors import SlotCheckUnavailable

VALIDATE_PATH = "/internal/v1/slots/validate"


class HttpSlotValidator:
    def __init__(self, base_url: str, timeout_seconds: float, max_connections: int = 100) -> None:
        self._url = base_url.rstrip("/") + VALIDATE_PATH
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self._max_connections = max_connections
        self._session: aiohttp.ClientSession | None = None
        self._opening = asyncio.Lock()

    async def validate(self, request: SlotRequest) -> SlotDecision:
        body = {
            "motif_id": request.motif_id,
            "lieu_id": request.lieu_id,
            "starts_at": request.starts_at.isoformat(),
            "agent_ids": request.agent_ids,
            "caller": request.caller,
            "exclude_rdv_id": request.exclude_rdv_id,
            "invited": request.invited,
        }
        try:
            async with (await self._open()).post(self._url, json=body) as response:
                response.raise_for_status()
                answer: dict[str, Any] = await response.json()
        except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
            raise SlotCheckUnavailable() from exc
        if not answer.get("bookable"):
            return SlotDecision(False, reason=answer.get("reason"), message=answer.get("message"))
        return SlotDecision(
            True,
            agent_id=int(answer["agent_id"]),
            lieu_id=answer.get("lieu_id"),
            starts_at=datetime.fromisoformat(answer["starts_at"]),
            ends_at=datetime.fromisoformat(answer["ends_at"]),
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _open(self) -> aiohttp.ClientSession:
        async with self._opening:
            if self._session is None:
                connector = aiohttp.TCPConnector(limit=self._max_connections)
                self._session = aiohttp.ClientSession(connector=connector, timeout=self._timeout)
            return self._session
