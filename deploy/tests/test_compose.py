"""docker-compose.yml cannot be run on the machines that run `make test` (no Docker engine): these
tests hold it to the container-less scripts it mirrors, so that the two do not drift apart."""

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
SERVICES = {  # directory name: (settings prefix, database, API port of the local scripts' defaults)
    "directory": ("DIRECTORY", "directory", 8001),
    "availability": ("AVAILABILITY", "availability", 8002),
    "booking": ("BOOKING", "booking", 8003),
    "notifications": ("NOTIFICATIONS", "notifications", 8004),
    "calendar-sync": ("CALENDAR_SYNC", "calendar_sync", 8005),
}
# What the local scripts set only because every process shares one host, or generate because a
# local run may be a production-like one; compose runs in development, where the defaults hold.
HOST_ONLY = {
    "WORKER_HTTP_PORT",
    "LINK_SECRET",
    "SMS_CALLBACK_TOKEN",
    "ENCRYPTION_KEY",
    "KEY_DIR",
    "OUTBOUND_ALLOWED_SCHEMES",
    "OUTBOUND_ALLOWED_NETWORKS",
    "OUTLOOK_REDIRECT_URI",
}


def local_settings(prefix: str) -> set[str]:
    """The settings deploy/local/services.sh gives a service: the loop's and the named ones."""
    script = (ROOT / "deploy/local/services.sh").read_text()
    generic = set(re.findall(r'export "\$\{prefix\}_([A-Z_]+)=', script))
    named = set(re.findall(rf"\b{prefix}_([A-Z_]+)=", script))
    return generic | named


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_migrates_then_runs_its_api_and_its_worker(service):
    module = service.replace("-", "_")
    migrate, api, worker = (COMPOSE[f"{service}-{role}"] for role in ("migrate", "api", "worker"))

    assert migrate["command"][-4:] == ["-c", f"services/{service}/alembic.ini", "upgrade", "head"]
    assert api["command"][-2:] == ["-m", f"{module}.entrypoints.api"]
    assert worker["command"][-2:] == ["-m", f"{module}.entrypoints.worker"]
    assert api["depends_on"][f"{service}-migrate"]["condition"] == "service_completed_successfully"


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_gets_the_settings_the_local_scripts_give_it(service):
    prefix, database, port = SERVICES[service]
    for role in ("api", "worker"):
        environment = COMPOSE[f"{service}-{role}"]["environment"]
        given = {name.removeprefix(f"{prefix}_") for name in environment}

        assert local_settings(prefix) - HOST_ONLY - given == set(), f"{service}-{role}"
        assert environment[f"{prefix}_DATABASE_URL"].endswith(f"@postgres:5432/{database}")
        assert environment[f"{prefix}_KAFKA_BOOTSTRAP_SERVERS"] == "kafka:9092"
        assert environment[f"{prefix}_HTTP_PORT"] == str(port)
        assert environment[f"{prefix}_JWKS_URL"] == "http://directory-api:8001/.well-known/jwks.json"


@pytest.mark.parametrize("service", SERVICES)
def test_the_gateway_and_the_healthcheck_reach_each_api_on_its_port(service):
    prefix, _, port = SERVICES[service]
    gateway = COMPOSE["gateway"]["environment"]

    assert gateway[f"RDV_{prefix}_UPSTREAM"] == f"{service}-api:{port}"
    healthcheck = " ".join(COMPOSE[f"{service}-api"]["healthcheck"]["test"])
    assert f"http://127.0.0.1:{port}/health/live" in healthcheck


def test_the_gateway_template_finds_every_variable_it_names():
    template = (ROOT / "deploy/gateway/nginx.conf.template").read_text()
    named = set(re.findall(r"\$\{(RDV_[A-Z_]+)\}", template))

    assert named and named <= set(COMPOSE["gateway"]["environment"])


def test_the_broker_image_is_the_kafka_version_the_local_broker_runs():
    pom = (ROOT / "deploy/kafka/pom.xml").read_text()
    version = re.search(r"<kafka.version>([^<]+)</kafka.version>", pom)

    assert version and COMPOSE["kafka"]["image"] == f"apache/kafka:{version.group(1)}"


def test_the_notifications_mail_goes_to_the_mailbox_container():
    for role in ("api", "worker"):
        environment = COMPOSE[f"notifications-{role}"]["environment"]
        assert environment["NOTIFICATIONS_SMTP_HOST"] == "mailbox"
