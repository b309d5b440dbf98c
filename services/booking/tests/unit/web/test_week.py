from datetime import date

from booking.entrypoints.web.week import week_view

TODAY = date(2026, 11, 23)


def found(*times: str) -> dict[str, object]:
    days: dict[str, list[dict[str, str]]] = {}
    for t in times:
        days.setdefault(t[:10], []).append({"starts_at": t, "ends_at": t})
    return {"days": [{"date": d, "slots": s} for d, s in days.items()]}


def test_the_week_has_seven_french_day_columns_with_their_times():
    week = week_view(TODAY, TODAY, found("2026-11-24T09:00:00+01:00", "2026-11-24T09:30:00+01:00"))

    assert [d.label for d in week.days][:2] == ["lundi 23 novembre", "mardi 24 novembre"]
    assert [s.label for s in week.days[1].slots] == ["09h00", "09h30"]
    assert week.days[1].slots[0].starts_at == "2026-11-24T09:00:00+01:00"
    assert not week.empty and week.last_day == date(2026, 11, 29)


def test_no_previous_week_before_today_and_never_earlier_than_today():
    assert week_view(TODAY, TODAY, found()).previous_start is None
    assert week_view(date(2026, 11, 26), TODAY, found()).previous_start == TODAY
    assert week_view(date(2026, 12, 7), TODAY, found()).previous_start == date(2026, 11, 30)


def test_a_week_without_times_is_empty():
    assert week_view(TODAY, TODAY, found()).empty
