"""Outlook events through Microsoft Graph v1.0 (`/me/events`), one per (agent, RDV).

`transactionId` makes a retried creation idempotent on Graph's side; the Graph id we keep makes
later changes PATCH the same event. Content: the same minimal entry as webcal, `sensitivity`
private, no attendees (they would receive invitations).
"""

import time
from typing import Any

import httpx

from calendar_sync.adapters.outbound_http import retry_after
from calendar_sync.adapters.outlook_oauth import InvalidGrant, MsalOAuth
from calendar_sync.application.ports import PushResult, PushTarget
from calendar_sync.domain.calendar_entry import CalendarEntry
from calendar_sync.domain.outlook_event import outlook_event


class GraphGateway:
    def __init__(self, client: httpx.AsyncClient, graph_base_url: str, oauth: MsalOAuth) -> None:
        self._client = client
        self._base = f"{graph_base_url.rstrip('/')}/v1.0/me/events"
        self._oauth = oauth

    async def upsert(self, secrets: dict[str, Any], target: PushTarget, entry: CalendarEntry) -> PushResult:
        body = outlook_event(entry, transaction_id=f"rdv-{target.agent_id}-{target.rdv_uuid}")
        if target.remote_id:
            result = await self._call(secrets, "PATCH", f"{self._base}/{target.remote_id}", body)
            if result.status_code != 404:
                return result.push(target.remote_id)
        result = await self._call(secrets, "POST", self._base, body)
        return result.push(result.json_id())

    async def remove(self, secrets: dict[str, Any], target: PushTarget) -> PushResult:
        result = await self._call(secrets, "DELETE", f"{self._base}/{target.remote_id}", None)
        if result.status_code == 404:  # ErrorItemNotFound: already gone
            return PushResult(done=True, new_secrets=result.new_secrets)
        return result.push(None)

    async def _call(
        self, secrets: dict[str, Any], method: str, url: str, body: dict[str, Any] | None
    ) -> "_GraphAnswer":
        new_secrets = None
        try:
            if float(secrets.get("expires_at", 0)) < time.time() + 60:
                new_secrets = secrets = await self._oauth.refresh(secrets["refresh_token"])
            response = await self._send(secrets, method, url, body)
            if response.status_code == 401:
                new_secrets = secrets = await self._oauth.refresh(secrets["refresh_token"])
                response = await self._send(secrets, method, url, body)
        except InvalidGrant as exc:
            return _GraphAnswer(None, new_secrets, broken=f"invalid_grant: {exc}"[:500])
        except httpx.HTTPError as exc:
            return _GraphAnswer(None, new_secrets, error=f"{type(exc).__name__}: {exc}"[:500])
        return _GraphAnswer(response, new_secrets)

    async def _send(
        self, secrets: dict[str, Any], method: str, url: str, body: dict[str, Any] | None
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {secrets['access_token']}"}
        return await self._client.request(method, url, json=body, headers=headers, timeout=30)


class _GraphAnswer:
    def __init__(
        self,
        response: httpx.Response | None,
        new_secrets: dict[str, Any] | None,
        broken: str | None = None,
        error: str | None = None,
    ) -> None:
        self.response = response
        self.new_secrets = new_secrets
        self.broken = broken
        self.error = error

    @property
    def status_code(self) -> int | None:
        return self.response.status_code if self.response is not None else None

    def json_id(self) -> str | None:
        if self.response is None or not self.response.is_success:
            return None
        return str(self.response.json()["id"])

    def push(self, remote_id: str | None) -> PushResult:
        if self.broken is not None:
            return PushResult(done=False, broken=self.broken, new_secrets=self.new_secrets)
        if self.response is not None and self.response.is_success:
            return PushResult(done=True, remote_id=remote_id, new_secrets=self.new_secrets)
        status = self.status_code
        return PushResult(
            done=False,
            error=self.error or f"Graph HTTP {status}",
            retry_after=retry_after(self.response.headers.get("retry-after")) if self.response else None,
            new_secrets=self.new_secrets,
        )
