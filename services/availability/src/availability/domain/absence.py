"""An absence (indisponibilité) as agents edit it (reference §1.9): per agent, blocks them everywhere."""

from dataclasses import dataclass, replace
from datetime import date, datetime, time

from availability.domain.errors import InvalidPlage
from availability.domain.plage import check_dates
from availability.domain.recurrence import Recurrence


@dataclass(frozen=True)
class AbsenceFields:
    agent_id: int
    title: str
    first_day: date
    start_time: time
    end_day: date
    end_time: time
    recurrence: Recurrence | None = None

    def check(self, today: date) -> None:
        if not self.title.strip():
            raise InvalidPlage("title", "doit être rempli(e)")
        check_dates(self.first_day, self.start_time, self.end_time, today, self.end_day)
        if self.end_day < self.first_day:
            raise InvalidPlage("end_day", "doit être après le premier jour")
        if self.recurrence is not None:
            if self.end_day != self.first_day:
                raise InvalidPlage("recurrence", "une absence de plusieurs jours ne peut pas se répéter")
            self.recurrence.check(self.first_day)


@dataclass(frozen=True)
class AbsenceRecord:
    fields: AbsenceFields
    time_zone: str
    ical_uid: str
    created_at: datetime
    updated_at: datetime
    version: int = 1
    id: int = 0

    @property
    def rrule(self) -> str | None:
        recurrence = self.fields.recurrence
        return recurrence.to_rrule(self.fields.first_day) if recurrence else None

    def changed(self, fields: AbsenceFields, now: datetime) -> "AbsenceRecord":
        return replace(self, fields=fields, updated_at=now, version=self.version + 1)
