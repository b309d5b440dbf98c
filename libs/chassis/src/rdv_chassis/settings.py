"""Typed settings shared by every service; each service subclasses with its own env prefix."""

from typing import ClassVar, Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

Environment = Literal["development", "test", "production"]

_PLACEHOLDERS = ("change-me", "changeme", "secret", "placeholder", "dev-only", "xxx")


class ServiceSettings(BaseSettings):
    """Settings every service has. Subclasses set `model_config = service_config("DIRECTORY_")`."""

    model_config = SettingsConfigDict(extra="ignore", frozen=True)
    service_name: ClassVar[str] = "service"
    secret_fields: ClassVar[tuple[str, ...]] = ()

    environment: Environment = "development"
    log_level: str = "INFO"
    log_json: bool = True

    database_url: str = Field(description="SQLAlchemy async URL, postgresql+asyncpg://...")
    database_pool_size: int = 10

    kafka_bootstrap_servers: str = "127.0.0.1:9092"
    kafka_topic_partitions: int = 3

    http_host: str = "127.0.0.1"
    http_port: int = 8000
    worker_http_port: int = 9000
    public_base_url: str = "http://127.0.0.1:8080"

    jwks_url: str = "http://127.0.0.1:8001/.well-known/jwks.json"
    jwt_issuer: str = "rdv-directory"
    jwt_audience: str = "rdv-platform"

    outbox_poll_interval_seconds: float = 1.0
    outbox_batch_size: int = 200
    outbox_send_timeout_seconds: float = 10.0
    consumer_max_attempts: int = 3
    consumer_retry_delay_seconds: float = 0.2

    @model_validator(mode="after")
    def _refuse_placeholder_secrets(self) -> "ServiceSettings":
        if self.environment == "development":
            return self
        for name in self.secret_fields:
            value = str(getattr(self, name, "") or "")
            if len(value) < 32 or any(p in value.lower() for p in _PLACEHOLDERS):
                raise ValueError(f"{name} must be a real secret of 32+ characters outside development")
        return self


def service_config(env_prefix: str) -> SettingsConfigDict:
    return SettingsConfigDict(env_prefix=env_prefix, extra="ignore", frozen=True)
