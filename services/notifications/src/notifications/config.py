from typing import ClassVar, Literal

from rdv_chassis.settings import ServiceSettings, service_config


class NotificationsSettings(ServiceSettings):
    model_config = service_config("NOTIFICATIONS_")
    service_name: ClassVar[str] = "notifications"
    secret_fields: ClassVar[tuple[str, ...]] = ("link_secret", "sms_callback_token")

    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5433/notifications"
    http_port: int = 8004
    worker_http_port: int = 9004

    brand: str = "RDV Solidarités"
    mail_from: str = "RDV Solidarités <ne-pas-repondre@rdv-solidarites.fr>"
    ics_organizer_email: str = "secretariat-auto@rdv-solidarites.fr"
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 1025
    smtp_tls: Literal["none", "starttls", "tls"] = "none"
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_timeout_seconds: float = 20

    link_secret: str = "dev-only-link-secret-shared-with-booking"
    """HMAC key of the RDV recap links; booking must use the same one (see recap_links.py)."""

    sms_default_provider: str = "logging"
    brevo_api_key: str | None = None
    brevo_sender: str = "RdvSoli"
    brevo_base_url: str = "https://api.brevo.com/v3"
    sms_callback_token: str = "dev-only-sms-callback-token-000000"

    dispatch_interval_seconds: float = 1.0
    dispatch_batch_size: int = 50
    dispatch_max_attempts: int = 8
    dispatch_first_retry_seconds: float = 30
    dispatch_lease_seconds: float = 120
    reminder_interval_seconds: float = 30
    anonymisation_interval_seconds: float = 24 * 3600
