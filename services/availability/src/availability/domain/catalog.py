"""The local copies and agendas the slot engine reads, held in memory by each process."""

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from rdv_contracts.directory import BookableBy, LocationType

from availability.domain.closed_days import ClosedDays, HolidayCalendar, holiday_subdivision
from availability.domain.schedule import DailySpan, DayExpander

DEFAULT_TIME_ZONE = "Europe/Paris"


@dataclass(frozen=True)
class Territory:
    id: int
    departement_number: str
    time_zone: str = DEFAULT_TIME_ZONE
    holiday_subdivision: str | None = None
    open_on_sundays: bool = False
    open_on_holidays: bool = False


@dataclass(frozen=True)
class Organisation:
    id: int
    territory_id: int
    name: str = ""


@dataclass(frozen=True)
class Service:
    id: int
    name: str = ""
    is_secretariat: bool = False


@dataclass(frozen=True)
class Agent:
    id: int
    last_name: str = ""
    first_name: str | None = None
    service_ids: frozenset[int] = frozenset()
    organisation_ids: frozenset[int] = frozenset()
    active: bool = True


@dataclass(frozen=True)
class Lieu:
    id: int
    organisation_id: int
    name: str = ""
    address: str = ""
    latitude: float | None = None
    longitude: float | None = None
    enabled: bool = True


@dataclass(frozen=True)
class Motif:
    id: int
    organisation_id: int
    service_id: int
    name: str = ""
    duration_in_min: int = 30
    location_type: LocationType = LocationType.PUBLIC_OFFICE
    bookable_by: BookableBy = BookableBy.AGENTS
    min_public_booking_delay: int = 1800
    max_public_booking_delay: int = 7_889_238
    collectif: bool = False
    follow_up: bool = False
    for_secretariat: bool = False
    active: bool = True

    @property
    def on_site(self) -> bool:
        return self.location_type == LocationType.PUBLIC_OFFICE

    @property
    def key(self) -> str:
        """The public, URL-stable motif key (reference §1.7 `name_with_location_type`)."""
        slug = "".join(c if c.isalnum() else "_" for c in _ascii(self.name).lower())
        return f"{'_'.join(part for part in slug.split('_') if part)}-{self.location_type.value}"


@dataclass(eq=False)
class Plage:
    id: int
    agent_id: int
    organisation_id: int
    lieu_id: int | None
    motif_ids: tuple[int, ...]
    title: str
    span: DailySpan
    created_at: datetime
    version: int = 1

    @property
    def rank(self) -> tuple[datetime, int]:
        """Creation order: the agent whose plage was created first gets a shared slot."""
        return (self.created_at, self.id)


@dataclass(eq=False)
class Absence:
    id: int
    agent_id: int
    title: str
    span: DailySpan
    version: int = 1


@dataclass
class Catalog:
    holidays: HolidayCalendar
    expander: DayExpander
    territories: dict[int, Territory] = field(default_factory=dict)
    organisations: dict[int, Organisation] = field(default_factory=dict)
    services: dict[int, Service] = field(default_factory=dict)
    agents: dict[int, Agent] = field(default_factory=dict)
    lieux: dict[int, Lieu] = field(default_factory=dict)
    motifs: dict[int, Motif] = field(default_factory=dict)
    plages: dict[int, Plage] = field(default_factory=dict)
    absences: dict[int, Absence] = field(default_factory=dict)
    version: int = 0

    def __post_init__(self) -> None:
        self.reindex()

    def reindex(self) -> None:
        self.plages_by_motif: dict[int, list[Plage]] = defaultdict(list)
        self.absences_by_agent: dict[int, list[Absence]] = defaultdict(list)
        for plage in sorted(self.plages.values(), key=lambda p: p.rank):
            for motif_id in plage.motif_ids:
                self.plages_by_motif[motif_id].append(plage)
        for absence in self.absences.values():
            self.absences_by_agent[absence.agent_id].append(absence)

    def territory_of(self, organisation_id: int) -> Territory | None:
        organisation = self.organisations.get(organisation_id)
        return self.territories.get(organisation.territory_id) if organisation else None

    def time_zone_of(self, organisation_id: int) -> str:
        territory = self.territory_of(organisation_id)
        return territory.time_zone if territory else DEFAULT_TIME_ZONE

    def closed_days_of(self, organisation_id: int) -> ClosedDays:
        territory = self.territory_of(organisation_id)
        if territory is None:
            return ClosedDays(self.holidays)
        return ClosedDays(
            self.holidays,
            holiday_subdivision(territory.departement_number, territory.holiday_subdivision),
            territory.open_on_sundays,
            territory.open_on_holidays,
        )


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
