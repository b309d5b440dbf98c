from typing import ClassVar

import pytest
from pydantic import ValidationError
from rdv_chassis.settings import ServiceSettings, service_config
from rdv_chassis.testing.layers import impure_domain_imports


def test_domain_importing_a_framework_is_reported(tmp_path):
    (tmp_path / "domain").mkdir()
    (tmp_path / "domain" / "rules.py").write_text("import datetime\nfrom sqlalchemy import select\n")
    (tmp_path / "domain" / "ok.py").write_text("from rdv_contracts.booking import RdvSnapshot\n")
    assert impure_domain_imports(tmp_path) == ["domain/rules.py imports sqlalchemy"]


class ExampleSettings(ServiceSettings):
    model_config = service_config("EXAMPLE_")
    secret_fields: ClassVar[tuple[str, ...]] = ("signing_secret",)
    signing_secret: str = "change-me"


def test_settings_read_their_own_env_prefix(monkeypatch):
    monkeypatch.setenv("EXAMPLE_DATABASE_URL", "postgresql+asyncpg://x/y")
    monkeypatch.setenv("EXAMPLE_HTTP_PORT", "8123")
    monkeypatch.setenv("OTHER_HTTP_PORT", "9999")
    settings = ExampleSettings()
    assert settings.http_port == 8123
    assert settings.database_url.endswith("/y")


def test_placeholder_secrets_are_accepted_in_development_only():
    assert ExampleSettings(database_url="u", environment="development").signing_secret == "change-me"
    with pytest.raises(ValidationError, match="signing_secret"):
        ExampleSettings(database_url="u", environment="production")
    real = "k" * 40
    assert (
        ExampleSettings(database_url="u", environment="production", signing_secret=real).signing_secret
        == real
    )
