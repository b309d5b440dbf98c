"""Local copies of what directory publishes, as far as notifications need them."""

from dataclasses import dataclass

from rdv_contracts.directory import (
    LocationType,
    NotificationLevel,
    RdvNotificationLevel,
    VisibilityType,
)

DEFAULT_TIME_ZONE = "Europe/Paris"


@dataclass(frozen=True)
class TerritoryCopy:
    id: int
    name: str
    departement_number: str
    time_zone: str = DEFAULT_TIME_ZONE
    holiday_subdivision: str | None = None
    sms_provider: str | None = None


@dataclass(frozen=True)
class OrganisationCopy:
    id: int
    territory_id: int
    name: str
    phone_number: str | None = None
    email: str | None = None
    website: str | None = None
    verticale: str = "rdv_solidarites"


@dataclass(frozen=True)
class ServiceCopy:
    id: int
    name: str
    short_name: str


@dataclass(frozen=True)
class MotifCopy:
    id: int
    organisation_id: int
    service_id: int
    name: str
    location_type: LocationType = LocationType.PUBLIC_OFFICE
    visibility_type: VisibilityType = VisibilityType.VISIBLE_AND_NOTIFIED
    instruction_for_rdv: str | None = None

    @property
    def notifies_usagers(self) -> bool:
        """Seeds (annulation-rdv-2020): only "visible et notifié" motifs notify usagers."""
        return self.visibility_type == VisibilityType.VISIBLE_AND_NOTIFIED


@dataclass(frozen=True)
class LieuCopy:
    id: int
    organisation_id: int
    name: str
    address: str
    phone_number: str | None = None


@dataclass(frozen=True)
class UserCopy:
    id: int
    first_name: str
    last_name: str
    email: str | None = None
    mobile_phone: str | None = None
    notify_by_email: bool = True
    notify_by_sms: bool = True
    responsible_id: int | None = None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class BeneficiaryContact:
    """Someone a prescripteur booked for, without an usager account: the contact data given with the
    RDV, and no notification preferences (giving a contact is consenting to be told)."""

    first_name: str
    last_name: str
    email: str | None = None
    mobile_phone: str | None = None
    """E.164, only when it is a mobile number."""

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class AgentCopy:
    id: int
    email: str | None
    last_name: str
    first_name: str | None = None
    rdv_notifications_level: RdvNotificationLevel = RdvNotificationLevel.OTHERS
    plage_ouverture_notification_level: NotificationLevel = NotificationLevel.ALL
    absence_notification_level: NotificationLevel = NotificationLevel.ALL

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}" if self.first_name else self.last_name
