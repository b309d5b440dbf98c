"""An agent's busy time: non-cancelled RDVs in every organisation, and absences (they block everywhere)."""

from collections.abc import Iterable, Mapping

from availability.domain.catalog import Absence
from availability.domain.intervals import BusyTimeline, Interval


def absence_intervals(absences: Iterable[Absence], start: int, end: int) -> list[Interval]:
    return [window for absence in absences for window in absence.span.windows_overlapping(start, end)]


def busy_timelines(
    agent_ids: Iterable[int],
    rdvs: Mapping[int, list[Interval]],
    absences: Mapping[int, list[Absence]],
    start: int,
    end: int,
) -> dict[int, BusyTimeline]:
    return {
        agent_id: BusyTimeline(
            [*rdvs.get(agent_id, ()), *absence_intervals(absences.get(agent_id, ()), start, end)]
        )
        for agent_id in agent_ids
    }
