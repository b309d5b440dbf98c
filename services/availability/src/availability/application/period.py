"""Search periods: explicit, non-empty, at most 31 days per request, within years a calendar holds."""

from datetime import date

from availability.domain.errors import InvalidPeriod

MAX_DAYS = 31
# Instants are computed in Unix time and a day past the end: far dates would overflow, none is useful.
EARLIEST, LATEST = date(1970, 1, 2), date(2999, 12, 31)


def check_period(first_day: date, last_day: date) -> None:
    if not EARLIEST <= first_day <= LATEST:
        raise InvalidPeriod("from", f"doit être comprise entre {EARLIEST:%d/%m/%Y} et {LATEST:%d/%m/%Y}")
    if not EARLIEST <= last_day <= LATEST:
        raise InvalidPeriod("to", f"doit être comprise entre {EARLIEST:%d/%m/%Y} et {LATEST:%d/%m/%Y}")
    if last_day < first_day:
        raise InvalidPeriod("to", "doit être postérieure ou égale à la date de début")
    if (last_day - first_day).days + 1 > MAX_DAYS:
        raise InvalidPeriod("to", f"la période ne peut pas dépasser {MAX_DAYS} jours")
