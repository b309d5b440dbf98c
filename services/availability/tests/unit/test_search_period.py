from datetime import date

import pytest
from availability.application.period import check_period
from availability.domain.errors import InvalidPeriod


@pytest.mark.parametrize(
    ("first_day", "last_day", "field"),
    [(date(1, 1, 1), date(1, 1, 1), "from"), (date(2026, 11, 23), date(9999, 12, 31), "to")],
)
def test_dates_no_calendar_holds_are_refused_on_their_field(first_day, last_day, field):
    with pytest.raises(InvalidPeriod) as refused:
        check_period(first_day, last_day)
    assert refused.value.field == field


def test_a_month_of_this_century_is_a_period():
    check_period(date(2026, 11, 23), date(2026, 12, 23))
