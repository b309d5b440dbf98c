from datetime import UTC, datetime

import pytest
from pydantic import BaseModel, ValidationError
from rdv_chassis.web.instants import CalendarInstant


class Booking(BaseModel):
    starts_at: CalendarInstant


def test_an_instant_with_its_offset_within_the_calendar_years_is_accepted():
    assert Booking(starts_at="2026-11-25T10:00:00+01:00").starts_at.year == 2026


@pytest.mark.parametrize(
    "given", ["0001-01-01T01:00:00-00:00", "9999-12-31T23:00:00+00:00", "1969-12-31T23:00:00Z"]
)
def test_an_instant_too_far_for_a_calendar_is_refused_on_its_field(given):
    with pytest.raises(ValidationError, match="l'année doit être comprise entre 1970 et 2999"):
        Booking(starts_at=given)


def test_an_instant_without_offset_is_still_refused():
    with pytest.raises(ValidationError):
        Booking(starts_at=datetime(2026, 11, 25, 10))
    assert Booking(starts_at=datetime(2026, 11, 25, 10, tzinfo=UTC))
