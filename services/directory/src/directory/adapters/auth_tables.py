"""Credentials and tokens, and the RDV facts the directory needs (who is busy, what is used)."""

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    String,
    Table,
    func,
)
from sqlalchemy.dialects.postgresql import ARRAY

from directory.adapters.tables import metadata

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, Identity(), primary_key=True),
    Column(
        "organisation_id",
        Integer,
        ForeignKey("organisations.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("name", String(200), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_by_agent_id", Integer),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("revoked_at", DateTime(timezone=True)),
    Column("last_used_at", DateTime(timezone=True)),
)

refresh_tokens = Table(
    "refresh_tokens",
    metadata,
    Column("id", Integer, Identity(), primary_key=True),
    Column("family_id", String(64), nullable=False, index=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("subject", String(40), nullable=False, index=True),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("rotated_at", DateTime(timezone=True)),
    Column("revoked_at", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

account_tokens = Table(
    "account_tokens",
    metadata,
    Column("id", Integer, Identity(), primary_key=True),
    Column("purpose", String(40), nullable=False),
    Column("subject", String(40), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used_at", DateTime(timezone=True)),
)

# Projection of booking.rdv: only ids and times, enough to refuse removing a busy agent or a used motif.
rdv_facts = Table(
    "rdv_facts",
    metadata,
    Column("rdv_id", BigInteger, primary_key=True, autoincrement=False),
    Column("organisation_id", Integer, nullable=False),
    Column("motif_id", Integer, nullable=False, index=True),
    Column("agent_ids", ARRAY(Integer), nullable=False),
    Column("user_ids", ARRAY(Integer), nullable=False),
    Column("starts_at", DateTime(timezone=True), nullable=False),
    Column("cancelled", Boolean, nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_rdv_facts_agent_ids", "agent_ids", postgresql_using="gin"),
    Index("ix_rdv_facts_user_ids", "user_ids", postgresql_using="gin"),
)

# Failed sign-ins and reset requests, counted by every API process alike (adapters/rate_limits.py).
failed_attempts = Table(
    "failed_attempts",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("key", String(320), nullable=False),
    Column("failed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Index("ix_failed_attempts_key_failed_at", "key", "failed_at"),
    Index("ix_failed_attempts_failed_at", "failed_at"),
)
