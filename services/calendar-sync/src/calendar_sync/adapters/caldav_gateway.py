"""CalDAV (RFC 4791) with plain HTTP: each RDV is one ICS resource `<calendar>/<rdv uuid>.ics`.

Created with `If-None-Match: *` and updated with `If-Match: <etag>` (RFC 7232), so a retry after a
lost answer never makes a second resource and a concurrent edit is noticed (412). The calendar URL
is the agent's: every call goes through the SSRF guard.
"""

import uuid
from typing import Any

from calendar_sync.adapters.ics import calendar_document, single_event_document
from calendar_sync.adapters.outbound_http import GuardedHttp
from calendar_sync.application.ports import HttpOutcome, PushResult, PushTarget
from calendar_sync.domain.calendar_entry import CalendarEntry
from calendar_sync.domain.errors import ConnectionRefused

_ICS = {"Content-Type": "text/calendar; charset=utf-8"}
_TEST_EVENT = (
    b"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260101T000000Z\r\n"
    b"DTEND:20260101T000100Z\r\nSUMMARY:Test de connexion\r\nEND:VEVENT\r\n"
)


def resource_url(calendar_url: str, rdv_uuid: object) -> str:
    return f"{calendar_url.rstrip('/')}/{rdv_uuid}.ics"


class CaldavGateway:
    def __init__(self, http: GuardedHttp) -> None:
        self._http = http

    async def verify(self, calendar_url: str, username: str, password: str) -> None:
        """Writes then deletes a test event, as the existing system checks a new connection."""
        test_uid = f"rdvsp-connection-test-{uuid.uuid4()}"
        body = calendar_document([_TEST_EVENT.replace(b"{uid}", test_uid.encode())], [])
        url = resource_url(calendar_url, test_uid)
        auth = (username, password)
        created = await self._http.request("PUT", url, _ICS | {"If-None-Match": "*"}, body, auth)
        if created.status in (401, 403):
            raise ConnectionRefused("password", "le serveur refuse ces identifiants")
        if not created.ok:
            reason = created.error or f"le serveur a répondu {created.status}"
            raise ConnectionRefused("calendar_url", f"impossible d'écrire dans ce calendrier : {reason}")
        await self._http.request("DELETE", url, {}, None, auth)

    async def upsert(self, secrets: dict[str, Any], target: PushTarget, entry: CalendarEntry) -> PushResult:
        url = target.remote_id or resource_url(secrets["calendar_url"], target.rdv_uuid)
        auth = (secrets["username"], secrets["password"])
        body = single_event_document(entry)
        condition = {"If-Match": target.remote_etag} if target.remote_etag else {"If-None-Match": "*"}
        outcome = await self._http.request("PUT", url, _ICS | condition, body, auth)
        if outcome.status == 412:
            # Changed on the server since our last write (or created by a write whose answer was lost):
            # the sync is one-way, so ours replaces it.
            current = await self._http.request("HEAD", url, {}, None, auth)
            retry = {"If-Match": current.etag} if current.ok and current.etag else {"If-None-Match": "*"}
            outcome = await self._http.request("PUT", url, _ICS | retry, body, auth)
        return _result(outcome, url)

    async def remove(self, secrets: dict[str, Any], target: PushTarget) -> PushResult:
        url = target.remote_id or resource_url(secrets["calendar_url"], target.rdv_uuid)
        outcome = await self._http.request(
            "DELETE", url, {}, None, (secrets["username"], secrets["password"])
        )
        if outcome.status in (404, 410):
            return PushResult(done=True)
        return _result(outcome, None)


def _result(outcome: HttpOutcome, url: str | None) -> PushResult:
    if outcome.ok:
        return PushResult(done=True, remote_id=url, etag=outcome.etag)
    if outcome.status in (401, 403):
        return PushResult(done=False, broken=f"le serveur CalDAV refuse nos identifiants ({outcome.status})")
    return PushResult(
        done=False, error=outcome.error or f"HTTP {outcome.status}", retry_after=outcome.retry_after
    )
