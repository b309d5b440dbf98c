"""Builders shared by the availability tests: local times in, engine objects out."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from availability.adapters.holiday_calendar import FrenchHolidays
from availability.adapters.recurrence import expand_days
from availability.domain.catalog import Absence, Motif, Plage
from availability.domain.closed_days import ClosedDays
from availability.domain.schedule import DailySpan

PARIS = "Europe/Paris"
HOLIDAYS = FrenchHolidays()
CREATED = datetime(2026, 1, 1, tzinfo=UTC)


def d(text: str) -> date:
    return date.fromisoformat(text)


def at(text: str, zone: str = PARIS) -> int:
    """'2026-03-02 09:00' in `zone` as epoch seconds."""
    return int(datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(zone)).timestamp())


def local(instant: int, zone: str = PARIS) -> str:
    return datetime.fromtimestamp(instant, ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")


def span(
    first_day: str,
    start: str,
    end: str,
    rrule: str | None = None,
    until: str | None = None,
    end_day: str | None = None,
    zone: str = PARIS,
) -> DailySpan:
    return DailySpan(
        d(first_day),
        time.fromisoformat(start),
        time.fromisoformat(end),
        zone,
        expand_days,
        rrule,
        d(until) if until else None,
        d(end_day) if end_day else None,
    )


def plage(
    id: int,
    first_day: str,
    start: str,
    end: str,
    rrule: str | None = None,
    *,
    agent_id: int = 1,
    lieu_id: int | None = 10,
    motif_ids: tuple[int, ...] = (100,),
    until: str | None = None,
    zone: str = PARIS,
    created_at: datetime = CREATED,
) -> Plage:
    return Plage(
        id,
        agent_id,
        1,
        lieu_id,
        motif_ids,
        f"Plage {id}",
        span(first_day, start, end, rrule, until, zone=zone),
        created_at,
    )


def absence(id: int, agent_id: int, first_day: str, start: str, end: str, **kwargs: str) -> Absence:
    return Absence(id, agent_id, "Absence", span(first_day, start, end, **kwargs))


def motif(duration: int = 30, **kwargs: object) -> Motif:
    return Motif(id=100, organisation_id=1, service_id=1, duration_in_min=duration, **kwargs)  # type: ignore[arg-type]


def closed(subdivision: str | None = None, sundays: bool = False, holidays: bool = False) -> ClosedDays:
    return ClosedDays(HOLIDAYS, subdivision, sundays, holidays)
