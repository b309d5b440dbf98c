"""The slot engine against hand-computed tables (product decisions "Slots", reference §2)."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from availability.domain.booking_rules import slot_query
from availability.domain.busy import busy_timelines
from availability.domain.intervals import BusyTimeline
from availability.domain.slots import find_slots, first_per_time
from availability_testing import PARIS, absence, at, closed, d, local, motif, plage

LONG_AGO = at("2020-01-01 00:00")


def slots(plages, first, last, *, duration=30, now=LONG_AGO, busy=None, is_closed=None, zone=PARIS):
    query = slot_query(
        motif(duration), "agent", d(first), d(last), now, ZoneInfo(zone), is_closed or closed()
    )
    assert query is not None
    return [local(s.starts_at, zone) for s in find_slots(plages, busy or {}, query)]


def test_weekly_plage_on_two_weekdays_gives_consecutive_slots_each_day():
    weekly = plage(1, "2026-03-02", "09:00", "10:30", "FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TH")
    assert slots([weekly], "2026-03-02", "2026-03-08") == [
        "2026-03-02 09:00", "2026-03-02 09:30", "2026-03-02 10:00",
        "2026-03-05 09:00", "2026-03-05 09:30", "2026-03-05 10:00",
    ]  # fmt: skip


def test_every_two_weeks_skips_the_odd_weeks():
    fortnightly = plage(1, "2026-03-02", "09:00", "10:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO")
    assert slots([fortnightly], "2026-03-02", "2026-03-29", duration=60) == [
        "2026-03-02 09:00",
        "2026-03-16 09:00",
    ]


def test_monthly_on_the_second_wednesday():
    monthly = plage(1, "2026-03-11", "14:00", "15:00", "FREQ=MONTHLY;INTERVAL=1;BYDAY=2WE")
    assert slots([monthly], "2026-03-01", "2026-06-30", duration=60) == [
        "2026-03-11 14:00",
        "2026-04-08 14:00",
        "2026-05-13 14:00",
        "2026-06-10 14:00",
    ]


def test_end_date_is_inclusive():
    rule = "FREQ=WEEKLY;BYDAY=MO;UNTIL=20260316T000000"
    ending = plage(1, "2026-03-02", "09:00", "09:30", rule, until="2026-03-16")
    assert slots([ending], "2026-03-01", "2026-04-30") == [
        "2026-03-02 09:00",
        "2026-03-09 09:00",
        "2026-03-16 09:00",
    ]


def test_exceptional_plage_only_on_its_day():
    once = plage(1, "2026-03-04", "09:00", "10:00")
    assert slots([once], "2026-03-01", "2026-03-31", duration=60) == ["2026-03-04 09:00"]


WEEKDAYS = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"


@pytest.mark.parametrize(
    ("subdivision", "expected_days"),
    [
        (None, ["2026-04-03", "2026-04-07"]),  # Good Friday is worked, Easter Monday is not
        ("6AE", ["2026-04-07"]),  # Alsace (Bas-Rhin, Haut-Rhin): Good Friday is a holiday too
        ("57", ["2026-04-07"]),  # Moselle
    ],
)
def test_public_holidays_of_the_territory_close_the_day(subdivision, expected_days):
    every_weekday = plage(1, "2026-03-02", "09:00", "09:30", WEEKDAYS)
    found = slots([every_weekday], "2026-04-03", "2026-04-07", is_closed=closed(subdivision))
    assert [s[:10] for s in found] == expected_days


def test_overseas_territory_has_its_own_holidays():
    every_weekday = plage(1, "2026-05-25", "09:00", "09:30", WEEKDAYS, zone="America/Guadeloupe")
    metropole = slots(
        [every_weekday], "2026-05-26", "2026-05-28", is_closed=closed(), zone="America/Guadeloupe"
    )
    guadeloupe = slots(
        [every_weekday], "2026-05-26", "2026-05-28", is_closed=closed("971"), zone="America/Guadeloupe"
    )
    assert [s[:10] for s in metropole] == ["2026-05-26", "2026-05-27", "2026-05-28"]
    assert [s[:10] for s in guadeloupe] == ["2026-05-26", "2026-05-28"]  # 27 May: abolition of slavery


def test_sundays_are_closed_unless_the_territory_opens_them():
    sundays = plage(1, "2026-03-01", "10:00", "10:30", "FREQ=WEEKLY;BYDAY=SU")
    assert slots([sundays], "2026-03-01", "2026-03-08") == []
    assert slots([sundays], "2026-03-01", "2026-03-08", is_closed=closed(sundays=True)) == [
        "2026-03-01 10:00",
        "2026-03-08 10:00",
    ]


def test_holidays_stay_closed_when_only_sundays_are_opened_and_open_when_opted_in():
    every_day = plage(1, "2026-04-05", "10:00", "10:30", "FREQ=DAILY")
    only_sundays = slots([every_day], "2026-04-05", "2026-04-06", is_closed=closed(sundays=True))
    both = slots([every_day], "2026-04-05", "2026-04-06", is_closed=closed(sundays=True, holidays=True))
    assert only_sundays == ["2026-04-05 10:00"]
    assert both == ["2026-04-05 10:00", "2026-04-06 10:00"]


def test_dst_weekend_keeps_local_times_and_real_durations():
    saturdays_and_mondays = plage(1, "2026-03-28", "09:00", "09:30", "FREQ=WEEKLY;BYDAY=SA,MO")
    found = slots([saturdays_and_mondays], "2026-03-28", "2026-03-30", is_closed=closed())
    assert found == ["2026-03-28 09:00", "2026-03-30 09:00"]
    assert at("2026-03-28 09:00") - at("2026-03-30 09:00") != -2 * 86400  # an hour less in between
    # The night the clocks go forward, 01:00-04:00 local lasts two real hours: two one-hour slots.
    night = plage(2, "2026-03-29", "01:00", "04:00")
    assert slots([night], "2026-03-29", "2026-03-29", duration=60, is_closed=closed(sundays=True)) == [
        "2026-03-29 01:00",
        "2026-03-29 03:00",
    ]


def test_absence_splits_the_window_and_the_grid_restarts_after_it():
    morning = plage(1, "2026-03-02", "09:00", "12:00")
    away = absence(1, 1, "2026-03-02", "10:00", "10:45")
    busy = busy_timelines([1], {}, {1: [away]}, at("2026-03-02 00:00"), at("2026-03-03 00:00"))
    assert slots([morning], "2026-03-02", "2026-03-02", busy=busy) == [
        "2026-03-02 09:00",
        "2026-03-02 09:30",
        "2026-03-02 10:45",
        "2026-03-02 11:15",
    ]


def test_multi_day_absence_blocks_every_day_it_covers():
    every_weekday = plage(1, "2026-03-02", "09:00", "09:30", WEEKDAYS)
    holiday = absence(1, 1, "2026-03-03", "12:00", "08:00", end_day="2026-03-05")
    busy = busy_timelines([1], {}, {1: [holiday]}, at("2026-03-02 00:00"), at("2026-03-07 00:00"))
    found = slots([every_weekday], "2026-03-02", "2026-03-06", busy=busy)
    assert found == ["2026-03-02 09:00", "2026-03-03 09:00", "2026-03-05 09:00", "2026-03-06 09:00"]


def test_recurring_absence_blocks_each_occurrence():
    every_weekday = plage(1, "2026-03-02", "14:00", "15:00", WEEKDAYS)
    wednesdays = absence(1, 1, "2026-03-04", "13:00", "18:00", rrule="FREQ=WEEKLY;BYDAY=WE")
    busy = busy_timelines([1], {}, {1: [wednesdays]}, at("2026-03-02 00:00"), at("2026-03-14 00:00"))
    found = slots([every_weekday], "2026-03-02", "2026-03-13", busy=busy, duration=60)
    assert [s[:10] for s in found] == [
        "2026-03-02", "2026-03-03", "2026-03-05", "2026-03-06",
        "2026-03-09", "2026-03-10", "2026-03-12", "2026-03-13",
    ]  # fmt: skip


def test_rdv_shifts_the_grid_to_its_end_reference_example():
    morning = plage(1, "2026-03-02", "09:00", "12:00")
    rdv = {1: BusyTimeline([(at("2026-03-02 09:00"), at("2026-03-02 09:20"))])}
    assert slots([morning], "2026-03-02", "2026-03-02", busy=rdv) == [
        "2026-03-02 09:20",
        "2026-03-02 09:50",
        "2026-03-02 10:20",
        "2026-03-02 10:50",
        "2026-03-02 11:20",
    ]


def test_only_the_busy_agent_loses_the_slot_and_the_public_sees_each_time_once():
    first = plage(1, "2026-03-02", "09:00", "10:00", agent_id=1, created_at=at_utc("2026-01-01"))
    second = plage(2, "2026-03-02", "09:00", "10:00", agent_id=2, created_at=at_utc("2026-01-02"))
    rdv = {1: BusyTimeline([(at("2026-03-02 09:30"), at("2026-03-02 10:00"))])}
    monday = d("2026-03-02")
    query = slot_query(motif(), "agent", monday, monday, LONG_AGO, ZoneInfo(PARIS), closed())
    assert query is not None
    found = find_slots([first, second], rdv, query)
    assert [(local(s.starts_at), s.agent_id) for s in found] == [
        ("2026-03-02 09:00", 1),
        ("2026-03-02 09:00", 2),
        ("2026-03-02 09:30", 2),
    ]
    assert [(local(s.starts_at), s.agent_id) for s in first_per_time(found)] == [
        ("2026-03-02 09:00", 1),
        ("2026-03-02 09:30", 2),
    ]


def test_today_starts_at_now_rounded_up_to_five_minutes():
    morning = plage(1, "2026-03-02", "09:00", "10:00")
    assert slots([morning], "2026-03-02", "2026-03-02", duration=20, now=at("2026-03-02 09:03")) == [
        "2026-03-02 09:05",
        "2026-03-02 09:25",
    ]


def test_public_min_delay_filters_without_moving_the_grid_reference_example():
    weekdays = plage(1, "2020-10-19", "10:00", "18:00", WEEKDAYS)
    delays = motif(min_public_booking_delay=24 * 3600)
    now = at("2020-10-19 15:34")
    query = slot_query(delays, "user", d("2020-10-19"), d("2020-10-21"), now, ZoneInfo(PARIS), closed())
    assert query is not None
    found = find_slots([weekdays], {}, query)
    assert local(found[0].starts_at) == "2020-10-20 16:00"


def test_public_max_delay_extends_to_the_end_of_that_day():
    weekdays = plage(1, "2026-03-02", "09:00", "18:00", WEEKDAYS)
    delays = motif(duration=60, min_public_booking_delay=1800, max_public_booking_delay=2 * 86400)
    now = at("2026-03-02 15:34")
    query = slot_query(delays, "user", d("2026-03-02"), d("2026-03-31"), now, ZoneInfo(PARIS), closed())
    assert query is not None
    found = [local(s.starts_at) for s in find_slots([weekdays], {}, query)]
    # Today's grid starts at 15:35 (now rounded up); 16:35 is its first slot after now + 30 min.
    assert found[:2] == ["2026-03-02 16:35", "2026-03-03 09:00"]
    assert found[-1] == "2026-03-04 17:00"


def test_agents_search_without_delays():
    weekdays = plage(1, "2026-03-02", "09:00", "18:00", WEEKDAYS)
    delays = motif(duration=60, min_public_booking_delay=86400, max_public_booking_delay=86400)
    now = at("2026-03-02 08:00")
    query = slot_query(delays, "agent", d("2026-03-02"), d("2026-03-06"), now, ZoneInfo(PARIS), closed())
    assert query is not None
    found = find_slots([weekdays], {}, query)
    assert local(found[0].starts_at) == "2026-03-02 09:00"
    assert local(found[-1].starts_at) == "2026-03-06 17:00"


def at_utc(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(tzinfo=UTC)
