from typing import ClassVar

from cryptography.fernet import Fernet
from pydantic import model_validator
from rdv_chassis.settings import ServiceSettings, service_config

# Used only in development: any other environment must provide its own key.
DEVELOPMENT_ENCRYPTION_KEY = "Jr1kQ2YH6xFvmq0g4cD2f0y6b8kqC3m4HbGk0jF1r3Y="


class CalendarSyncSettings(ServiceSettings):
    model_config = service_config("CALENDAR_SYNC_")
    service_name: ClassVar[str] = "calendar-sync"
    secret_fields: ClassVar[tuple[str, ...]] = ("encryption_key",)

    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5433/calendar_sync"
    http_port: int = 8005
    worker_http_port: int = 9005

    encryption_key: str = DEVELOPMENT_ENCRYPTION_KEY
    """Fernet key encrypting OAuth tokens, CalDAV passwords and webhook secrets at rest."""

    outbound_allowed_schemes: tuple[str, ...] = ("https",)
    outbound_allowed_networks: tuple[str, ...] = ()
    """CIDRs that user-supplied URLs may reach although private (e.g. ["127.0.0.0/8"] in tests)."""

    webhook_timeout_seconds: float = 10.0
    delivery_batch_size: int = 20
    delivery_poll_interval_seconds: float = 1.0
    delivery_lease_seconds: float = 120.0

    product_name: str = "RDV Service Public"

    housekeeping_interval_seconds: float = 24 * 3600.0
    kafka_default_retention_hours: float = 168.0
    """The broker's `log.retention.hours`, for topics that set no retention of their own."""

    outlook_client_id: str = ""
    outlook_client_secret: str = ""
    outlook_tenant: str = "common"
    outlook_login_base_url: str = "https://login.microsoftonline.com"
    outlook_graph_base_url: str = "https://graph.microsoft.com"
    outlook_redirect_uri: str = "http://127.0.0.1:8080/api/v1/outlook/callback"
    outlook_ca_file: str | None = None
    """Extra CA bundle for the login and Graph hosts (tests serve them locally over TLS)."""

    @model_validator(mode="after")
    def _refuse_development_key(self) -> "CalendarSyncSettings":
        if self.environment != "development" and self.encryption_key == DEVELOPMENT_ENCRYPTION_KEY:
            raise ValueError("encryption_key must not be the development key outside development")
        Fernet(self.encryption_key.encode())
        return self
