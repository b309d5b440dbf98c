"""Booking's tables. The no-double-booking guard is `rdv_agent_busy`'s exclusion constraint."""

from datetime import datetime

from rdv_chassis.db.metadata import new_metadata
from rdv_chassis.db.tables import inbox_table, outbox_table
from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    LargeBinary,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, TSTZRANGE, UUID, ExcludeConstraint

metadata = new_metadata()
outbox = outbox_table(metadata)
inbox = inbox_table(metadata)


def _timestamp(name: str, nullable: bool = False) -> Column[datetime]:
    return Column(name, DateTime(timezone=True), nullable=nullable)


rdvs = Table(
    "rdvs",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("uuid", UUID(as_uuid=True), nullable=False, unique=True),
    Column("organisation_id", Integer, nullable=False),
    Column("motif_id", Integer, nullable=False),
    Column("lieu_id", Integer),
    Column("single_use_lieu", JSONB(none_as_null=True)),
    _timestamp("starts_at"),
    _timestamp("ends_at"),
    Column("status", String(16), nullable=False),
    _timestamp("cancelled_at", nullable=True),
    Column("agent_ids", ARRAY(Integer), nullable=False),
    Column("context", Text),
    Column("name", String(255)),
    Column("collectif", Boolean, nullable=False),
    Column("max_participants_count", Integer),
    Column("users_count", Integer, nullable=False),
    Column("created_by", String(16), nullable=False),
    Column("created_by_id", Integer),
    Column("prescripteur", JSONB(none_as_null=True)),
    Column("forced", Boolean, nullable=False),
    Column("sequence", Integer, nullable=False),
    Column("version", Integer, nullable=False),
    _timestamp("created_at"),
    _timestamp("updated_at"),
    CheckConstraint("ends_at > starts_at", name="positive_duration"),
    # The guarded counter of collective RDVs: concurrent joins can never exceed the capacity.
    CheckConstraint(
        "max_participants_count IS NULL OR users_count <= max_participants_count", name="within_capacity"
    ),
    Index("ix_rdvs_organisation_starts_at", "organisation_id", "starts_at"),
    Index("ix_rdvs_agent_ids", "agent_ids", postgresql_using="gin"),
)

participations = Table(
    "participations",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("rdv_id", BigInteger, ForeignKey("rdvs.id", ondelete="CASCADE"), nullable=False),
    Column("user_id", Integer, index=True),
    Column("beneficiary", JSONB(none_as_null=True)),
    Column("status", String(16), nullable=False),
    Column("send_lifecycle_notifications", Boolean, nullable=False),
    Column("send_reminder_notification", Boolean, nullable=False),
    Column("created_by_type", String(16), nullable=False),
    Column("created_by_id", Integer),
    Column("created_by_agent_prescripteur", Boolean, nullable=False),
    UniqueConstraint("rdv_id", "user_id"),
    CheckConstraint("(user_id IS NULL) <> (beneficiary IS NULL)", name="account_or_beneficiary"),
)

rdv_agent_busy = Table(
    "rdv_agent_busy",
    metadata,
    Column("rdv_id", BigInteger, ForeignKey("rdvs.id", ondelete="CASCADE"), nullable=False),
    Column("agent_id", Integer, nullable=False),
    Column("during", TSTZRANGE, nullable=False),
    PrimaryKeyConstraint("rdv_id", "agent_id"),
    # Rows exist only for non-cancelled RDVs that no agent forced: the final word on double booking.
    ExcludeConstraint(("agent_id", "="), ("during", "&&"), name="rdv_agent_busy_no_overlap", using="gist"),
)

idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    Column("scope", String(100), nullable=False),
    Column("key", String(200), nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("rdv_id", BigInteger),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    PrimaryKeyConstraint("scope", "key"),
)

participation_links = Table(
    "participation_links",
    metadata,
    Column(
        "participation_id",
        BigInteger,
        ForeignKey("participations.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("failed_attempts", Integer, nullable=False),
    _timestamp("locked_until", nullable=True),
)

link_attempts = Table(
    "link_attempts",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("participation_id", BigInteger, index=True),
    Column("client_hash", String(64), nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("attempted_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

link_sessions = Table(
    "link_sessions",
    metadata,
    Column("token_hash", LargeBinary(32), primary_key=True),
    Column(
        "participation_id",
        BigInteger,
        ForeignKey("participations.id", ondelete="CASCADE"),
        nullable=False,
    ),
    _timestamp("expires_at"),
)


def _copy(name: str, *keys: str) -> Table:
    """A local copy of a directory entity: the full payload, plus the columns queries filter on."""
    return Table(
        name,
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=False),
        *(Column(key, Integer, index=True) for key in keys),
        Column("data", JSONB, nullable=False),
    )


local_motifs = _copy("local_motifs", "organisation_id", "service_id")
local_lieux = _copy("local_lieux", "organisation_id")
local_agents = _copy("local_agents")
local_users = _copy("local_users", "responsible_id")
local_organisations = _copy("local_organisations", "territory_id")
local_territories = _copy("local_territories")
local_services = _copy("local_services")
local_agent_roles = _copy("local_agent_roles", "agent_id", "organisation_id")
local_user_profiles = _copy("local_user_profiles", "user_id", "organisation_id")
local_referent_assignations = _copy("local_referent_assignations", "user_id", "agent_id")

exports = Table(
    "exports",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("agent_id", Integer, nullable=False, index=True),
    Column("organisation_id", Integer, nullable=False),
    Column("export_type", String(32), nullable=False),
    Column("filters", JSONB, nullable=False),
    Column("scope", JSONB, nullable=False),
    Column("state", String(16), nullable=False),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("file_name", String(120), nullable=False),
    Column("rows_count", Integer),
    Column("size_bytes", BigInteger),
    Column("error", Text),
    _timestamp("created_at"),
    _timestamp("completed_at", nullable=True),
    _timestamp("expires_at"),
    Index("ix_exports_pending", "created_at", postgresql_where="state = 'pending'"),
    Index("ix_exports_expires_at", "expires_at"),
)

export_chunks = Table(
    "export_chunks",
    metadata,
    Column("export_id", BigInteger, ForeignKey("exports.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
    PrimaryKeyConstraint("export_id", "position"),
)
