"""The week view of free slots: seven day columns, each with its times, and the weeks around it."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from booking.entrypoints.web.formatting import day_label, time_label

WEEK = timedelta(days=7)


@dataclass(frozen=True)
class SlotChoice:
    label: str
    starts_at: str


@dataclass(frozen=True)
class DayColumn:
    day: date
    label: str
    slots: list[SlotChoice]


@dataclass(frozen=True)
class WeekView:
    start: date
    days: list[DayColumn]
    previous_start: date | None
    next_start: date

    @property
    def empty(self) -> bool:
        return not any(day.slots for day in self.days)

    @property
    def last_day(self) -> date:
        return self.start + WEEK - timedelta(days=1)


def week_view(start: date, today: date, found: dict[str, Any]) -> WeekView:
    """`found`: availability's `/public/slots` answer, times already in the organisation's zone."""
    by_day: dict[date, list[SlotChoice]] = {}
    for day in found.get("days", []):
        times = [datetime.fromisoformat(s["starts_at"]) for s in day["slots"]]
        by_day[date.fromisoformat(day["date"])] = [SlotChoice(time_label(t), t.isoformat()) for t in times]
    days = [start + timedelta(days=i) for i in range(7)]
    previous_start = max(start - WEEK, today) if start > today else None
    return WeekView(
        start,
        [DayColumn(d, day_label(d), by_day.get(d, [])) for d in days],
        previous_start,
        start + WEEK,
    )
