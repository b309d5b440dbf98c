"""Usagers, their presence in organisations and their referent agents, as published by directory."""

from datetime import date
from enum import StrEnum

from pydantic import Field, NonNegativeInt, PositiveInt

from rdv_contracts.base import Contract, EntityDeleted, UtcDatetime


class CaisseAffiliation(StrEnum):
    AUCUNE = "aucune"
    CAF = "caf"
    MSA = "msa"


class FamilySituation(StrEnum):
    SINGLE = "single"
    IN_A_RELATIONSHIP = "in_a_relationship"
    DIVORCED = "divorced"


class Logement(StrEnum):
    SDF = "sdf"
    HEBERGE = "heberge"
    EN_ACCESSION_PROPRIETE = "en_accession_propriete"
    PROPRIETAIRE = "proprietaire"
    AUTRE = "autre"
    LOCATAIRE = "locataire"


class CreatedThrough(StrEnum):
    UNKNOWN = "unknown"
    AGENT_CREATION = "agent_creation"
    USER_SIGN_UP = "user_sign_up"
    FRANCECONNECT_SIGN_UP = "franceconnect_sign_up"
    USER_RELATIVE_CREATION = "user_relative_creation"
    AGENT_CREATION_API = "agent_creation_api"
    PRESCRIPTEUR = "prescripteur"


class InvitedThrough(StrEnum):
    DEVISE_EMAIL = "devise_email"
    EXTERNAL = "external"


class User(Contract):
    """Full state of an usager. A relative (proche) has a `responsible_id`; their notifications go
    to the responsible. Tokens and FranceConnect identifiers never travel in events."""

    id: int
    first_name: str
    last_name: str
    birth_name: str | None = None
    birth_date: date | None = None
    email: str | None = None
    phone_number: str | None = None
    phone_number_formatted: str | None = Field(default=None, description="E.164")
    address: str | None = None
    address_details: str | None = None
    post_code: str | None = None
    city_code: str | None = Field(default=None, description="INSEE code")
    city_name: str | None = None
    caisse_affiliation: CaisseAffiliation | None = None
    affiliation_number: str | None = None
    family_situation: FamilySituation | None = None
    number_of_children: NonNegativeInt | None = None
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
    deleted_at: UtcDatetime | None = Field(default=None, description="Soft deletion")
    anonymised_at: UtcDatetime | None = Field(
        default=None, description="Set once the user's personal data was erased (names, contacts, notes)"
    )
    version: PositiveInt = Field(
        default=1, description="Increased by every change; consumers drop older versions"
    )


class UserCreated(User):
    """An usager was created; the payload is their full state."""


class UserUpdated(User):
    """An usager changed (including soft deletion and anonymisation); the payload is their full state."""


class UserDeleted(EntityDeleted):
    """An usager was removed for good."""


class UserMerged(Contract):
    """Two records of the same person were merged: `merged_user_id` is gone, its RDVs, profiles and
    relatives now belong to `user_id`. A `user.deleted` event for the merged user follows."""

    user_id: int = Field(description="The user that was kept")
    merged_user_id: int = Field(description="The user that was merged into the kept one")


class UserProfile(Contract):
    """The usager belongs to the organisation (unique per user and organisation)."""

    id: int
    user_id: int
    organisation_id: int


class UserProfileCreated(UserProfile):
    """An usager was added to an organisation."""


class UserProfileDeleted(EntityDeleted):
    """An usager was removed from an organisation."""

    user_id: int
    organisation_id: int


class ReferentAssignation(Contract):
    """The agent is a referent ("agent référent") of the usager; required for follow-up motifs."""

    id: int
    user_id: int
    agent_id: int


class ReferentAssignationCreated(ReferentAssignation):
    """An agent became a referent of an usager."""


class ReferentAssignationDeleted(EntityDeleted):
    """An agent is no longer a referent of an usager."""

    user_id: int
    agent_id: int
