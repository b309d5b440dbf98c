"""Each agent's secret webcal feed (reference §6.1).

Rules:
- one secret URL per agent (a 256-bit random token; only its SHA-256 is stored); resetting it makes
  the previous URL answer 404; there is no other authentication;
- the feed lists the agent's RDVs in every organisation from one month ago on, cancelled ones marked
  CANCELLED, with the motif, the place and a link, in the territory's time zone (VTIMEZONE), and
  nothing that identifies an usager;
- its ETag is a digest of the document, so an unchanged feed answers 304 to `If-None-Match`.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from calendar_sync.application.calendar_entries import EntryLookups, Links
from calendar_sync.application.ports import IcsRenderer, UnitOfWorkFactory
from calendar_sync.domain.caller import Caller
from calendar_sync.domain.errors import NotAllowed, NotFound
from calendar_sync.domain.feed_window import one_month_before


@dataclass(frozen=True)
class WebcalFeed:
    body: bytes
    etag: str


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def reset_webcal_feed(unit_of_work: UnitOfWorkFactory, caller: Caller, links: Links) -> str:
    """Creates the agent's feed URL, or replaces it; the URL is shown only now."""
    if not caller.is_agent:
        raise NotAllowed("seul un agent a un flux webcal")
    token = secrets.token_urlsafe(32)
    async with unit_of_work() as uow:
        await uow.stores.feeds.replace(caller.id, _digest(token))
        await uow.commit()
    return f"{links.public_base_url.rstrip('/')}/ical/{token}.ics"


async def remove_webcal_feed(unit_of_work: UnitOfWorkFactory, caller: Caller) -> None:
    if not caller.is_agent:
        raise NotAllowed("seul un agent a un flux webcal")
    async with unit_of_work() as uow:
        await uow.stores.feeds.remove(caller.id)
        await uow.commit()


async def render_webcal_feed(
    unit_of_work: UnitOfWorkFactory, renderer: IcsRenderer, links: Links, token: str, now: datetime
) -> WebcalFeed:
    async with unit_of_work() as uow:
        stores = uow.stores
        agent_id = await stores.feeds.agent_of(_digest(token))
        if agent_id is None:
            raise NotFound("calendrier introuvable")
        lookups = EntryLookups(stores, links)
        vevents, rendered = [], []
        for row in await stores.rdvs.feed_rows(agent_id, one_month_before(now)):
            vevent = row.vevent
            if vevent is None and row.snapshot is not None:
                vevent = renderer.vevent(await lookups.entry(row.snapshot))
                rendered.append((row.id, row.version, vevent))
            if vevent is not None:
                vevents.append(vevent)
            await lookups.time_zone(row.organisation_id)
        time_zones = sorted(set(lookups.time_zones))
        agent = await stores.copies.get("agent", agent_id) or {}
        if rendered:
            await stores.rdvs.store_vevents(rendered)
            await uow.commit()
    name = " ".join(filter(None, [agent.get("first_name"), agent.get("last_name")])) or "Agenda"
    body = renderer.document(vevents, time_zones, f"{name} sur {links.product_name}")
    return WebcalFeed(body=body, etag=f'"{hashlib.sha256(body).hexdigest()[:40]}"')
