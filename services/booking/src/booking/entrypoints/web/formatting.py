"""French dates and times for the pages (babel), in the organisation's time zone."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime

LOCALE = "fr_FR"


def day_label(day: date) -> str:
    return format_date(day, "EEEE d MMMM", locale=LOCALE)


def long_datetime(moment: datetime, time_zone: str = "Europe/Paris") -> str:
    """ "lundi 23 novembre 2026 à 10h00", the reference's wording."""
    local = moment.astimezone(ZoneInfo(time_zone))
    return format_datetime(local, "EEEE d MMMM y 'à' HH'h'mm", locale=LOCALE)


def time_label(moment: datetime) -> str:
    return f"{moment:%H}h{moment:%M}"
