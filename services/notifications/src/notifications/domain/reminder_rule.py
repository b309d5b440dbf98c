"""When an usager is reminded of an RDV.

Product decisions, "Notifications": 48 hours before, where Sundays and the territory's public holidays
do not count (Monday 10:00 is reminded on Friday 10:00, Tuesday 10:00 on Saturday 10:00). Hours are
counted on the territory's wall clock, so a reminder keeps the RDV's time of day across DST changes.
"""

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

REMINDER_LEAD = timedelta(hours=48)
SUNDAY = 6

IsHoliday = Callable[[date], bool]


def counts(day: date, is_holiday: IsHoliday) -> bool:
    return day.weekday() != SUNDAY and not is_holiday(day)


def reminder_due_at(starts_at: datetime, time_zone: str, is_holiday: IsHoliday) -> datetime:
    zone = ZoneInfo(time_zone)
    cursor = starts_at.astimezone(zone).replace(tzinfo=None)
    remaining = REMINDER_LEAD
    while True:
        day_start = datetime.combine(cursor.date(), time())
        if day_start == cursor:
            day_start -= timedelta(days=1)
        if counts(day_start.date(), is_holiday):
            available = cursor - day_start
            if available >= remaining:
                return (cursor - remaining).replace(tzinfo=zone).astimezone(UTC)
            remaining -= available
        cursor = day_start
