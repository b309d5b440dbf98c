"""Properties of the slot engine over random agendas (hypothesis)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from availability.adapters.recurrence import expand_days
from availability.domain.booking_rules import slot_query
from availability.domain.intervals import BusyTimeline
from availability.domain.slots import find_slots, first_open_day
from availability_testing import PARIS, at, closed, motif, plage
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
ZONE = ZoneInfo(PARIS)
BASE = at("2026-03-01 00:00")


@st.composite
def agendas(draw):
    first_day = date(2026, 3, 1) + timedelta(days=draw(st.integers(0, 40)))
    start_minute = draw(st.integers(6 * 12, 18 * 12)) * 5
    length = draw(st.integers(1, 60)) * 5
    end_minute = min(start_minute + length, 23 * 60 + 55)
    byday = draw(st.lists(st.sampled_from(DAYS), min_size=1, max_size=7, unique=True))
    rule = f"FREQ=WEEKLY;INTERVAL={draw(st.integers(1, 3))};BYDAY={','.join(byday)}"
    the_plage = plage(
        1,
        first_day.isoformat(),
        f"{start_minute // 60:02d}:{start_minute % 60:02d}",
        f"{end_minute // 60:02d}:{end_minute % 60:02d}",
        rule,
    )
    busy = draw(
        st.lists(
            st.tuples(st.integers(0, 80 * 86400), st.integers(60, 6 * 3600)).map(
                lambda pair: (BASE + pair[0], BASE + pair[0] + pair[1])
            ),
            max_size=30,
        )
    )
    now = BASE + draw(st.integers(0, 50 * 86400))
    duration = draw(st.sampled_from([5, 10, 15, 20, 30, 45, 60, 90]))
    return the_plage, BusyTimeline(busy), now, duration, busy


def _search(the_plage, timeline, now, duration, caller, the_motif=None, is_closed=None):
    query = slot_query(
        the_motif or motif(duration),
        caller,
        date(2026, 3, 1),
        date(2026, 5, 31),
        now,
        ZONE,
        is_closed or closed(),
    )
    return [] if query is None else find_slots([the_plage], {1: timeline}, query)


@settings(max_examples=200, deadline=None)
@given(agendas())
def test_a_slot_never_overlaps_busy_time_never_leaves_its_plage_and_fits_the_motif(agenda):
    the_plage, timeline, now, duration, busy = agenda
    for slot in _search(the_plage, timeline, now, duration, "agent"):
        assert slot.ends_at - slot.starts_at == duration * 60
        assert slot.starts_at >= now
        assert all(not (start < slot.ends_at and slot.starts_at < end) for start, end in busy)
        window_start, window_end = the_plage.span.window(slot.day)
        assert window_start <= slot.starts_at and slot.ends_at <= window_end
        assert slot.day in set(the_plage.span.days(slot.day, slot.day))


@settings(max_examples=100, deadline=None)
@given(agendas(), st.booleans())
def test_a_slot_never_falls_on_a_closed_day(agenda, alsace):
    the_plage, timeline, now, duration, _ = agenda
    is_closed = closed("6AE" if alsace else None)
    for slot in _search(the_plage, timeline, now, duration, "agent", is_closed=is_closed):
        assert not is_closed(slot.day)
        assert datetime.fromtimestamp(slot.starts_at, ZONE).date() == slot.day


@settings(max_examples=200, deadline=None)
@given(
    agendas(),
    st.integers(0, 5 * 86400),
    st.integers(0, 40 * 86400),
    st.sampled_from(["user", "prescripteur"]),
)
def test_public_results_are_a_subset_of_agent_results(agenda, min_delay, extra, caller):
    the_plage, timeline, now, duration, _ = agenda
    public_motif = motif(
        duration,
        bookable_by="everyone",
        min_public_booking_delay=min_delay,
        max_public_booking_delay=min_delay + extra,
    )
    agent_slots = set(_search(the_plage, timeline, now, duration, "agent", public_motif))
    public_slots = _search(the_plage, timeline, now, duration, caller, public_motif)
    assert set(public_slots) <= agent_slots
    assert all(slot.starts_at >= now + min_delay for slot in public_slots)


@settings(max_examples=200, deadline=None)
@given(agendas(), st.integers(0, 5 * 86400), st.sampled_from(["agent", "user"]))
def test_no_slot_comes_before_the_first_open_day(agenda, min_delay, caller):
    the_plage, timeline, now, duration, _ = agenda
    the_motif = motif(duration, bookable_by="everyone", min_public_booking_delay=min_delay)
    query = slot_query(the_motif, caller, date(2026, 3, 1), date(2026, 5, 31), now, ZONE, closed())
    if query is None:
        return
    found = find_slots([the_plage], {1: timeline}, query)
    first = first_open_day([the_plage], {1: timeline}, query)
    if found:
        assert first is not None and min(slot.day for slot in found) >= first


@settings(max_examples=200, deadline=None)
@given(
    st.dates(date(2018, 1, 1), date(2027, 12, 31)),
    st.integers(1, 4),
    st.lists(st.sampled_from(DAYS), min_size=1, max_size=3, unique=True),
    st.booleans(),
    st.integers(0, 800),
    st.integers(0, 120),
)
def test_restarted_expansion_equals_the_full_expansion(first_day, interval, byday, monthly, offset, length):
    if monthly:
        nth = (first_day.day - 1) // 7 + 1
        rule = f"FREQ=MONTHLY;INTERVAL={interval};BYDAY={nth}{DAYS[first_day.weekday()]}"
    else:
        rule = f"FREQ=WEEKLY;INTERVAL={interval};BYDAY={','.join(byday)}"
    start = first_day + timedelta(days=offset)
    end = start + timedelta(days=length)
    full = rrulestr(rule, dtstart=datetime.combine(first_day, datetime.min.time()))
    expected = [
        moment.date()
        for moment in full.between(
            datetime.combine(start, datetime.min.time()), datetime.combine(end, datetime.min.time()), inc=True
        )
    ]
    assert expand_days(rule, first_day, start, end) == expected
