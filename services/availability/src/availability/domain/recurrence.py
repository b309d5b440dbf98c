"""Recurrence of plages and absences, stored as an RFC 5545 RRULE (product decisions, "Plages").

Weekly every N weeks on chosen weekdays, or monthly on the nth weekday of `first_day` (reference §1.8:
nth = (day of month − 1) // 7 + 1), with an optional inclusive end date.
"""

from dataclasses import dataclass
from datetime import date
from typing import Literal

from availability.domain.errors import InvalidPlage

Frequency = Literal["week", "month"]
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Recurrence:
    every: Frequency
    interval: int = 1
    on: tuple[str, ...] = ()
    until: date | None = None

    def check(self, first_day: date) -> None:
        if self.interval < 1:
            raise InvalidPlage("recurrence.interval", "doit être supérieur ou égal à 1")
        if any(day not in WEEKDAYS for day in self.on):
            raise InvalidPlage("recurrence.on", "jour de la semaine inconnu")
        if self.until is not None and self.until <= first_day:
            raise InvalidPlage("recurrence.until", "doit être postérieure au premier jour")

    def to_rrule(self, first_day: date) -> str:
        parts = [f"FREQ={'WEEKLY' if self.every == 'week' else 'MONTHLY'}", f"INTERVAL={self.interval}"]
        if self.every == "week":
            days = self.on or (WEEKDAYS[first_day.weekday()],)
            parts.append("BYDAY=" + ",".join(_ICAL_DAYS[WEEKDAYS.index(d)] for d in _ordered(days)))
        else:
            nth = (first_day.day - 1) // 7 + 1
            parts.append(f"BYDAY={nth}{_ICAL_DAYS[first_day.weekday()]}")
        if self.until is not None:
            # Floating UNTIL at 00:00 of the end date, like the reference: occurrences start at 00:00
            # in the expansion, so the end date itself is included.
            parts.append(f"UNTIL={self.until:%Y%m%d}T000000")
        return ";".join(parts)

    @classmethod
    def from_rrule(cls, rule: str) -> "Recurrence":
        fields = dict(part.split("=", 1) for part in rule.split(";") if "=" in part)
        until = fields.get("UNTIL")
        byday = [day.lstrip("-0123456789") for day in fields.get("BYDAY", "").split(",") if day]
        every: Frequency = "week" if fields.get("FREQ") == "WEEKLY" else "month"
        return cls(
            every=every,
            interval=int(fields.get("INTERVAL", "1")),
            on=tuple(WEEKDAYS[_ICAL_DAYS.index(d)] for d in byday) if every == "week" else (),
            until=date(int(until[:4]), int(until[4:6]), int(until[6:8])) if until else None,
        )


def _ordered(days: tuple[str, ...]) -> list[str]:
    return sorted(set(days), key=WEEKDAYS.index)
