"""Microsoft identity platform through msal: the authorisation-code flow and token refreshes.

msal is synchronous (requests), so each call runs in a worker thread. Tokens are kept as
`{access_token, refresh_token, expires_at}`; callers encrypt them before storing.
"""

import asyncio
import time
from functools import cached_property
from typing import Any

import msal
import requests

from calendar_sync.config import CalendarSyncSettings
from calendar_sync.domain.errors import InvalidField, NotConfigured

# Least privilege: the agent's own calendar (reference §6.2; reliability notes §e).
SCOPES = ["Calendars.ReadWrite", "User.Read"]


class InvalidGrant(Exception):
    """Microsoft refuses the refresh token: the agent must connect again."""


class MsalOAuth:
    def __init__(self, settings: CalendarSyncSettings) -> None:
        if not settings.outlook_client_id:
            raise NotConfigured("la synchronisation Outlook n'est pas configurée")
        self._settings = settings

    @cached_property
    def _app(self) -> msal.ConfidentialClientApplication:
        session = requests.Session()
        if self._settings.outlook_ca_file:
            session.verify = self._settings.outlook_ca_file
            session.trust_env = False  # else REQUESTS_CA_BUNDLE would replace our CA bundle
        return msal.ConfidentialClientApplication(
            self._settings.outlook_client_id,
            client_credential=self._settings.outlook_client_secret,
            authority=f"{self._settings.outlook_login_base_url.rstrip('/')}/{self._settings.outlook_tenant}",
            http_client=session,
            instance_discovery=self._settings.outlook_login_base_url.startswith(
                "https://login.microsoftonline"
            ),
        )

    async def start(self) -> dict[str, Any]:
        """A new flow: `auth_uri` to send the agent to, `state` to find the flow again."""
        return await asyncio.to_thread(
            lambda: self._app.initiate_auth_code_flow(
                SCOPES, redirect_uri=self._settings.outlook_redirect_uri
            )
        )

    async def finish(self, flow: dict[str, Any], params: dict[str, str]) -> dict[str, Any]:
        # `_app` is built in the thread too: msal's constructor fetches the authority's metadata.
        result = await asyncio.to_thread(lambda: self._app.acquire_token_by_auth_code_flow(flow, params))
        if "access_token" not in result:
            reason = result.get("error_description") or result.get("error") or "refus de Microsoft"
            raise InvalidField("code", f"Microsoft a refusé la connexion : {reason}")
        return _tokens(result, None)

    async def refresh(self, refresh_token: str) -> dict[str, Any]:
        result = await asyncio.to_thread(
            lambda: self._app.acquire_token_by_refresh_token(refresh_token, SCOPES)
        )
        if result.get("error") == "invalid_grant":
            raise InvalidGrant(str(result.get("error_description") or "invalid_grant"))
        if "access_token" not in result:
            raise RuntimeError(f"token refresh failed: {result.get('error')}")
        return _tokens(result, refresh_token)


def _tokens(result: dict[str, Any], previous_refresh_token: str | None) -> dict[str, Any]:
    return {
        "access_token": result["access_token"],
        "refresh_token": result.get("refresh_token") or previous_refresh_token,
        "expires_at": time.time() + float(result.get("expires_in", 3600)),
    }
