"""The slot engine (product decisions, "Slots"; reference §2.2 with our decisions on its quirks).

Each plage occurrence on an open day, minus the agent's busy time, leaves free intervals. Each free
interval is cut into consecutive slots of the motif's duration from its start; a slot must fit
entirely. Today the grid starts at "now" rounded up to the next 5 minutes. Booking delays only filter
slots, they never move the grid (reference §2.3: now 15:34 + 24 h gives 16:00 on a 10:00 grid).
"""

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from availability.domain.catalog import Plage
from availability.domain.intervals import EMPTY_TIMELINE, BusyTimeline

ROUNDING = 5 * 60


@dataclass(frozen=True)
class SlotQuery:
    first_day: date
    last_day: date
    duration: int
    now: int
    not_before: int
    is_closed: Callable[[date], bool]


class Slot(NamedTuple):
    """Ordered by time, then by the creation of its plage (a tuple: searches sort thousands of them)."""

    starts_at: int
    rank: tuple[datetime, int]
    agent_id: int
    lieu_id: int | None
    day: date
    duration: int

    @property
    def ends_at(self) -> int:
        return self.starts_at + self.duration


def round_up(instant: int, step: int = ROUNDING) -> int:
    return -(-instant // step) * step


def find_slots(plages: Iterable[Plage], busy: Mapping[int, BusyTimeline], query: SlotQuery) -> list[Slot]:
    return sorted(iter_slots(plages, busy, query))


def iter_slots(plages: Iterable[Plage], busy: Mapping[int, BusyTimeline], query: SlotQuery) -> Iterator[Slot]:
    """The slots plage after plage, in the order the plages are given."""
    duration = query.duration
    today_floor = round_up(query.now)
    for plage in plages:
        timeline = busy.get(plage.agent_id, EMPTY_TIMELINE)
        rank, agent_id, lieu_id = plage.rank, plage.agent_id, plage.lieu_id
        for day, window_start, window_end in plage.span.windows(query.first_day, query.last_day):
            if window_end - duration < query.not_before or query.is_closed(day):
                continue
            for free_start, free_end in timeline.free_within(window_start, window_end):
                start = free_start if free_start >= query.now else today_floor
                if start < query.not_before:
                    start += -(-(query.not_before - start) // duration) * duration
                while start + duration <= free_end:
                    yield Slot(start, rank, agent_id, lieu_id, day, duration)
                    start += duration


def first_open_day(
    plages: Iterable[Plage], busy: Mapping[int, BusyTimeline], query: SlotQuery
) -> date | None:
    """The first day with a free interval long enough for a slot, whatever the grid: no slot is earlier.

    The grid can make a later free interval fit where a longer one did not (a delay filters grid
    points), so this only bounds the search; it never replaces `find_slots`.
    """
    first: date | None = None
    duration = query.duration
    for plage in plages:
        timeline = busy.get(plage.agent_id, EMPTY_TIMELINE)
        for day, window_start, window_end in plage.span.windows(query.first_day, query.last_day):
            if first is not None and day >= first:
                break
            if window_end - duration < query.not_before or query.is_closed(day):
                continue
            free = timeline.free_within(window_start, window_end)
            if any(max(start, query.not_before) + duration <= end for start, end in free):
                first = day
                break
    return first


def first_per_time(slots: Iterable[Slot]) -> list[Slot]:
    """One slot per (lieu, time), the one of the plage created first: what the public sees and books.
    In time order. Kept per key before sorting: many agents share the same times."""
    kept: dict[tuple[int | None, int], Slot] = {}
    for slot in slots:
        key = (slot.lieu_id, slot.starts_at)
        held = kept.get(key)
        if held is None or slot < held:
            kept[key] = slot
    return sorted(kept.values())
