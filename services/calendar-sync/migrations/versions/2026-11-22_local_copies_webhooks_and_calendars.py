"""Local copies, webcal feeds, webhook endpoints and deliveries, calendar connections and events

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "calendar_connections",
        sa.Column("agent_id", sa.BigInteger(), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("secrets_encrypted", sa.LargeBinary(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("broken_reason", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("agent_id", "channel", name=op.f("pk_calendar_connections")),
    )
    op.create_table(
        "calendar_events",
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("agent_id", sa.BigInteger(), nullable=False),
        sa.Column("rdv_id", sa.BigInteger(), nullable=False),
        sa.Column("rdv_uuid", sa.UUID(), nullable=False),
        sa.Column("remote_id", sa.Text(), nullable=True),
        sa.Column("remote_etag", sa.Text(), nullable=True),
        sa.Column("pending", sa.Boolean(), nullable=False),
        sa.Column("generation", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("channel", "agent_id", "rdv_id", name=op.f("pk_calendar_events")),
    )
    op.create_index(
        "ix_calendar_events_due",
        "calendar_events",
        ["due_at"],
        unique=False,
        postgresql_where=sa.text("pending"),
    )
    op.create_index("ix_calendar_events_rdv_id", "calendar_events", ["rdv_id"], unique=False)
    op.create_table(
        "entity_copies",
        sa.Column("model", sa.String(length=40), nullable=False),
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("organisation_id", sa.BigInteger(), nullable=True),
        sa.Column("data", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("model", "id", name=op.f("pk_entity_copies")),
    )
    op.create_index(
        "ix_entity_copies_model_organisation", "entity_copies", ["model", "organisation_id"], unique=False
    )
    op.create_table(
        "outlook_authorisations",
        sa.Column("state", sa.String(length=100), nullable=False),
        sa.Column("agent_id", sa.BigInteger(), nullable=False),
        sa.Column("flow_encrypted", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("state", name=op.f("pk_outlook_authorisations")),
    )
    op.create_table(
        "rdvs",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("uuid", sa.UUID(), nullable=False),
        sa.Column("organisation_id", sa.BigInteger(), nullable=False),
        sa.Column("agent_ids", postgresql.ARRAY(sa.BigInteger()), nullable=False),
        sa.Column("motif_id", sa.BigInteger(), nullable=False),
        sa.Column("lieu_id", sa.BigInteger(), nullable=True),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("snapshot", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("vevent", sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rdvs")),
    )
    op.create_index("ix_rdvs_agent_ids", "rdvs", ["agent_ids"], unique=False, postgresql_using="gin")
    op.create_index("ix_rdvs_organisation_id", "rdvs", ["organisation_id"], unique=False)
    op.create_index("ix_rdvs_motif_id", "rdvs", ["motif_id"], unique=False)
    op.create_index("ix_rdvs_lieu_id", "rdvs", ["lieu_id"], unique=False)
    op.create_table(
        "webcal_feeds",
        sa.Column("agent_id", sa.BigInteger(), nullable=False),
        sa.Column("token_sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("agent_id", name=op.f("pk_webcal_feeds")),
        sa.UniqueConstraint("token_sha256", name=op.f("uq_webcal_feeds_token_sha256")),
    )
    op.create_table(
        "webhook_endpoints",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("organisation_id", sa.BigInteger(), nullable=False),
        sa.Column("target_url", sa.String(length=2000), nullable=False),
        sa.Column("secret_encrypted", sa.LargeBinary(), nullable=False),
        sa.Column("subscriptions", postgresql.ARRAY(sa.String(length=40)), nullable=False),
        sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("disabled_reason", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_endpoints")),
        sa.UniqueConstraint(
            "organisation_id", "target_url", name=op.f("uq_webhook_endpoints_organisation_id")
        ),
    )
    op.create_table(
        "webhook_deliveries",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("endpoint_id", sa.BigInteger(), nullable=False),
        sa.Column("event_id", sa.UUID(), nullable=False),
        sa.Column("model", sa.String(length=40), nullable=False),
        sa.Column("event", sa.String(length=20), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_status_code", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["endpoint_id"],
            ["webhook_endpoints.id"],
            name=op.f("fk_webhook_deliveries_endpoint_id_webhook_endpoints"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_deliveries")),
        sa.UniqueConstraint("event_id", "endpoint_id", name=op.f("uq_webhook_deliveries_event_id")),
    )
    op.create_index(
        "ix_webhook_deliveries_due",
        "webhook_deliveries",
        ["next_attempt_at"],
        unique=False,
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.create_index(
        "ix_webhook_deliveries_endpoint", "webhook_deliveries", ["endpoint_id", "id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_webhook_deliveries_endpoint", table_name="webhook_deliveries")
    op.drop_index(
        "ix_webhook_deliveries_due",
        table_name="webhook_deliveries",
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.drop_table("webhook_deliveries")
    op.drop_table("webhook_endpoints")
    op.drop_table("webcal_feeds")
    op.drop_index("ix_rdvs_lieu_id", table_name="rdvs")
    op.drop_index("ix_rdvs_motif_id", table_name="rdvs")
    op.drop_index("ix_rdvs_organisation_id", table_name="rdvs")
    op.drop_index("ix_rdvs_agent_ids", table_name="rdvs", postgresql_using="gin")
    op.drop_table("rdvs")
    op.drop_table("outlook_authorisations")
    op.drop_index("ix_entity_copies_model_organisation", table_name="entity_copies")
    op.drop_table("entity_copies")
    op.drop_index("ix_calendar_events_rdv_id", table_name="calendar_events")
    op.drop_index("ix_calendar_events_due", table_name="calendar_events", postgresql_where=sa.text("pending"))
    op.drop_table("calendar_events")
    op.drop_table("calendar_connections")
