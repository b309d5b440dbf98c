"""Request and response bodies of the plage and absence endpoints (API v1 field names)."""

from datetime import date, datetime, time
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema, field_validator

from availability.domain.absence import AbsenceFields, AbsenceRecord
from availability.domain.plage import PlageFields, PlageRecord, Warning
from availability.domain.recurrence import WEEKDAYS, Recurrence


def _without_offset(value: time) -> time:
    if value.tzinfo is not None:
        raise ValueError("heure locale attendue, sans décalage horaire")
    return value


def _present(value: Any) -> Any:
    if value is None:
        raise ValueError("ne peut pas être vide")
    return value


WALL_CLOCK = r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$"
# JSON Schema's "time" format is RFC 3339's, with an offset; these are wall-clock times of the territory.
LocalTime = Annotated[
    time,
    AfterValidator(_without_offset),
    WithJsonSchema({"type": "string", "pattern": WALL_CLOCK, "examples": ["09:00:00"]}),
]

Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


class RecurrenceBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    every: Literal["week", "month"]
    interval: int = Field(default=1, ge=1, le=52)
    on: list[Weekday] = Field(default_factory=list, description="Weekly: weekdays; empty = first day's")
    until: date | None = Field(default=None, description="Inclusive end date; null: no end")

    def to_domain(self) -> Recurrence:
        return Recurrence(self.every, self.interval, tuple(self.on), self.until)

    @classmethod
    def of(cls, recurrence: Recurrence | None) -> "RecurrenceBody | None":
        if recurrence is None:
            return None
        on = [day for day in recurrence.on if day in WEEKDAYS]
        return cls(every=recurrence.every, interval=recurrence.interval, on=on, until=recurrence.until)


class PlageBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    agent_id: int
    organisation_id: int
    title: str = Field(min_length=1, max_length=200)
    first_day: date
    start_time: LocalTime
    end_time: LocalTime
    motif_ids: list[int] = Field(min_length=1)
    lieu_id: int | None = None
    recurrence: RecurrenceBody | None = None

    def to_domain(self) -> PlageFields:
        return PlageFields(
            agent_id=self.agent_id,
            organisation_id=self.organisation_id,
            title=self.title,
            first_day=self.first_day,
            start_time=self.start_time,
            end_time=self.end_time,
            motif_ids=tuple(self.motif_ids),
            lieu_id=self.lieu_id,
            recurrence=self.recurrence.to_domain() if self.recurrence else None,
        )


class PlagePatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(default=None, min_length=1, max_length=200)
    first_day: date | None = None
    start_time: LocalTime | None = None
    end_time: LocalTime | None = None
    motif_ids: list[int] | None = Field(default=None, min_length=1)
    lieu_id: int | None = None
    recurrence: RecurrenceBody | None = None

    _not_null = field_validator("title", "first_day", "start_time", "end_time", "motif_ids", mode="before")(
        _present
    )

    def changes(self) -> dict[str, Any]:
        changes = {name: getattr(self, name) for name in self.model_fields_set}
        if "motif_ids" in changes:
            changes["motif_ids"] = tuple(changes["motif_ids"])
        if "recurrence" in changes:
            changes["recurrence"] = self.recurrence.to_domain() if self.recurrence else None
        return changes


class WarningOut(BaseModel):
    code: str
    message: str
    plage_ouverture_ids: list[int] = Field(default_factory=list)

    @classmethod
    def of(cls, warning: Warning) -> "WarningOut":
        return cls(
            code=warning.code, message=warning.message, plage_ouverture_ids=list(warning.plage_ouverture_ids)
        )


class PlageOut(BaseModel):
    id: int
    agent_id: int
    organisation_id: int
    lieu_id: int | None
    motif_ids: list[int]
    title: str
    first_day: date
    start_time: LocalTime
    end_time: LocalTime
    recurrence: RecurrenceBody | None
    rrule: str | None
    time_zone: str
    ical_uid: str
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, record: PlageRecord) -> "PlageOut":
        fields = record.fields
        return cls(
            id=record.id,
            agent_id=fields.agent_id,
            organisation_id=fields.organisation_id,
            lieu_id=fields.lieu_id,
            motif_ids=list(fields.motif_ids),
            title=fields.title,
            first_day=fields.first_day,
            start_time=fields.start_time,
            end_time=fields.end_time,
            recurrence=RecurrenceBody.of(fields.recurrence),
            rrule=record.rrule,
            time_zone=record.time_zone,
            ical_uid=record.ical_uid,
            created_at=record.created_at,
            updated_at=record.updated_at,
        )


class PlageResponse(BaseModel):
    plage_ouverture: PlageOut
    warnings: list[WarningOut] = Field(default_factory=list)


class PlageList(BaseModel):
    plage_ouvertures: list[PlageOut]
    meta: dict[str, int | None]


class AbsenceBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    agent_id: int
    title: str = Field(min_length=1, max_length=200)
    first_day: date
    start_time: LocalTime
    end_day: date | None = Field(default=None, description="Defaults to first_day")
    end_time: LocalTime
    recurrence: RecurrenceBody | None = None

    def to_domain(self) -> AbsenceFields:
        return AbsenceFields(
            agent_id=self.agent_id,
            title=self.title,
            first_day=self.first_day,
            start_time=self.start_time,
            end_day=self.end_day or self.first_day,
            end_time=self.end_time,
            recurrence=self.recurrence.to_domain() if self.recurrence else None,
        )


class AbsencePatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(default=None, min_length=1, max_length=200)
    first_day: date | None = None
    start_time: LocalTime | None = None
    end_day: date | None = None
    end_time: LocalTime | None = None
    recurrence: RecurrenceBody | None = None

    _not_null = field_validator("title", "first_day", "start_time", "end_day", "end_time", mode="before")(
        _present
    )

    def changes(self) -> dict[str, Any]:
        changes = {name: getattr(self, name) for name in self.model_fields_set}
        if "recurrence" in changes:
            changes["recurrence"] = self.recurrence.to_domain() if self.recurrence else None
        return changes


class AbsenceOut(BaseModel):
    id: int
    agent_id: int
    title: str
    first_day: date
    start_time: LocalTime
    end_day: date
    end_time: LocalTime
    recurrence: RecurrenceBody | None
    rrule: str | None
    time_zone: str
    ical_uid: str
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, record: AbsenceRecord) -> "AbsenceOut":
        fields = record.fields
        return cls(
            id=record.id,
            agent_id=fields.agent_id,
            title=fields.title,
            first_day=fields.first_day,
            start_time=fields.start_time,
            end_day=fields.end_day,
            end_time=fields.end_time,
            recurrence=RecurrenceBody.of(fields.recurrence),
            rrule=record.rrule,
            time_zone=record.time_zone,
            ical_uid=record.ical_uid,
            created_at=record.created_at,
            updated_at=record.updated_at,
        )


class OverlappingRdv(BaseModel):
    id: int
    organisation_id: int
    motif_id: int
    starts_at: datetime
    ends_at: datetime


class AbsenceResponse(BaseModel):
    absence: AbsenceOut
    overlapping_rdvs: list[OverlappingRdv] = Field(
        default_factory=list, description="RDVs of the agent it overlaps: they are not cancelled"
    )


class AbsenceList(BaseModel):
    absences: list[AbsenceOut]
    meta: dict[str, int | None]
