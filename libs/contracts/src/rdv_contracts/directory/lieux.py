"""Lieux (places) and motifs, as published by directory."""

from enum import StrEnum

from pydantic import Field, NonNegativeInt, PositiveInt

from rdv_contracts.base import Contract, EntityDeleted, UtcDatetime


class LieuAvailability(StrEnum):
    ENABLED = "enabled"
    DISABLED = "disabled"
    """Soft deletion."""
    SINGLE_USE = "single_use"


class Lieu(Contract):
    """Full state of a lieu."""

    id: int
    organisation_id: int
    name: str
    address: str
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)
    phone_number: str | None = None
    availability: LieuAvailability = LieuAvailability.ENABLED
    version: PositiveInt = Field(
        default=1, description="Increased by every change; consumers drop older versions"
    )


class LieuCreated(Lieu):
    """A lieu was created; the payload is its full state."""


class LieuUpdated(Lieu):
    """A lieu changed (including being disabled); the payload is its full new state."""


class LieuDeleted(EntityDeleted):
    """A lieu was removed for good."""


class LocationType(StrEnum):
    PUBLIC_OFFICE = "public_office"
    PHONE = "phone"
    HOME = "home"
    VISIO = "visio"


class BookableBy(StrEnum):
    AGENTS = "agents"
    AGENTS_AND_PRESCRIPTEURS = "agents_and_prescripteurs"
    AGENTS_AND_PRESCRIPTEURS_AND_INVITED_USERS = "agents_and_prescripteurs_and_invited_users"
    EVERYONE = "everyone"


class VisibilityType(StrEnum):
    VISIBLE_AND_NOTIFIED = "visible_and_notified"
    VISIBLE_AND_NOT_NOTIFIED = "visible_and_not_notified"
    INVISIBLE = "invisible"


class SectorisationLevel(StrEnum):
    DEPARTEMENT = "departement"
    ORGANISATION = "organisation"
    AGENT = "agent"


class MotifCategory(Contract):
    """Category of motifs of a territory (e.g. ANTS identity card or passport, RSA orientation)."""

    id: int
    name: str
    short_name: str = Field(description="Lower-case letters, digits and underscores, unique in the territory")


class Motif(Contract):
    """Full state of a motif, with every field of the reference system."""

    id: int
    organisation_id: int
    service_id: int
    name: str
    color: str | None = Field(default=None, pattern=r"^#[0-9A-Fa-f]{3}([0-9A-Fa-f]{3})?$")
    default_duration_in_min: PositiveInt = 30
    location_type: LocationType = LocationType.PUBLIC_OFFICE
    bookable_by: BookableBy = BookableBy.AGENTS
    min_public_booking_delay: NonNegativeInt = Field(default=1800, description="Seconds")
    max_public_booking_delay: NonNegativeInt = Field(default=7_889_238, description="Seconds")
    visibility_type: VisibilityType = VisibilityType.VISIBLE_AND_NOTIFIED
    sectorisation_level: SectorisationLevel = SectorisationLevel.DEPARTEMENT
    collectif: bool = False
    follow_up: bool = Field(default=False, description="Only the usager's referent agents may hold it")
    for_secretariat: bool = False
    restriction_for_rdv: str | None = Field(default=None, description="Accepted by the usager before booking")
    instruction_for_rdv: str | None = Field(default=None, description="Shown after booking and in the e-mail")
    custom_cancel_warning_message: str | None = None
    rdvs_editable_by_user: bool = True
    rdvs_cancellable_by_user: bool = True
    motif_category_id: int | None = None
    motif_category: MotifCategory | None = Field(
        default=None, description="The category's state when the motif was published; null without one"
    )
    deleted_at: UtcDatetime | None = Field(default=None, description="Soft deletion")
    version: PositiveInt = Field(
        default=1, description="Increased by every change; consumers drop older versions"
    )


class MotifCreated(Motif):
    """A motif was created; the payload is its full state."""


class MotifUpdated(Motif):
    """A motif changed (including soft deletion); the payload is its full new state."""


class MotifDeleted(EntityDeleted):
    """A motif was removed for good (it had no RDV)."""
