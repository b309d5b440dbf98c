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


class EntryLookups:
    """Builds calendar entries, reading each motif, lieu and time zone once however many RDVs use it."""

    def __init__(self, stores: "Stores", links: Links) -> None:
        self._stores = stores
        self._links = links
        self._copies: dict[tuple[str, int | None], dict[str, Any] | None] = {}
        self._time_zones: dict[int, str] = {}

    async def entry(self, rdv: dict[str, Any]) -> CalendarEntry:
        return calendar_entry(
            rdv,
            motif=await self._copy("motif", rdv["motif_id"]),
            lieu=await self._copy("lieu", rdv.get("lieu_id")),
            time_zone=await self.time_zone(rdv["organisation_id"]),
            public_base_url=self._links.public_base_url,
            product_name=self._links.product_name,
        )

    @property
    def time_zones(self) -> list[str]:
        return list(self._time_zones.values())

    async def time_zone(self, organisation_id: int) -> str:
        if organisation_id not in self._time_zones:
            self._time_zones[organisation_id] = await self._stores.copies.time_zone_of(organisation_id)
        return self._time_zones[organisation_id]

    async def _copy(self, model: str, entity_id: int | None) -> dict[str, Any] | None:
        if (model, entity_id) not in self._copies:
            self._copies[(model, entity_id)] = await self._stores.copies.get(model, entity_id)
        return self._copies[(model, entity_id)]


async def entry_for(stores: "Stores", rdv: dict[str, Any], links: Links) -> CalendarEntry:
    return await EntryLookups(stores, links).entry(rdv)
