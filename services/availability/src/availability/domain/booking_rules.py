"""Who may book a motif and which part of the calendar they see (reference §2.3 and §3.1).

Agents search without delays. Usagers and prescripteurs see slots from `now + min_public_booking_delay`
to the end of the calendar day of `now + max_public_booking_delay` (product decisions, "Slots").
"""

from collections.abc import Callable
from datetime import date, datetime
from typing import Literal
from zoneinfo import ZoneInfo

from rdv_contracts.directory import BookableBy

from availability.domain.catalog import Motif
from availability.domain.slots import SlotQuery

Caller = Literal["agent", "user", "prescripteur"]

_OPEN_TO: dict[Caller, frozenset[BookableBy]] = {
    "agent": frozenset(BookableBy),
    "prescripteur": frozenset(
        {
            BookableBy.AGENTS_AND_PRESCRIPTEURS,
            BookableBy.AGENTS_AND_PRESCRIPTEURS_AND_INVITED_USERS,
            BookableBy.EVERYONE,
        }
    ),
    "user": frozenset({BookableBy.EVERYONE}),
}


def may_book(motif: Motif, caller: Caller, invited: bool = False) -> bool:
    if not motif.active:
        return False
    if caller == "user" and invited:
        return motif.bookable_by in _OPEN_TO["prescripteur"]
    return motif.bookable_by in _OPEN_TO[caller]


def last_bookable_day(motif: Motif, now: int, zone: ZoneInfo) -> date:
    return datetime.fromtimestamp(now + motif.max_public_booking_delay, zone).date()


def slot_query(
    motif: Motif,
    caller: Caller,
    first_day: date,
    last_day: date,
    now: int,
    zone: ZoneInfo,
    is_closed: Callable[[date], bool],
) -> SlotQuery | None:
    """None when the caller can see nothing in [first_day, last_day]."""
    not_before = now
    if caller != "agent":
        not_before = now + motif.min_public_booking_delay
        last_day = min(last_day, last_bookable_day(motif, now, zone))
    if last_day < first_day:
        return None
    return SlotQuery(first_day, last_day, motif.duration_in_min * 60, now, not_before, is_closed)
