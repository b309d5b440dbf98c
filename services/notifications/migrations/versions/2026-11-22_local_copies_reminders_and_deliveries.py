"""Local copies, reminders and deliveries

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 01:23:28.825899
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
        "agents",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("first_name", sa.String(length=200), nullable=True),
        sa.Column("last_name", sa.String(length=200), nullable=False),
        sa.Column("rdv_notifications_level", sa.String(length=10), nullable=False),
        sa.Column("plage_ouverture_notification_level", sa.String(length=10), nullable=False),
        sa.Column("absence_notification_level", sa.String(length=10), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agents")),
    )
    op.create_table(
        "deliveries",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=True), nullable=False),
        sa.Column("event_id", sa.UUID(), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("recipient", sa.String(length=320), nullable=False),
        sa.Column("event", sa.String(length=40), nullable=False),
        sa.Column("rdv_id", sa.Integer(), nullable=True),
        sa.Column("rdv_uuid", sa.UUID(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("agent_id", sa.Integer(), nullable=True),
        sa.Column(
            "message",
            postgresql.JSONB(astext_type=sa.Text()),
            nullable=True,
            comment="Rendered message; erased once sent or failed",
        ),
        sa.Column("content", sa.Text(), nullable=True),
        sa.Column("state", sa.String(length=10), nullable=False, comment="pending | sending | done"),
        sa.Column("result", sa.String(length=10), nullable=False),
        sa.Column("error_message", sa.Text(), nullable=True),
        sa.Column("attempts", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column(
            "next_attempt_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sms_provider", sa.String(length=40), nullable=True),
        sa.Column("sms_count", sa.Integer(), nullable=True),
        sa.Column("provider_message_id", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deliveries")),
        sa.UniqueConstraint("event_id", "channel", "recipient", name="uq_deliveries_event_channel_recipient"),
    )
    op.create_index(
        "ix_deliveries_due",
        "deliveries",
        ["next_attempt_at"],
        unique=False,
        postgresql_where=sa.text("state <> 'done'"),
    )
    op.create_index(
        "ix_deliveries_provider_message", "deliveries", ["sms_provider", "provider_message_id"], unique=False
    )
    op.create_index("ix_deliveries_rdv_id", "deliveries", ["rdv_id"], unique=False)
    op.create_table(
        "lieux",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("address", sa.String(length=500), nullable=False),
        sa.Column("phone_number", sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lieux")),
    )
    op.create_table(
        "motifs",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("location_type", sa.String(length=30), nullable=False),
        sa.Column("visibility_type", sa.String(length=40), nullable=False),
        sa.Column("instruction_for_rdv", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_motifs")),
    )
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("territory_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("phone_number", sa.String(length=40), nullable=True),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("website", sa.String(length=500), nullable=True),
        sa.Column("verticale", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisations")),
    )
    op.create_table(
        "reminders",
        sa.Column("rdv_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("state", sa.String(length=10), nullable=False, comment="scheduled | sent | dropped"),
        sa.Column(
            "rdv",
            postgresql.JSONB(astext_type=sa.Text()),
            nullable=False,
            comment="Latest RDV snapshot, the reminder's content",
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("rdv_id", name=op.f("pk_reminders")),
    )
    op.create_index(
        "ix_reminders_due",
        "reminders",
        ["due_at"],
        unique=False,
        postgresql_where=sa.text("state = 'scheduled'"),
    )
    op.create_table(
        "services",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("short_name", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_services")),
    )
    op.create_table(
        "territories",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("departement_number", sa.String(length=3), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("holiday_subdivision", sa.String(length=20), nullable=True),
        sa.Column("sms_provider", sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_territories")),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("first_name", sa.String(length=200), nullable=False),
        sa.Column("last_name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column(
            "mobile_phone",
            sa.String(length=20),
            nullable=True,
            comment="E.164, only when it is a mobile number",
        ),
        sa.Column("notify_by_email", sa.Boolean(), nullable=False),
        sa.Column("notify_by_sms", sa.Boolean(), nullable=False),
        sa.Column("responsible_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
    )


def downgrade() -> None:
    op.drop_table("users")
    op.drop_table("territories")
    op.drop_table("services")
    op.drop_index("ix_reminders_due", table_name="reminders", postgresql_where=sa.text("state = 'scheduled'"))
    op.drop_table("reminders")
    op.drop_table("organisations")
    op.drop_table("motifs")
    op.drop_table("lieux")
    op.drop_index("ix_deliveries_rdv_id", table_name="deliveries")
    op.drop_index("ix_deliveries_provider_message", table_name="deliveries")
    op.drop_index("ix_deliveries_due", table_name="deliveries", postgresql_where=sa.text("state <> 'done'"))
    op.drop_table("deliveries")
    op.drop_table("agents")
