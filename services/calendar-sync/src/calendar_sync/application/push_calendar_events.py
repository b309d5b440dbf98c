"""Brings agents' Outlook and CalDAV calendars up to date with their RDVs (one-way).

Rules:
- the desired state of (agent, RDV) is "present" while the connection is active, the RDV exists and
  the agent is one of its agents; Outlook also drops cancelled RDVs (reference §6.2), CalDAV keeps
  them marked CANCELLED like the webcal feed;
- each row is leased with SKIP LOCKED, pushed, then marked up to date only if no newer change came
  meanwhile; the remote id is kept, so a retry or a replayed event never creates a second event;
- throttling (Retry-After), 5xx and outages are retried later; refused credentials mark the
  connection broken and tell the agent once (an alert event, e-mailed by notifications);
- a disconnecting agent's events are all removed, then the connection is forgotten.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from rdv_contracts.base import Contract
from rdv_contracts.calendar_sync import CaldavConnectionBroken, OutlookConnectionBroken
from rdv_contracts.registry import envelope

from calendar_sync.application.calendar_entries import Links, entry_for
from calendar_sync.application.ports import CalendarGateway, Clock, PushResult, Sealer, UnitOfWorkFactory
from calendar_sync.domain.delivery_schedule import RETRY_DELAYS, next_delay

if TYPE_CHECKING:
    from calendar_sync.application.ports import UnitOfWork
    from calendar_sync.application.records import ClaimedCalendarEvent

log = logging.getLogger(__name__)

BROKEN_RECHECK = timedelta(days=1)


@dataclass
class CalendarPusher:
    unit_of_work: UnitOfWorkFactory
    gateways: dict[str, CalendarGateway]
    sealer: Sealer
    links: Links
    clock: Clock
    batch_size: int = 20
    lease: timedelta = timedelta(minutes=2)

    async def push_due(self) -> int:
        async with self.unit_of_work() as uow:
            claimed = await uow.stores.calendar_events.claim_due(self.clock(), self.batch_size, self.lease)
            await uow.commit()
        for event in claimed:
            await self._push(event)
        return len(claimed)

    async def _push(self, event: "ClaimedCalendarEvent") -> None:
        result = await self._call(event)
        async with self.unit_of_work() as uow:
            await self._record(uow, event, result)
            await uow.commit()

    async def _call(self, event: "ClaimedCalendarEvent") -> PushResult:
        if event.connection_status == "broken":
            return PushResult(done=False, retry_after=BROKEN_RECHECK, error="connexion à refaire")
        if event.connection_status == "removed" or event.channel not in self.gateways:
            return PushResult(done=True)
        async with self.unit_of_work() as uow:
            rdv = await uow.stores.rdvs.get(event.rdv_id)
            entry = await entry_for(uow.stores, rdv, self.links) if rdv else None
        secrets = self.sealer.open_json(event.secrets_encrypted)
        gateway = self.gateways[event.channel]
        try:
            if entry is not None and rdv is not None and self._wanted(event, rdv):
                return await gateway.upsert(secrets, event, entry)
            if event.remote_id is None:
                return PushResult(done=True)
            return await gateway.remove(secrets, event)
        except Exception as exc:  # an unexpected answer must not stop the other agents' pushes
            log.exception("calendar push failed for agent %s", event.agent_id)
            return PushResult(done=False, error=f"{type(exc).__name__}: {exc}"[:500])

    def _wanted(self, event: "ClaimedCalendarEvent", rdv: dict[str, Any]) -> bool:
        if event.connection_status != "active" or event.agent_id not in rdv["agent_ids"]:
            return False
        return not (event.channel == "outlook" and rdv["status"] in ("excused", "revoked"))

    async def _record(self, uow: "UnitOfWork", event: "ClaimedCalendarEvent", result: PushResult) -> None:
        stores, now = uow.stores, self.clock()
        if result.new_secrets is not None:
            sealed = self.sealer.seal_json(result.new_secrets)
            await stores.connections.store_secrets(event.agent_id, event.channel, sealed)
        if result.broken is not None:
            if await stores.connections.set_status(event.agent_id, event.channel, "broken", result.broken):
                uow.publish(
                    envelope(_alert(event, result.broken), aggregate_id=event.agent_id, organisation_id=None)
                )
            await stores.calendar_events.retry(event, now + BROKEN_RECHECK, result.broken)
        elif result.done:
            await stores.calendar_events.pushed(event, result.remote_id, result.etag)
        else:
            delay = next_delay(min(event.attempts, len(RETRY_DELAYS)), result.retry_after) or RETRY_DELAYS[-1]
            await stores.calendar_events.retry(event, now + delay, result.error or "échec")
        if event.connection_status == "disconnecting" and not await stores.calendar_events.remaining(
            event.channel, event.agent_id
        ):
            await stores.connections.remove(event.agent_id, event.channel)


def _alert(event: "ClaimedCalendarEvent", reason: str) -> Contract:
    if event.channel == "outlook":
        return OutlookConnectionBroken(agent_id=event.agent_id, reason=reason)
    return CaldavConnectionBroken(agent_id=event.agent_id, reason=reason)
