"""Search periods: explicit, non-empty, and at most 31 days per request."""

from datetime import date

from availability.domain.errors import InvalidPeriod

MAX_DAYS = 31


def check_period(first_day: date, last_day: date) -> None:
    if last_day < first_day:
        raise InvalidPeriod("to", "doit être postérieure ou égale à la date de début")
    if (last_day - first_day).days + 1 > MAX_DAYS:
        raise InvalidPeriod("to", f"la période ne peut pas dépasser {MAX_DAYS} jours")
