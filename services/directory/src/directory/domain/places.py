"""Lieux and motifs, with the reference's validations (§1.6, §1.7)."""

import re
from dataclasses import dataclass
from datetime import datetime

from rdv_contracts.directory import (
    BookableBy,
    LieuAvailability,
    LocationType,
    SectorisationLevel,
    VisibilityType,
)

from directory.domain.contact import normalise_phone
from directory.domain.errors import InvalidField
from directory.domain.territories import require_text

MIN_BOOKING_DELAY = 30 * 60
MAX_BOOKING_DELAY = 10 * 365 * 24 * 3600
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{3}([0-9A-Fa-f]{3})?$")


@dataclass
class Lieu:
    organisation_id: int
    name: str
    address: str
    latitude: float
    longitude: float
    id: int = 0  # 0 until stored
    phone_number: str | None = None
    availability: LieuAvailability = LieuAvailability.ENABLED
    version: int = 1

    def validate(self) -> None:
        require_text("name", self.name)
        require_text("address", self.address)
        if not -90 <= self.latitude <= 90:
            raise InvalidField("latitude", "doit être comprise entre -90 et 90")
        if not -180 <= self.longitude <= 180:
            raise InvalidField("longitude", "doit être comprise entre -180 et 180")
        if self.phone_number:
            self.phone_number = normalise_phone(self.phone_number).national


def check_availability_change(before: LieuAvailability, after: LieuAvailability) -> None:
    """A lieu ponctuel stays one, and no lieu becomes one (reference §1.6)."""
    if (before is LieuAvailability.SINGLE_USE) != (after is LieuAvailability.SINGLE_USE):
        raise InvalidField("availability", "un lieu ponctuel ne peut pas changer de type")


@dataclass(frozen=True)
class MotifFilters:
    """What the API v1 motif list filters on: `active`, `service_id`, `motif_category_short_name`."""

    active: bool | None = None
    service_id: int | None = None
    motif_category_short_name: str | None = None


@dataclass
class Motif:
    organisation_id: int
    service_id: int
    name: str
    id: int = 0  # 0 until stored
    color: str | None = None
    default_duration_in_min: int = 30
    location_type: LocationType = LocationType.PUBLIC_OFFICE
    bookable_by: BookableBy = BookableBy.AGENTS
    min_public_booking_delay: int = 1800
    max_public_booking_delay: int = 7_889_238
    visibility_type: VisibilityType = VisibilityType.VISIBLE_AND_NOTIFIED
    sectorisation_level: SectorisationLevel = SectorisationLevel.DEPARTEMENT
    collectif: bool = False
    follow_up: bool = False
    for_secretariat: bool = False
    restriction_for_rdv: str | None = None
    instruction_for_rdv: str | None = None
    custom_cancel_warning_message: str | None = None
    rdvs_editable_by_user: bool = True
    rdvs_cancellable_by_user: bool = True
    motif_category_id: int | None = None
    deleted_at: datetime | None = None
    version: int = 1

    def validate(self, service_is_secretariat: bool) -> None:
        require_text("name", self.name)
        if self.color and not _COLOUR.match(self.color):
            raise InvalidField("color", "doit être une couleur hexadécimale (#RRGGBB)")
        if self.default_duration_in_min <= 0:
            raise InvalidField("default_duration_in_min", "doit être supérieure à 0")
        for name in ("min_public_booking_delay", "max_public_booking_delay"):
            if not MIN_BOOKING_DELAY <= getattr(self, name) <= MAX_BOOKING_DELAY:
                raise InvalidField(name, "doit être comprise entre 30 minutes et 10 ans")
        if self.max_public_booking_delay <= self.min_public_booking_delay:
            raise InvalidField("max_public_booking_delay", "doit être supérieur au délai minimum")
        if self.collectif and self.location_type is not LocationType.PUBLIC_OFFICE:
            raise InvalidField("collectif", "un motif collectif doit être sur place")
        if self.for_secretariat and self.follow_up:
            raise InvalidField("for_secretariat", "incompatible avec un motif de suivi")
        if service_is_secretariat:
            raise InvalidField("service_id", "un motif ne peut pas appartenir au Secrétariat")


FROZEN_ONCE_USED = ("collectif", "location_type")


def check_used_motif_change(before: Motif, after: Motif) -> None:
    """Reference §1.7: collectif and location_type are frozen once any RDV uses the motif."""
    for name in FROZEN_ONCE_USED:
        if getattr(before, name) != getattr(after, name):
            raise InvalidField(name, "ne peut plus changer : des RDV utilisent ce motif")
