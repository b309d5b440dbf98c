"""Request bodies. Unknown fields are refused so that a typo is a 422, not a silent no-op."""

from pydantic import BaseModel, ConfigDict, Field
from rdv_chassis.web.instants import CalendarInstant
from rdv_contracts.booking import Beneficiary, Prescripteur, RdvStatus, SingleUseLieu


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RdvCreation(Body):
    motif_id: int
    starts_at: CalendarInstant
    agent_ids: list[int] = Field(min_length=1)
    user_ids: list[int] = Field(default_factory=list)
    duration_in_min: int | None = Field(default=None, gt=0, le=24 * 60)
    lieu_id: int | None = None
    single_use_lieu: SingleUseLieu | None = None
    context: str | None = Field(default=None, max_length=10_000)
    name: str | None = Field(default=None, max_length=255)
    max_participants_count: int | None = Field(default=None, gt=0)
    force: bool = Field(default=False, description="Confirm an overlap with another RDV of the same agent")


class RdvChange(Body):
    starts_at: CalendarInstant | None = None
    duration_in_min: int | None = Field(default=None, gt=0, le=24 * 60)
    lieu_id: int | None = None
    single_use_lieu: SingleUseLieu | None = None
    agent_ids: list[int] | None = Field(default=None, min_length=1)
    user_ids: list[int] | None = None
    context: str | None = Field(default=None, max_length=10_000)
    max_participants_count: int | None = Field(default=None, gt=0)
    force: bool = False


class StatusChange(Body):
    status: RdvStatus
    force: bool = False


class ParticipationChange(Body):
    status: RdvStatus


class UsagerBooking(Body):
    motif_id: int
    lieu_id: int | None = None
    starts_at: CalendarInstant
    for_user_id: int | None = Field(default=None, description="Yourself (default) or one of your relatives")


class PrescripteurBooking(Body):
    motif_id: int
    lieu_id: int | None = None
    starts_at: CalendarInstant
    prescripteur: Prescripteur
    beneficiary: Beneficiary


class Move(Body):
    starts_at: CalendarInstant


class Join(Body):
    for_user_id: int | None = None


class LinkAnswer(Body):
    letters: str = Field(min_length=1, max_length=10, description="The first 3 letters of the last name")
