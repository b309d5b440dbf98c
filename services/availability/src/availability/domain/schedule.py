"""When a plage or an absence happens: its occurrence days, and each day's window as UTC instants.

Expanding an RRULE is left to a library behind the `DayExpander` port; the results are cached per
calendar year on the object, which lives as long as the in-memory catalog keeps it.
"""

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from availability.domain.intervals import Interval


class DayExpander(Protocol):
    def __call__(self, rrule: str, first_day: date, start: date, end: date) -> list[date]:
        """Occurrence days of `rrule` starting on `first_day`, within [start, end]."""
        ...


def instant(day: date, at: time, zone: ZoneInfo) -> int:
    return int(datetime.combine(day, at, tzinfo=zone).timestamp())


@dataclass(eq=False)
class DailySpan:
    """`start_time`–`end_time` on each occurrence day; a one-off span may end on a later `end_day`."""

    first_day: date
    start_time: time
    end_time: time
    time_zone: str
    expander: DayExpander
    rrule: str | None = None
    until: date | None = None
    end_day: date | None = None
    _years: dict[int, list[date]] = field(default_factory=dict, repr=False)
    _windows: dict[date, Interval] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.zone = ZoneInfo(self.time_zone)

    @property
    def last_day(self) -> date | None:
        """Last occurrence day, None when it recurs forever."""
        if self.rrule is None:
            return self.end_day or self.first_day
        return self.until

    def days(self, start: date, end: date) -> Iterator[date]:
        start = max(start, self.first_day)
        last = self.last_day
        end = min(end, last) if last is not None else end
        if start > end:
            return
        if self.rrule is None:
            if start <= self.first_day <= end:
                yield self.first_day
            return
        for year in range(start.year, end.year + 1):
            days = self._year(year)
            yield from days[bisect_left(days, start) : bisect_right(days, end)]

    def window(self, day: date) -> Interval:
        cached = self._windows.get(day)
        if cached is None:
            last = self.end_day if self.rrule is None and self.end_day else day
            cached = (instant(day, self.start_time, self.zone), instant(last, self.end_time, self.zone))
            self._windows[day] = cached
        return cached

    def windows(self, start: date, end: date) -> Iterator[tuple[date, int, int]]:
        for day in self.days(start, end):
            window_start, window_end = self.window(day)
            yield day, window_start, window_end

    def windows_overlapping(self, start: int, end: int) -> Iterator[Interval]:
        """Windows that intersect the UTC interval [start, end)."""
        first = datetime.fromtimestamp(start, self.zone).date() - timedelta(days=1)
        if self.rrule is None and self.end_day:
            first = min(first, self.first_day)
        last = datetime.fromtimestamp(end, self.zone).date() + timedelta(days=1)
        for _, window_start, window_end in self.windows(first, last):
            if window_start < end and window_end > start:
                yield window_start, window_end

    def _year(self, year: int) -> list[date]:
        days = self._years.get(year)
        if days is None:
            assert self.rrule is not None
            days = sorted(self.expander(self.rrule, self.first_day, date(year, 1, 1), date(year, 12, 31)))
            self._years[year] = days
        return days
