"""An agent's CalDAV connection (e.g. La Suite numérique's calendar).

Rules:
- the agent gives a calendar URL, a user name and an application password; the URL passes the SSRF
  guard, then we write and delete a test event: refused credentials or calendar answer 422;
- the password is stored encrypted; it is never shown again;
- on connection, the agent's RDVs from one month ago on are pushed;
- disconnecting removes every event we pushed, then forgets the connection.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol
from uuid import UUID

from calendar_sync.application.ports import Sealer, UnitOfWorkFactory, UrlGuard
from calendar_sync.domain.caller import Caller
from calendar_sync.domain.errors import NotAllowed
from calendar_sync.domain.feed_window import one_month_before

CHANNEL = "caldav"


class CaldavVerifier(Protocol):
    async def verify(self, calendar_url: str, username: str, password: str) -> None: ...


@dataclass(frozen=True)
class ConnectCaldav:
    calendar_url: str
    username: str
    password: str


def _agent(caller: Caller) -> int:
    if not caller.is_agent:
        raise NotAllowed("seul un agent connecte son agenda")
    return caller.id


async def connect_caldav(
    unit_of_work: UnitOfWorkFactory,
    guard: UrlGuard,
    verifier: CaldavVerifier,
    sealer: Sealer,
    caller: Caller,
    command: ConnectCaldav,
    now: datetime,
) -> None:
    agent_id = _agent(caller)
    await guard.check(command.calendar_url, "calendar_url")
    await verifier.verify(command.calendar_url, command.username, command.password)
    secrets = {
        "calendar_url": command.calendar_url,
        "username": command.username,
        "password": command.password,
    }
    async with unit_of_work() as uow:
        await uow.stores.connections.connect(agent_id, CHANNEL, sealer.seal_json(secrets))
        rdvs = await uow.stores.rdvs.of_agent_since(agent_id, one_month_before(now))
        pairs = [(rdv["id"], UUID(rdv["uuid"])) for rdv, _ in rdvs]
        await uow.stores.calendar_events.mark_agent_pending(CHANNEL, agent_id, pairs, now)
        await uow.commit()


async def caldav_status(unit_of_work: UnitOfWorkFactory, sealer: Sealer, caller: Caller) -> dict[str, Any]:
    async with unit_of_work() as uow:
        row = await uow.stores.connections.get(_agent(caller), CHANNEL)
    if row is None:
        return {"status": "disconnected"}
    secrets = sealer.open_json(row.secrets_encrypted)
    return {
        "status": row.status,
        "calendar_url": secrets["calendar_url"],
        "username": secrets["username"],
        "broken_reason": row.broken_reason,
    }


async def disconnect_calendar(
    unit_of_work: UnitOfWorkFactory, caller: Caller, channel: str, now: datetime
) -> None:
    """Also used for Outlook: the worker deletes the pushed events, then the connection."""
    agent_id = _agent(caller)
    async with unit_of_work() as uow:
        if await uow.stores.connections.get(agent_id, channel) is None:
            return
        await uow.stores.connections.set_status(agent_id, channel, "disconnecting")
        await uow.stores.calendar_events.mark_agent_pending(channel, agent_id, [], now)
        await uow.commit()
