from rdv_chassis.db.metadata import new_metadata
from rdv_chassis.db.tables import inbox_table, outbox_table
from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID

metadata = new_metadata()
outbox = outbox_table(metadata)
inbox = inbox_table(metadata)
# Rows arrive in time order: a BRIN index serves the daily purge at almost no cost per insert.
Index("ix_inbox_processed_at", inbox.c.processed_at, postgresql_using="brin")


def _now_column(name: str) -> Column[object]:
    return Column(name, DateTime(timezone=True), nullable=False, server_default=func.now())


# Last known state of the directory and availability entities we need, one row per (model, id).
entity_copies = Table(
    "entity_copies",
    metadata,
    Column("model", String(40), primary_key=True),
    Column("id", BigInteger, primary_key=True),
    Column("organisation_id", BigInteger, nullable=True),
    Column("data", JSONB, nullable=False),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    Index("ix_entity_copies_model_organisation", "model", "organisation_id"),
)

rdvs = Table(
    "rdvs",
    metadata,
    Column("id", BigInteger, primary_key=True),
    Column("uuid", UUID(as_uuid=True), nullable=False),
    Column("organisation_id", BigInteger, nullable=False),
    Column("agent_ids", ARRAY(BigInteger), nullable=False),
    Column("motif_id", BigInteger, nullable=False),
    Column("lieu_id", BigInteger, nullable=True),
    Column("starts_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False),
    Column("snapshot", JSONB, nullable=False),
    # The rendered VEVENT; NULL when a motif, lieu or time zone it shows has changed since.
    Column("vevent", LargeBinary, nullable=True),
    Index("ix_rdvs_agent_ids", "agent_ids", postgresql_using="gin"),
    Index("ix_rdvs_organisation_id", "organisation_id"),
    Index("ix_rdvs_motif_id", "motif_id"),
    Index("ix_rdvs_lieu_id", "lieu_id"),
)

webcal_feeds = Table(
    "webcal_feeds",
    metadata,
    Column("agent_id", BigInteger, primary_key=True),
    Column("token_sha256", String(64), nullable=False, unique=True),
    _now_column("created_at"),
)

webhook_endpoints = Table(
    "webhook_endpoints",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("organisation_id", BigInteger, nullable=False),
    Column("target_url", String(2000), nullable=False),
    Column("secret_encrypted", LargeBinary, nullable=False),
    Column("subscriptions", ARRAY(String(40)), nullable=False),
    Column("disabled_at", DateTime(timezone=True), nullable=True),
    Column("disabled_reason", Text, nullable=True),
    _now_column("created_at"),
    UniqueConstraint("organisation_id", "target_url"),
)

webhook_deliveries = Table(
    "webhook_deliveries",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("endpoint_id", BigInteger, ForeignKey("webhook_endpoints.id", ondelete="CASCADE"), nullable=False),
    Column("event_id", UUID(as_uuid=True), nullable=False),
    Column("model", String(40), nullable=False),
    Column("event", String(20), nullable=False),
    Column("body", LargeBinary, nullable=False),
    Column("status", String(20), nullable=False),
    Column("attempts", Integer, nullable=False, server_default=text("0")),
    Column("next_attempt_at", DateTime(timezone=True), nullable=False),
    Column("last_status_code", Integer, nullable=True),
    Column("last_error", Text, nullable=True),
    _now_column("created_at"),
    Column("delivered_at", DateTime(timezone=True), nullable=True),
    # The usagers the body shows, so that an erasure finds the bodies to scrub.
    Column("user_ids", ARRAY(BigInteger), nullable=False, server_default=text("'{}'")),
    UniqueConstraint("event_id", "endpoint_id"),
    Index("ix_webhook_deliveries_due", "next_attempt_at", postgresql_where=text("status = 'pending'")),
    Index("ix_webhook_deliveries_endpoint", "endpoint_id", "id"),
    Index("ix_webhook_deliveries_user_ids", "user_ids", postgresql_using="gin"),
    Index("ix_webhook_deliveries_finished", "created_at", postgresql_where=text("status <> 'pending'")),
)

# Every organisation that has known an usager through a profile, now (ended_at NULL) or before:
# the usager's erasure is told to all of them. `changed_at` orders the profile events.
user_memberships = Table(
    "user_memberships",
    metadata,
    Column("user_id", BigInteger, primary_key=True),
    Column("organisation_id", BigInteger, primary_key=True),
    Column("ended_at", DateTime(timezone=True), nullable=True),
    Column("changed_at", DateTime(timezone=True), nullable=False),
)

# Usagers deleted or anonymised, with what webhooks may still show of them; kept longer than any
# delivery can stay pending, so that a body rendered before the erasure is scrubbed before it leaves.
erased_users = Table(
    "erased_users",
    metadata,
    Column("user_id", BigInteger, primary_key=True),
    Column("data", JSONB, nullable=False),
    Column("erased_at", DateTime(timezone=True), nullable=False),
    Index("ix_erased_users_erased_at", "erased_at"),
)

# An agent's Outlook or CalDAV connection; its secrets (tokens, password) are encrypted at rest.
calendar_connections = Table(
    "calendar_connections",
    metadata,
    Column("agent_id", BigInteger, primary_key=True),
    Column("channel", String(10), primary_key=True),
    Column("secrets_encrypted", LargeBinary, nullable=False),
    Column("status", String(20), nullable=False),
    Column("broken_reason", Text, nullable=True),
    _now_column("created_at"),
)

outlook_authorisations = Table(
    "outlook_authorisations",
    metadata,
    Column("state", String(100), primary_key=True),
    Column("agent_id", BigInteger, nullable=False),
    Column("flow_encrypted", LargeBinary, nullable=False),
    _now_column("created_at"),
)

# One row per (channel, agent, RDV) pushed to an external calendar: what is there, and whether it
# must be brought up to date. Written before any call, so a retry reuses the same remote event.
calendar_events = Table(
    "calendar_events",
    metadata,
    Column("channel", String(10), primary_key=True),
    Column("agent_id", BigInteger, primary_key=True),
    Column("rdv_id", BigInteger, primary_key=True),
    Column("rdv_uuid", UUID(as_uuid=True), nullable=False),
    Column("remote_id", Text, nullable=True),
    Column("remote_etag", Text, nullable=True),
    Column("pending", Boolean, nullable=False),
    # Bumped by every change to push: a worker that pushed an older generation leaves the row pending.
    Column("generation", Integer, nullable=False, server_default=text("0")),
    Column("due_at", DateTime(timezone=True), nullable=False),
    Column("attempts", Integer, nullable=False, server_default=text("0")),
    Column("last_error", Text, nullable=True),
    Index("ix_calendar_events_due", "due_at", postgresql_where=text("pending")),
    Index("ix_calendar_events_rdv_id", "rdv_id"),
)
