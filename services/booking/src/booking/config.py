from typing import ClassVar

from rdv_chassis.settings import ServiceSettings, service_config


class BookingSettings(ServiceSettings):
    model_config = service_config("BOOKING_")
    service_name: ClassVar[str] = "booking"
    secret_fields: ClassVar[tuple[str, ...]] = ("link_secret",)

    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5433/booking"
    http_port: int = 8003
    worker_http_port: int = 9003

    availability_url: str = "http://127.0.0.1:8002"
    availability_timeout_seconds: float = 3.0
    directory_url: str = "http://127.0.0.1:8001"
    """Usager sign-up, sign-in, e-mail confirmation and password reset, called by the usager pages."""
    link_answers_per_ip: str = "20/minute"
    """A `limits` rule: answers to participation links per client IP and API process."""

    link_secret: str = "dev-only-link-secret-shared-with-booking"
    """HMAC key of the participation links: the same value as NOTIFICATIONS_LINK_SECRET."""
