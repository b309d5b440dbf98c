"""Public holidays of a territory, from the `holidays` package with its French subdivisions."""

from datetime import date
from functools import lru_cache

import holidays

from notifications.domain.copies import TerritoryCopy
from notifications.domain.reminder_rule import IsHoliday

# Product decisions: Moselle, Bas-Rhin and Haut-Rhin follow the Alsace-Moselle calendar; the overseas
# departments have their own days.
_BY_DEPARTEMENT = {
    "57": "57",
    "67": "6AE",
    "68": "6AE",
    **{d: d for d in ("971", "972", "973", "974", "976")},
}


def subdivision_of(territory: TerritoryCopy | None) -> str | None:
    if territory is None:
        return None
    return territory.holiday_subdivision or _BY_DEPARTEMENT.get(territory.departement_number)


@lru_cache(maxsize=32)
def _calendar(subdivision: str | None) -> holidays.HolidayBase:
    return holidays.country_holidays("FR", subdiv=subdivision)


class HolidayCalendar:
    def for_territory(self, territory: TerritoryCopy | None) -> IsHoliday:
        calendar = _calendar(subdivision_of(territory))

        def is_holiday(day: date) -> bool:
            return day in calendar

        return is_holiday
