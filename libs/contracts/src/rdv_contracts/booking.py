"""Events published by the booking service: the RDV lifecycle."""

from enum import StrEnum
from typing import Self
from uuid import UUID

from pydantic import Field, NonNegativeInt, PositiveInt, model_validator

from rdv_contracts.base import Contract, UtcDatetime


class RdvStatus(StrEnum):
    UNKNOWN = "unknown"
    WAITING = "waiting"
    SEEN = "seen"
    EXCUSED = "excused"
    REVOKED = "revoked"
    NOSHOW = "noshow"

    @property
    def is_cancelled(self) -> bool:
        return self in (RdvStatus.EXCUSED, RdvStatus.REVOKED)


class CreatorType(StrEnum):
    AGENT = "agent"
    USER = "user"
    PRESCRIPTEUR = "prescripteur"


class ActorType(StrEnum):
    AGENT = "agent"
    USER = "user"
    PRESCRIPTEUR = "prescripteur"
    SYSTEM = "system"


class Actor(Contract):
    """Who caused the event; `id` is null for the system."""

    type: ActorType
    id: int | None = None


class Beneficiary(Contract):
    """A person booked by a prescripteur without an usager account: their contact data travels here."""

    first_name: str
    last_name: str
    phone_number: str | None = None
    email: str | None = None


class Participation(Contract):
    """One usager in an RDV: an account (`user_id`) or, for prescripteur bookings, a `beneficiary`."""

    id: int
    user_id: int | None = Field(description="Null when the participant is a beneficiary without an account")
    beneficiary: Beneficiary | None = None
    status: RdvStatus
    send_lifecycle_notifications: bool
    send_reminder_notification: bool
    created_by_type: CreatorType
    created_by_id: int | None
    created_by_agent_prescripteur: bool = Field(
        default=False, description="Booked by an agent of another organisation, acting as prescripteur"
    )

    @model_validator(mode="after")
    def _an_account_or_a_beneficiary(self) -> Self:
        if (self.user_id is None) == (self.beneficiary is None):
            raise ValueError("a participation has a user_id or a beneficiary, exactly one")
        return self


class Prescripteur(Contract):
    """External person who booked on behalf of the usager, without an account."""

    first_name: str
    last_name: str
    email: str
    phone_number: str | None = None


class SingleUseLieu(Contract):
    """A lieu ponctuel, created inline for this RDV only."""

    name: str
    address: str
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    phone_number: str | None = None


class RdvSnapshot(Contract):
    """Full state of an RDV after the change the event reports."""

    id: int
    uuid: UUID = Field(description="Stable forever: ICS UID and visio URL")
    organisation_id: int
    motif_id: int
    lieu_id: int | None = None
    single_use_lieu: SingleUseLieu | None = None
    starts_at: UtcDatetime
    ends_at: UtcDatetime
    duration_in_min: PositiveInt
    status: RdvStatus
    cancelled_at: UtcDatetime | None = None
    agent_ids: list[int] = Field(min_length=1)
    participations: list[Participation]
    context: str | None = Field(default=None, description="Agent's note")
    name: str | None = Field(default=None, description="Title of a collective RDV")
    collectif: bool = False
    max_participants_count: PositiveInt | None = Field(default=None, description="Null: unlimited")
    users_count: NonNegativeInt = Field(description="Non-cancelled participations")
    created_by: CreatorType
    created_by_id: int | None
    prescripteur: Prescripteur | None = None
    sequence: NonNegativeInt = Field(description="ICS SEQUENCE, increased by every change")
    version: PositiveInt = Field(description="Increased by every change; consumers drop older versions")
    created_at: UtcDatetime
    updated_at: UtcDatetime

    @model_validator(mode="after")
    def _one_lieu_at_most(self) -> Self:
        if self.lieu_id is not None and self.single_use_lieu is not None:
            raise ValueError("an RDV has a lieu_id or a single_use_lieu, not both")
        return self


class RdvEvent(Contract):
    """Base of the RDV lifecycle payloads."""

    rdv: RdvSnapshot
    changes: list[str] = Field(
        default_factory=list, description="Names of the RdvSnapshot fields this event changed"
    )
    actor: Actor


class RdvCreated(RdvEvent):
    """An RDV was booked."""


class RdvUpdated(RdvEvent):
    """An RDV changed other than by its status: time, lieu, agents, participations, context..."""

    previous: RdvSnapshot = Field(description="The RDV before the change")


class RdvStatusChanged(RdvEvent):
    """An RDV's status changed to a non-cancelled one (seen, noshow, waiting, or back to unknown)."""

    previous_status: RdvStatus


class RdvCancelled(RdvEvent):
    """An RDV was cancelled: excused (by the usager) or revoked (by the service). It is kept."""

    previous_status: RdvStatus


class RdvDestroyed(RdvEvent):
    """An RDV was deleted for good (organisation admin, or retention); no usager is notified.
    The snapshot is its last state."""


class RdvLinkLocked(Contract):
    """Too many wrong last-name answers on a participation link: it is locked for a while and the
    usager must be told by e-mail."""

    rdv_id: int
    rdv_uuid: UUID
    participation_id: int
    user_id: int | None = Field(description="Null for a prescripteur's beneficiary without an account")
    beneficiary: Beneficiary | None = Field(default=None, description="Contact data when user_id is null")
    failed_attempts: PositiveInt
    locked_until: UtcDatetime


class ExportType(StrEnum):
    RDV_EXPORT = "rdv_export"
    PARTICIPATIONS_EXPORT = "participations_export"


class ExportCompleted(Contract):
    """An agent's spreadsheet export is ready: its owner may download it until `expires_at`."""

    export_id: int
    agent_id: int = Field(description="The owner, the only one who may download it")
    organisation_id: int
    export_type: ExportType
    file_name: str
    rows_count: NonNegativeInt
    download_path: str = Field(description="Path of the file under the gateway, e.g. /api/v1/exports/12/file")
    expires_at: UtcDatetime
