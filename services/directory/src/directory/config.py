from pathlib import Path
from typing import ClassVar

from pydantic import model_validator
from rdv_chassis.settings import ServiceSettings, service_config


class DirectorySettings(ServiceSettings):
    model_config = service_config("DIRECTORY_")
    service_name: ClassVar[str] = "directory"

    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5433/directory"
    http_port: int = 8001
    worker_http_port: int = 9001

    jwt_private_key_pem: str | None = None
    secrets_key: str | None = None
    """Fernet key encrypting stored third-party credentials (SMS providers)."""
    key_dir: Path = Path(".local/directory-keys")
    """Development and tests only: where generated keys are kept so every process shares them."""

    access_token_ttl_seconds: int = 15 * 60
    refresh_token_ttl_seconds: int = 14 * 24 * 3600
    api_token_access_ttl_seconds: int = 15 * 60
    login_limit_per_account: str = "5/15 minutes"
    login_limit_per_ip: str = "50/15 minutes"
    retention_interval_seconds: float = 24 * 3600

    @model_validator(mode="after")
    def _production_needs_real_keys(self) -> "DirectorySettings":
        if self.environment == "production" and not (self.jwt_private_key_pem and self.secrets_key):
            raise ValueError(
                "DIRECTORY_JWT_PRIVATE_KEY_PEM and DIRECTORY_SECRETS_KEY are required in production"
            )
        return self
