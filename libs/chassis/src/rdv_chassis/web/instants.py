"""An instant a request may name: with its offset, and within the years a calendar computation holds.

Year 1 or 9999 pass the ISO format but overflow once shifted to a time zone or a week's bounds; no
appointment is that far, so they are refused as bad input (422 on the field) rather than a 500."""

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime

EARLIEST_YEAR, LATEST_YEAR = 1970, 2999


def _within_calendar_years(value: datetime) -> datetime:
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValueError(f"l'année doit être comprise entre {EARLIEST_YEAR} et {LATEST_YEAR}")
    return value


CalendarInstant = Annotated[AwareDatetime, AfterValidator(_within_calendar_years)]
