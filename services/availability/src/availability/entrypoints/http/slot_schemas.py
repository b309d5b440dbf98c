"""Response bodies of the slot searches; times are ISO 8601 in the territory's local time."""

from datetime import date, datetime, tzinfo
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field

from availability.domain.catalog import Lieu
from availability.domain.slots import Slot


def local_time(instant: int, zone: tzinfo) -> datetime:
    return datetime.fromtimestamp(instant, zone)


class NextAvailability(BaseModel):
    starts_at: datetime
    ends_at: datetime
    lieu_id: int | None
    agent_id: int | None = None

    @classmethod
    def of(cls, slot: Slot | None, zone: ZoneInfo, with_agent: bool = False) -> "NextAvailability | None":
        if slot is None:
            return None
        return cls(
            starts_at=local_time(slot.starts_at, zone),
            ends_at=local_time(slot.ends_at, zone),
            lieu_id=slot.lieu_id,
            agent_id=slot.agent_id if with_agent else None,
        )


class AgentTime(BaseModel):
    starts_at: datetime
    ends_at: datetime
    agent_ids: list[int] = Field(description="Agents free then, the one whose plage was created first first")


class LieuSlots(BaseModel):
    lieu_id: int | None
    slots: list[AgentTime]


class AgentDay(BaseModel):
    date: date
    lieux: list[LieuSlots]


class CollectiveRdvOut(BaseModel):
    rdv_id: int
    starts_at: datetime
    ends_at: datetime
    lieu_id: int | None
    agent_ids: list[int]
    seats_left: int | None = Field(description="Null: unlimited")


class AgentSearchResponse(BaseModel):
    motif_id: int
    time_zone: str
    days: list[AgentDay]
    collective_rdvs: list[CollectiveRdvOut] = Field(default_factory=list)
    next_availability: NextAvailability | None = Field(
        default=None, description="When the period has no slot: the first one within 6 months"
    )


class PublicTimeOut(BaseModel):
    starts_at: datetime
    ends_at: datetime
    lieu_id: int | None = Field(description="Where: several lieux answer when the search names none")


class PublicDay(BaseModel):
    date: date
    slots: list[PublicTimeOut]


class PublicSlotsResponse(BaseModel):
    motif_id: int
    lieu_id: int | None
    time_zone: str
    days: list[PublicDay]


class PublicMotifOut(BaseModel):
    key: str = Field(description="name_with_location_type, stable in URLs")
    name: str
    location_type: str
    service_id: int
    motif_ids: list[int]


class PublicMotifsResponse(BaseModel):
    motifs: list[PublicMotifOut]


class PublicLieuOut(BaseModel):
    id: int
    name: str
    address: str
    latitude: float | None
    longitude: float | None

    @classmethod
    def of(cls, lieu: Lieu) -> "PublicLieuOut":
        return cls(
            id=lieu.id, name=lieu.name, address=lieu.address, latitude=lieu.latitude, longitude=lieu.longitude
        )


class PublicPlaceOut(BaseModel):
    motif_id: int
    organisation_id: int
    lieu: PublicLieuOut | None
    distance_in_meters: float | None
    next_availability: NextAvailability | None


class PublicPlacesResponse(BaseModel):
    places: list[PublicPlaceOut]


class NextAvailabilityResponse(BaseModel):
    next_availability: NextAvailability | None
