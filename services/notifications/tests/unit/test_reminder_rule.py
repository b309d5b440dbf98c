from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from notifications.adapters.holiday_calendar import HolidayCalendar
from notifications.domain.copies import TerritoryCopy
from notifications.domain.reminder_rule import reminder_due_at

PARIS = ZoneInfo("Europe/Paris")
METROPOLE = TerritoryCopy(1, "Pas-de-Calais", "62")
REUNION = TerritoryCopy(2, "La Réunion", "974", time_zone="Indian/Reunion")


def due(local: datetime, territory: TerritoryCopy) -> datetime:
    zone = ZoneInfo(territory.time_zone)
    starts_at = local.replace(tzinfo=zone).astimezone(UTC)
    return reminder_due_at(
        starts_at, territory.time_zone, HolidayCalendar().for_territory(territory)
    ).astimezone(zone)


@pytest.mark.parametrize(
    ("rdv", "reminder"),
    [
        # Product decisions: Monday 10:00 → Friday 10:00, Tuesday 10:00 → Saturday 10:00.
        (datetime(2026, 1, 12, 10, 0), datetime(2026, 1, 9, 10, 0)),
        (datetime(2026, 1, 13, 10, 0), datetime(2026, 1, 10, 10, 0)),
        (datetime(2026, 1, 14, 9, 30), datetime(2026, 1, 12, 9, 30)),
        # Ascension, Thursday 14 May 2026: the day after it is reminded on Tuesday.
        (datetime(2026, 5, 15, 10, 0), datetime(2026, 5, 12, 10, 0)),
        # Monday after the spring-forward Sunday (29 March 2026): same wall-clock time on Friday.
        (datetime(2026, 3, 30, 10, 0), datetime(2026, 3, 27, 10, 0)),
        # Monday after the fall-back Sunday (25 October 2026).
        (datetime(2026, 10, 26, 8, 15), datetime(2026, 10, 23, 8, 15)),
    ],
)
def test_reminder_is_48_hours_before_without_sundays_and_holidays(rdv, reminder):
    assert due(rdv, METROPOLE) == reminder.replace(tzinfo=PARIS)


def test_dst_weekend_keeps_the_time_of_day_not_the_elapsed_hours():
    starts_at = datetime(2026, 3, 30, 10, 0, tzinfo=PARIS)
    reminder = reminder_due_at(starts_at.astimezone(UTC), "Europe/Paris", lambda _: False)
    assert reminder == datetime(2026, 3, 27, 9, 0, tzinfo=UTC)
    assert starts_at.astimezone(UTC) == datetime(2026, 3, 30, 8, 0, tzinfo=UTC)


def test_overseas_territory_uses_its_time_zone_and_its_own_holidays():
    # 20 December is a public holiday in La Réunion only (abolition of slavery), a Monday in 2027.
    assert due(datetime(2027, 12, 22, 10, 0), REUNION) == datetime(2027, 12, 18, 10, 0, tzinfo=REUNION_ZONE)
    assert due(datetime(2027, 12, 22, 10, 0), METROPOLE) == datetime(2027, 12, 20, 10, 0, tzinfo=PARIS)


def test_reminder_of_an_overseas_rdv_is_stored_in_utc():
    starts_at = datetime(2027, 12, 22, 10, 0, tzinfo=REUNION_ZONE)
    reminder = reminder_due_at(starts_at, "Indian/Reunion", HolidayCalendar().for_territory(REUNION))
    assert reminder == datetime(2027, 12, 18, 6, 0, tzinfo=UTC)


def test_alsace_moselle_holidays_come_from_the_departement():
    moselle = TerritoryCopy(3, "Moselle", "57")
    # Saint-Étienne, 26 December 2025 (a Friday), is a holiday in Alsace-Moselle only.
    assert due(datetime(2025, 12, 29, 10, 0), moselle) == datetime(2025, 12, 24, 10, 0, tzinfo=PARIS)
    assert due(datetime(2025, 12, 29, 10, 0), METROPOLE) == datetime(2025, 12, 26, 10, 0, tzinfo=PARIS)


REUNION_ZONE = ZoneInfo("Indian/Reunion")
