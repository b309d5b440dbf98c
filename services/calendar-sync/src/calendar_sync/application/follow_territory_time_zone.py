"""A territory changed its time zone (product decisions, "Time"): what shows its RDVs in local time
follows.

Rules:
- the stored VEVENT of every RDV of the territory's organisations is rendered again, in the new
  zone, when a feed next needs it (the webcal feed renders stale ones in one pass);
- the Outlook and CalDAV events of those RDVs are pushed again, with the new zone;
- the instants do not change, and nothing happens when the zone stays the same.
"""

from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from calendar_sync.application.ports import Stores


def time_zone_changed(previous: dict[str, Any] | None, current: dict[str, Any]) -> bool:
    return previous is not None and previous.get("time_zone") != current.get("time_zone")


async def follow_territory_time_zone(stores: "Stores", territory_id: int, now: datetime) -> None:
    await stores.rdvs.forget_vevents_of_territory(territory_id)
    await stores.calendar_events.mark_territory_pending(territory_id, now)
