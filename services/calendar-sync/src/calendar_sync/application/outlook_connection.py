"""An agent's Outlook (Microsoft 365) connection, through the OAuth authorisation-code flow (msal).

Rules:
- the agent starts the flow and is sent to Microsoft; Microsoft sends them back with a code and the
  `state` we stored (single use, valid one hour), which tells us who they are;
- the tokens are stored encrypted and refreshed when they expire; the agent's RDVs from one month ago
  on are pushed;
- disconnecting deletes every Outlook event we created, then forgets the tokens.
"""

from datetime import datetime, timedelta
from typing import Any, Protocol
from uuid import UUID

from calendar_sync.application.ports import Sealer, UnitOfWorkFactory
from calendar_sync.domain.caller import Caller
from calendar_sync.domain.errors import NotAllowed, NotConfigured, NotFound
from calendar_sync.domain.feed_window import one_month_before

CHANNEL = "outlook"
FLOW_LIFETIME = timedelta(hours=1)


class OAuthFlow(Protocol):
    async def start(self) -> dict[str, Any]: ...
    async def finish(self, flow: dict[str, Any], params: dict[str, str]) -> dict[str, Any]: ...


def _oauth(oauth: OAuthFlow | None) -> OAuthFlow:
    if oauth is None:
        raise NotConfigured("la synchronisation Outlook n'est pas configurée")
    return oauth


async def start_outlook_connection(
    unit_of_work: UnitOfWorkFactory, oauth: OAuthFlow | None, sealer: Sealer, caller: Caller
) -> str:
    if not caller.is_agent:
        raise NotAllowed("seul un agent connecte son agenda")
    flow = await _oauth(oauth).start()
    async with unit_of_work() as uow:
        await uow.stores.outlook_authorisations.add(flow["state"], caller.id, sealer.seal_json(flow))
        await uow.commit()
    return str(flow["auth_uri"])


async def complete_outlook_connection(
    unit_of_work: UnitOfWorkFactory,
    oauth: OAuthFlow | None,
    sealer: Sealer,
    params: dict[str, str],
    now: datetime,
) -> int:
    """The agent id whose calendar is now connected."""
    async with unit_of_work() as uow:
        taken = await uow.stores.outlook_authorisations.take(params.get("state", ""), now - FLOW_LIFETIME)
        await uow.commit()
    if taken is None:
        raise NotFound("demande de connexion inconnue ou expirée")
    agent_id, sealed_flow = taken
    tokens = await _oauth(oauth).finish(sealer.open_json(sealed_flow), params)
    async with unit_of_work() as uow:
        await uow.stores.connections.connect(agent_id, CHANNEL, sealer.seal_json(tokens))
        rdvs = await uow.stores.rdvs.of_agent_since(agent_id, one_month_before(now))
        pairs = [(rdv["id"], UUID(rdv["uuid"])) for rdv, _ in rdvs]
        await uow.stores.calendar_events.mark_agent_pending(CHANNEL, agent_id, pairs, now)
        await uow.commit()
    return agent_id


async def outlook_status(unit_of_work: UnitOfWorkFactory, caller: Caller) -> dict[str, Any]:
    if not caller.is_agent:
        raise NotAllowed("seul un agent connecte son agenda")
    async with unit_of_work() as uow:
        row = await uow.stores.connections.get(caller.id, CHANNEL)
    if row is None:
        return {"status": "disconnected"}
    return {"status": row.status, "broken_reason": row.broken_reason}
