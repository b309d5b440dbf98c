"""Territories (espaces), organisations and services."""

import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from rdv_contracts.directory import SmsProvider, Verticale

from directory.domain.contact import normalise_email, normalise_phone
from directory.domain.errors import InvalidField

_DEPARTEMENT = re.compile(r"^(\d{2,3}|2A|2B|CN)$")
SECRETARIAT_NAME = "Secrétariat"
_SHORT_NUMBER = re.compile(r"^\d{4}$")


@dataclass
class Territory:
    name: str
    departement_number: str
    id: int = 0  # 0 until stored
    phone_number: str | None = None
    time_zone: str = "Europe/Paris"
    holiday_subdivision: str | None = None
    open_on_sundays: bool = False
    open_on_holidays: bool = False
    sms_provider: SmsProvider | None = None
    visible_users_throughout_the_territory: bool = False
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
    version: int = 1

    def validate(self) -> None:
        require_text("name", self.name)
        if not _DEPARTEMENT.match(self.departement_number):
            raise InvalidField("departement_number", "numéro de département invalide (ex. 62, 971, 2A)")
        try:
            ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise InvalidField("time_zone", "fuseau horaire IANA inconnu") from None
        if self.phone_number:
            self.phone_number = normalise_phone(self.phone_number, "phone_number").national


@dataclass
class Organisation:
    territory_id: int
    name: str
    id: int = 0  # 0 until stored
    external_id: str | None = None
    phone_number: str | None = None
    email: str | None = None
    website: str | None = None
    horaires: str | None = None
    verticale: Verticale = Verticale.RDV_SOLIDARITES
    version: int = 1

    def validate(self) -> None:
        require_text("name", self.name)
        if self.phone_number and not _SHORT_NUMBER.match(self.phone_number):
            self.phone_number = normalise_phone(self.phone_number, "phone_number").national
        if self.email:
            self.email = normalise_email(self.email, "email")
        if self.website and not self.website.startswith(("http://", "https://")):
            raise InvalidField("website", "doit commencer par http:// ou https://")


@dataclass
class Service:
    name: str
    short_name: str
    id: int = 0  # 0 until stored
    is_secretariat: bool = False
    version: int = 1

    def validate(self) -> None:
        require_text("name", self.name)
        require_text("short_name", self.short_name)
        self.is_secretariat = self.name.strip().casefold() == SECRETARIAT_NAME.casefold()


@dataclass
class TerritoryServices:
    territory_id: int
    service_ids: list[int] = field(default_factory=list)


def require_text(name: str, value: str | None) -> None:
    if value is None or not value.strip():
        raise InvalidField(name, "doit être rempli(e)")
