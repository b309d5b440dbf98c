"""French public holidays from the `holidays` package, per subdivision and year, computed once."""

from datetime import date

import holidays


class FrenchHolidays:
    def __init__(self) -> None:
        self._years: dict[tuple[str | None, int], frozenset[date]] = {}

    def is_holiday(self, subdivision: str | None, day: date) -> bool:
        key = (subdivision, day.year)
        days = self._years.get(key)
        if days is None:
            days = frozenset(holidays.country_holidays("FR", subdiv=subdivision, years=day.year))
            self._years[key] = days
        return day in days
