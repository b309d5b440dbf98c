"""The service's tables: local copies, scheduled reminders and deliveries (the receipts)."""

from rdv_chassis.db.metadata import new_metadata
from rdv_chassis.db.tables import inbox_table, outbox_table
from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Identity,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID

metadata = new_metadata()


def _version() -> Column[int]:
    return Column(
        "version", Integer, nullable=False, comment="The producer's version: older states are ignored"
    )


outbox = outbox_table(metadata)
inbox = inbox_table(metadata)

territories = Table(
    "territories",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("name", String(200), nullable=False),
    Column("departement_number", String(3), nullable=False),
    Column("time_zone", String(64), nullable=False),
    Column("holiday_subdivision", String(20), nullable=True),
    Column("sms_provider", String(40), nullable=True),
    _version(),
)

organisations = Table(
    "organisations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("territory_id", Integer, nullable=False),
    Column("name", String(300), nullable=False),
    Column("phone_number", String(40), nullable=True),
    Column("email", String(320), nullable=True),
    Column("website", String(500), nullable=True),
    Column("verticale", String(40), nullable=False),
    _version(),
)

services = Table(
    "services",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("name", String(300), nullable=False),
    Column("short_name", String(100), nullable=False),
    _version(),
)

motifs = Table(
    "motifs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("organisation_id", Integer, nullable=False),
    Column("service_id", Integer, nullable=False),
    Column("name", String(300), nullable=False),
    Column("location_type", String(30), nullable=False),
    Column("visibility_type", String(40), nullable=False),
    Column("instruction_for_rdv", Text, nullable=True),
    _version(),
)

lieux = Table(
    "lieux",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("organisation_id", Integer, nullable=False),
    Column("name", String(300), nullable=False),
    Column("address", String(500), nullable=False),
    Column("phone_number", String(40), nullable=True),
    _version(),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("first_name", String(200), nullable=False),
    Column("last_name", String(200), nullable=False),
    Column("email", String(320), nullable=True),
    Column("mobile_phone", String(20), nullable=True, comment="E.164, only when it is a mobile number"),
    Column("notify_by_email", Boolean, nullable=False),
    Column("notify_by_sms", Boolean, nullable=False),
    Column("responsible_id", Integer, nullable=True),
    _version(),
)

agents = Table(
    "agents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("email", String(320), nullable=True),
    Column("first_name", String(200), nullable=True),
    Column("last_name", String(200), nullable=False),
    Column("rdv_notifications_level", String(10), nullable=False),
    Column("plage_ouverture_notification_level", String(10), nullable=False),
    Column("absence_notification_level", String(10), nullable=False),
    _version(),
)

agent_roles = Table(
    "agent_roles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("agent_id", Integer, nullable=False),
    Column("organisation_id", Integer, nullable=False),
    Column("access_level", String(20), nullable=False),
    _version(),
    Index("ix_agent_roles_organisation_id", "organisation_id"),
)

deleted_references = Table(
    "deleted_references",
    metadata,
    Column("entity", String(20), primary_key=True),
    Column("id", Integer, primary_key=True, autoincrement=False),
    comment="Motifs, lieux, organisations and territories deleted at directory: an RDV event that "
    "refers to one of them is not waiting for its copy",
)

reminders = Table(
    "reminders",
    metadata,
    Column("rdv_id", Integer, primary_key=True, autoincrement=False),
    Column("due_at", DateTime(timezone=True), nullable=True),
    Column("state", String(10), nullable=False, comment="scheduled | sent | dropped"),
    Column("rdv", JSONB, nullable=False, comment="Latest RDV snapshot, the reminder's content"),
    Column("version", Integer, nullable=False),
    Column("sent_at", DateTime(timezone=True), nullable=True),
    Index("ix_reminders_due", "due_at", postgresql_where=text("state = 'scheduled'")),
)

deliveries = Table(
    "deliveries",
    metadata,
    Column("id", BigInteger, Identity(always=True), primary_key=True),
    Column("event_id", UUID(as_uuid=True), nullable=False),
    Column("channel", String(10), nullable=False),
    Column("recipient", String(320), nullable=True, comment="Erased once anonymised"),
    Column("event", String(40), nullable=False),
    Column("rdv_id", Integer, nullable=True),
    Column("rdv_uuid", UUID(as_uuid=True), nullable=True),
    Column("organisation_id", Integer, nullable=True),
    Column("user_id", Integer, nullable=True),
    Column("agent_id", Integer, nullable=True),
    Column("message", JSONB, nullable=True, comment="Rendered message; erased once sent or failed"),
    Column("content", Text, nullable=True),
    Column("state", String(10), nullable=False, comment="pending | sending | done"),
    Column("result", String(10), nullable=False),
    Column("error_message", Text, nullable=True),
    Column("attempts", Integer, nullable=False, server_default=text("0")),
    Column("next_attempt_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("lease_until", DateTime(timezone=True), nullable=True),
    Column("sms_provider", String(40), nullable=True),
    Column("sms_count", Integer, nullable=True),
    Column("provider_message_id", String(100), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("anonymised_at", DateTime(timezone=True), nullable=True),
    UniqueConstraint("event_id", "channel", "recipient", name="uq_deliveries_event_channel_recipient"),
    Index("ix_deliveries_to_anonymise", "created_at", postgresql_where=text("anonymised_at IS NULL")),
    Index("ix_deliveries_due", "next_attempt_at", postgresql_where=text("state <> 'done'")),
    Index("ix_deliveries_rdv_id", "rdv_id"),
    Index("ix_deliveries_provider_message", "sms_provider", "provider_message_id"),
)
