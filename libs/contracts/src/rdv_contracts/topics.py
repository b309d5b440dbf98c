"""Kafka topics: who produces them, who consumes them, and how they are kept."""

from dataclasses import dataclass

SERVICES: tuple[str, ...] = ("directory", "availability", "booking", "notifications", "calendar-sync")

_WEEK_MS = 7 * 24 * 3600 * 1000


@dataclass(frozen=True, kw_only=True)
class Topic:
    name: str
    compacted: bool
    producer: str
    description: str
    partitions: int = 3
    retention_ms: int | None = None

    def config(self) -> dict[str, str]:
        """Topic-level Kafka configuration."""
        config = {"cleanup.policy": "compact" if self.compacted else "delete"}
        if self.retention_ms is not None:
            config["retention.ms"] = str(self.retention_ms)
        return config


def _state(producer: str, entity: str, what: str) -> Topic:
    return Topic(
        name=f"{producer}.{entity}",
        compacted=True,
        producer=producer,
        description=f"Full state of {what}, keyed by id; a deletion event then a tombstone on deletion.",
    )


_ALL = (
    _state("directory", "territory", "territories (espaces)"),
    _state("directory", "organisation", "organisations"),
    _state("directory", "service", "services"),
    _state("directory", "agent", "agents"),
    _state("directory", "agent_role", "agents' roles in organisations"),
    _state("directory", "agent_territorial_role", "territory administrators"),
    _state("directory", "user", "usagers"),
    _state("directory", "user_profile", "usagers' memberships of organisations"),
    _state("directory", "referent_assignation", "usagers' referent agents"),
    _state("directory", "lieu", "lieux"),
    _state("directory", "motif", "motifs"),
    _state("directory", "team", "teams of agents in a territory"),
    Topic(
        name="directory.user.merged",
        compacted=False,
        producer="directory",
        description="Merges of duplicate usagers, keyed by the kept user id.",
    ),
    Topic(
        name="directory.notification_request",
        compacted=False,
        producer="directory",
        # Messages carry account links with secret tokens: keep them no longer than needed.
        retention_ms=_WEEK_MS,
        description="Account e-mails (invitations, verifications, password resets) to send.",
    ),
    _state("availability", "plage_ouverture", "plages d'ouverture"),
    _state("availability", "absence", "absences (indisponibilités)"),
    Topic(
        name="booking.rdv",
        compacted=False,
        producer="booking",
        description="RDV lifecycle, keyed by RDV id; each event carries the full RDV.",
    ),
    Topic(
        name="booking.rdv.link_locked",
        compacted=False,
        producer="booking",
        retention_ms=_WEEK_MS,
        description="Participation links locked after too many wrong answers, keyed by RDV id.",
    ),
    Topic(
        name="booking.export",
        compacted=False,
        producer="booking",
        retention_ms=_WEEK_MS,
        description="Agents' spreadsheet exports ready to download, keyed by export id.",
    ),
    Topic(
        name="calendar_sync.alert",
        compacted=False,
        producer="calendar-sync",
        retention_ms=_WEEK_MS,
        description="Broken calendar connections and disabled webhook endpoints, to tell people by e-mail.",
    ),
    Topic(
        name="notifications.receipt",
        compacted=False,
        producer="notifications",
        description="Receipts of e-mails and SMS sent, keyed by receipt id.",
    ),
)

TOPICS: dict[str, Topic] = {topic.name: topic for topic in _ALL}

_DIRECTORY_STATES = [t.name for t in _ALL if t.producer == "directory" and t.compacted]
_AVAILABILITY = ["availability.plage_ouverture", "availability.absence"]

CONSUMES: dict[str, list[str]] = {
    "directory": ["booking.rdv"],
    "availability": [
        "directory.territory",
        "directory.organisation",
        "directory.service",
        "directory.agent",
        "directory.agent_role",
        "directory.referent_assignation",
        "directory.lieu",
        "directory.motif",
        "directory.team",
        "booking.rdv",
    ],
    "booking": [
        "directory.territory",
        "directory.organisation",
        "directory.service",
        "directory.agent",
        "directory.agent_role",
        "directory.user",
        "directory.user_profile",
        "directory.referent_assignation",
        "directory.user.merged",
        "directory.lieu",
        "directory.motif",
        *_AVAILABILITY,
    ],
    "notifications": [
        "directory.territory",
        "directory.organisation",
        "directory.service",
        "directory.agent",
        "directory.agent_role",
        "directory.user",
        "directory.lieu",
        "directory.motif",
        "directory.notification_request",
        *_AVAILABILITY,
        "booking.rdv",
        "booking.rdv.link_locked",
        "booking.export",
        "calendar_sync.alert",
    ],
    "calendar-sync": [*_DIRECTORY_STATES, "directory.user.merged", *_AVAILABILITY, "booking.rdv"],
}


def dead_letter_topic(name: str) -> str:
    """Where a consumer parks a message of `name` that keeps failing."""
    return f"{name}.dlq"


def topics_produced_by(service: str) -> list[Topic]:
    _check_service(service)
    return [topic for topic in _ALL if topic.producer == service]


def topics_consumed_by(service: str) -> list[Topic]:
    _check_service(service)
    return [TOPICS[name] for name in CONSUMES[service]]


def _check_service(service: str) -> None:
    if service not in SERVICES:
        raise ValueError(f"unknown service {service!r}, expected one of {', '.join(SERVICES)}")
