"""Busy time of one agent as disjoint sorted intervals, and the free parts of a window.

Instants are integer seconds since the epoch (UTC) and intervals are half-open `[start, end)`, so a
slot may start exactly when an RDV ends (reference §2.2 step 4).
"""

from bisect import bisect_right
from collections.abc import Iterable, Iterator

Interval = tuple[int, int]


class BusyTimeline:
    def __init__(self, intervals: Iterable[Interval]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(i for i in intervals if i[1] > i[0]):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [start for start, _ in merged]
        self._ends = [end for _, end in merged]

    def __bool__(self) -> bool:
        return bool(self._starts)

    def intervals(self) -> list[Interval]:
        return list(zip(self._starts, self._ends, strict=True))

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect_right(self._ends, start)
        return index < len(self._starts) and self._starts[index] < end

    def free_within(self, start: int, end: int) -> Iterator[Interval]:
        cursor = start
        index = bisect_right(self._ends, start)
        while index < len(self._starts) and self._starts[index] < end:
            if self._starts[index] > cursor:
                yield cursor, self._starts[index]
            cursor = max(cursor, self._ends[index])
            index += 1
        if cursor < end:
            yield cursor, end


EMPTY_TIMELINE = BusyTimeline(())
