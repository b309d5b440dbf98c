"""RRULE expansion with python-dateutil.

Expanding from a plage's first day every time costs O(occurrences since then): a plage opened years
ago would take milliseconds per call. The rule is restarted at a later period boundary instead
(whole multiples of INTERVAL weeks or months), which yields the same occurrences from there on.
"""

from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from dateutil.rrule import rrulestr


def expand_days(rrule: str, first_day: date, start: date, end: date) -> list[date]:
    if end < start:
        return []
    rule = rrulestr(rrule, dtstart=datetime.combine(_restart(rrule, first_day, start), datetime.min.time()))
    return [
        moment.date()
        for moment in rule.between(
            datetime.combine(start, datetime.min.time()), datetime.combine(end, datetime.min.time()), inc=True
        )
        if moment.date() >= first_day
    ]


def _restart(rrule: str, first_day: date, start: date) -> date:
    fields = dict(part.split("=", 1) for part in rrule.upper().split(";") if "=" in part)
    if start <= first_day or "BYDAY" not in fields:
        return first_day
    interval = int(fields.get("INTERVAL", "1"))
    if fields.get("FREQ") == "WEEKLY":
        period = 7 * interval
        periods = (start - first_day).days // period
        # BYDAY days of a week come after its Monday (WKST): restart on a period's first Monday.
        monday = first_day - timedelta(days=first_day.weekday())
        return max(first_day, monday + timedelta(days=periods * period))
    if fields.get("FREQ") == "MONTHLY":
        months = (start.year - first_day.year) * 12 + start.month - first_day.month
        restart = first_day.replace(day=1) + relativedelta(months=(months // interval) * interval)
        return max(first_day, restart)
    return first_day
