"""Sundays and public holidays close a territory's agendas unless it opts in (product decisions, "Slots")."""

from dataclasses import dataclass
from datetime import date
from typing import Protocol

# Subdivisions of France in the `holidays` package: Bas-Rhin and Haut-Rhin share the Alsace calendar,
# the overseas departments and collectivities have their own days.
_SUBDIVISION_OF_DEPARTEMENT = {
    "57": "57",
    "67": "6AE",
    "68": "6AE",
    "971": "971",
    "972": "972",
    "973": "973",
    "974": "974",
    "975": "PM",
    "976": "976",
    "977": "BL",
    "978": "MF",
}


class HolidayCalendar(Protocol):
    def is_holiday(self, subdivision: str | None, day: date) -> bool: ...


def holiday_subdivision(departement_number: str, explicit: str | None = None) -> str | None:
    return explicit or _SUBDIVISION_OF_DEPARTEMENT.get(departement_number)


@dataclass(frozen=True)
class ClosedDays:
    calendar: HolidayCalendar
    subdivision: str | None = None
    open_on_sundays: bool = False
    open_on_holidays: bool = False

    def __call__(self, day: date) -> bool:
        if day.weekday() == 6 and not self.open_on_sundays:
            return True
        return not self.open_on_holidays and self.calendar.is_holiday(self.subdivision, day)
