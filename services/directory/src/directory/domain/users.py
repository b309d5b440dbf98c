"""Usagers (users): identity, contacts, relatives, anonymisation (reference §1.5)."""

import re
from dataclasses import dataclass, fields
from datetime import date, datetime

from rdv_contracts.directory import (
    CaisseAffiliation,
    CreatedThrough,
    FamilySituation,
    InvitedThrough,
    Logement,
)

from directory.domain.contact import normalise_email, normalise_phone
from directory.domain.errors import InvalidField
from directory.domain.territories import require_text

MAX_AGE_YEARS = 130
_CITY_CODE = re.compile(r"^(\d{5}|2[AB]\d{3})$")
_POST_CODE = re.compile(r"^\d{5}$")

# Shown only when the territory enables them (reference §1.5, "Social fields").
SOCIAL_FIELDS = {
    "notes": "enable_notes_field",
    "caisse_affiliation": "enable_caisse_affiliation_field",
    "affiliation_number": "enable_affiliation_number_field",
    "family_situation": "enable_family_situation_field",
    "number_of_children": "enable_number_of_children_field",
    "logement": "enable_logement_field",
    "case_number": "enable_case_number",
    "address_details": "enable_address_details",
}


@dataclass
class User:
    first_name: str
    last_name: str
    id: int = 0  # 0 until stored
    birth_name: str | None = None
    birth_date: date | None = None
    email: str | None = None
    phone_number: str | None = None
    phone_number_formatted: str | None = None
    address: str | None = None
    address_details: str | None = None
    post_code: str | None = None
    city_code: str | None = None
    city_name: str | None = None
    caisse_affiliation: CaisseAffiliation | None = None
    affiliation_number: str | None = None
    family_situation: FamilySituation | None = None
    number_of_children: int | None = None
    logement: Logement | None = None
    notes: str | None = None
    case_number: str | None = None
    responsible_id: int | None = None
    notify_by_sms: bool = True
    notify_by_email: bool = True
    created_through: CreatedThrough = CreatedThrough.UNKNOWN
    invited_through: InvitedThrough | None = None
    logged_once_with_franceconnect: bool = False
    ants_pre_demande_number: str | None = None
    deleted_at: datetime | None = None
    anonymised_at: datetime | None = None
    version: int = 1

    def validate(self, today: date) -> None:
        require_text("first_name", self.first_name)
        require_text("last_name", self.last_name)
        self.first_name, self.last_name = self.first_name.strip(), self.last_name.strip()
        if self.birth_date is not None:
            if self.birth_date > today:
                raise InvalidField("birth_date", "ne peut pas être dans le futur")
            if self.birth_date < today.replace(year=today.year - MAX_AGE_YEARS):
                raise InvalidField("birth_date", f"ne peut pas dater de plus de {MAX_AGE_YEARS} ans")
        self.email = normalise_email(self.email) if self.email else None
        self._validate_phone()
        if self.city_code and not _CITY_CODE.match(self.city_code):
            raise InvalidField("city_code", "code INSEE invalide")
        if self.post_code and not _POST_CODE.match(self.post_code):
            raise InvalidField("post_code", "code postal invalide")
        if self.number_of_children is not None and self.number_of_children < 0:
            raise InvalidField("number_of_children", "doit être positif")
        if self.ants_pre_demande_number:
            self.ants_pre_demande_number = self.ants_pre_demande_number.strip().upper()
        if self.id and self.responsible_id == self.id:
            raise InvalidField("responsible_id", "un usager ne peut pas être son propre responsable")

    def _validate_phone(self) -> None:
        if not self.phone_number:
            self.phone_number = self.phone_number_formatted = None
            return
        phone = normalise_phone(self.phone_number)
        self.phone_number, self.phone_number_formatted = phone.national, phone.e164

    @property
    def is_reachable_by_sms(self) -> bool:
        return bool(self.phone_number) and self.notify_by_sms

    def anonymise(self, now: datetime) -> None:
        """Reference §1.5: removing the last profile erases the person, keeping the record's id."""
        keep = {"id", "created_through", "invited_through", "version", "responsible_id"}
        blank = User(first_name="Usager supprimé", last_name="Usager supprimé")
        for f in fields(self):
            if f.name not in keep:
                setattr(self, f.name, getattr(blank, f.name))
        self.email = None
        self.notify_by_email = self.notify_by_sms = False
        self.anonymised_at = now


def check_social_fields(values: dict[str, object], enabled: dict[str, bool]) -> None:
    for name, toggle in SOCIAL_FIELDS.items():
        if values.get(name) is not None and not enabled.get(toggle, False):
            raise InvalidField(name, "ce champ n'est pas activé dans cet espace")


def check_no_cycle(user_id: int, responsible_id: int | None, chain: list[int]) -> None:
    """`chain`: the responsible's own responsibles, nearest first; a relative cannot have relatives."""
    if responsible_id is None:
        return
    if user_id and (responsible_id == user_id or user_id in chain):
        raise InvalidField("responsible_id", "un usager ne peut pas être le responsable de son responsable")
    if chain:
        raise InvalidField("responsible_id", "le responsable est lui-même un proche")


MERGEABLE_FIELDS = tuple(
    f.name
    for f in fields(User)
    if f.name not in {"id", "version", "deleted_at", "anonymised_at", "created_through", "responsible_id"}
)


def merge(kept: User, merged: User, take_from_merged: set[str]) -> User:
    """The kept user with the chosen fields of the merged one (seeds: "Fusionner deux usagers")."""
    unknown = take_from_merged - set(MERGEABLE_FIELDS)
    if unknown:
        raise InvalidField("fields", f"champs inconnus : {', '.join(sorted(unknown))}")
    values = {name: getattr(merged, name) for name in take_from_merged}
    for name in MERGEABLE_FIELDS:
        if getattr(kept, name) in (None, "") and name not in take_from_merged:
            values[name] = getattr(merged, name)
    result = User(**{**{f.name: getattr(kept, f.name) for f in fields(User)}, **values})
    return result
