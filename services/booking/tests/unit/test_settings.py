import pytest
from booking.config import BookingSettings
from pydantic import ValidationError


def test_the_placeholder_link_secret_is_refused_outside_development(monkeypatch):
    monkeypatch.delenv("BOOKING_LINK_SECRET", raising=False)
    with pytest.raises(ValidationError, match="link_secret"):
        BookingSettings(environment="production")


def test_a_real_link_secret_is_accepted_in_production():
    settings = BookingSettings(environment="production", link_secret="x7Kq2v9LmP4wR8tZ1nB6yC3hJ5fD0gAs")

    assert settings.link_secret.startswith("x7Kq")
