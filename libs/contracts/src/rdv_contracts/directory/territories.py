"""Territories (espaces), organisations and services, as published by directory."""

from enum import StrEnum

from pydantic import Field, PositiveInt

from rdv_contracts.base import Contract, EntityDeleted, IanaTimeZone


class SmsProvider(StrEnum):
    NETSIZE = "netsize"
    SEND_IN_BLUE = "send_in_blue"
    CONTACT_EXPERIENCE = "contact_experience"
    SFR_MAIL2SMS = "sfr_mail2sms"
    CLEVER_TECHNOLOGIES = "clever_technologies"
    ORANGE_CONTACT_EVERYONE = "orange_contact_everyone"


class Verticale(StrEnum):
    """Decides the white-label domain (name, SMS sender, e-mail addresses) of an organisation."""

    RDV_INSERTION = "rdv_insertion"
    RDV_SOLIDARITES = "rdv_solidarites"
    RDV_AIDE_NUMERIQUE = "rdv_aide_numerique"
    RDV_MAIRIE = "rdv_mairie"


class Territory(Contract):
    """Full state of a territory (espace, usually a département)."""

    id: int
    name: str
    departement_number: str = Field(max_length=3, description='e.g. "62", "971", or "CN"')
    phone_number: str | None = None
    time_zone: IanaTimeZone = "Europe/Paris"
    holiday_subdivision: str | None = Field(
        default=None, description="Subdivision of France in the holidays package (Alsace-Moselle, overseas)"
    )
    open_on_sundays: bool = False
    open_on_holidays: bool = False
    sms_provider: SmsProvider | None = Field(
        default=None, description="The territory's own SMS provider; credentials never travel in events"
    )
    visible_users_throughout_the_territory: bool = False
    service_ids: list[int] = Field(default_factory=list, description="Services enabled in the territory")
    enable_notes_field: bool = False
    enable_caisse_affiliation_field: bool = False
    enable_affiliation_number_field: bool = False
    enable_family_situation_field: bool = False
    enable_number_of_children_field: bool = False
    enable_logement_field: bool = False
    enable_case_number: bool = False
    enable_address_details: bool = False
    enable_context_field: bool = False
    enable_waiting_room_mail_field: bool = False
    enable_waiting_room_color_field: bool = False
    version: PositiveInt = Field(
        default=1, description="Increased by every change; consumers drop older versions"
    )


class TerritoryCreated(Territory):
    """A territory was created; the payload is its full state."""


class TerritoryUpdated(Territory):
    """A territory changed; the payload is its full new state."""


class TerritoryDeleted(EntityDeleted):
    """A territory was deleted."""


class Organisation(Contract):
    """Full state of an organisation."""

    id: int
    territory_id: int
    name: str
    external_id: str | None = None
    phone_number: str | None = None
    email: str | None = None
    website: str | None = None
    horaires: str | None = Field(default=None, description="Opening hours, free text")
    verticale: Verticale = Verticale.RDV_SOLIDARITES
    version: PositiveInt = Field(
        default=1, description="Increased by every change; consumers drop older versions"
    )


class OrganisationCreated(Organisation):
    """An organisation was created; the payload is its full state."""


class OrganisationUpdated(Organisation):
    """An organisation changed; the payload is its full new state."""


class OrganisationDeleted(EntityDeleted):
    """An organisation was deleted."""


class Service(Contract):
    """Full state of a service (PMI, Service social, Secrétariat...)."""

    id: int
    name: str
    short_name: str
    is_secretariat: bool = Field(
        default=False, description="Members of the Secrétariat service book for the whole organisation"
    )
    version: PositiveInt = Field(
        default=1, description="Increased by every change; consumers drop older versions"
    )


class ServiceCreated(Service):
    """A service was created; the payload is its full state."""


class ServiceUpdated(Service):
    """A service changed; the payload is its full new state."""


class ServiceDeleted(EntityDeleted):
    """A service was deleted."""
