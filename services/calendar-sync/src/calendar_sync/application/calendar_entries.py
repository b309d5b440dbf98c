from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from calendar_sync.domain.calendar_entry import CalendarEntry, calendar_entry

if TYPE_CHECKING:
    from calendar_sync.application.ports import Stores


@dataclass(frozen=True)
class Links:
    """Where links in calendars point: the gateway's public URL, and the product's name."""

    public_base_url: str
    product_name: str


async def entry_for(stores: "Stores", rdv: dict[str, Any], links: Links) -> CalendarEntry:
    return calendar_entry(
        rdv,
        motif=await stores.copies.get("motif", rdv["motif_id"]),
        lieu=await stores.copies.get("lieu", rdv.get("lieu_id")),
        time_zone=await stores.copies.time_zone_of(rdv["organisation_id"]),
        public_base_url=links.public_base_url,
        product_name=links.product_name,
    )
