"""RDVs, participations, the agents' busy ranges with their exclusion constraint, links, local copies

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

COPIES = {
    "local_motifs": ("organisation_id", "service_id"),
    "local_lieux": ("organisation_id",),
    "local_agents": (),
    "local_users": ("responsible_id",),
    "local_organisations": ("territory_id",),
    "local_territories": (),
}


def _when(name: str, nullable: bool = False) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    op.create_table(
        "rdvs",
        sa.Column("id", sa.BigInteger(), sa.Identity(), nullable=False),
        sa.Column("uuid", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("motif_id", sa.Integer(), nullable=False),
        sa.Column("lieu_id", sa.Integer(), nullable=True),
        sa.Column("single_use_lieu", postgresql.JSONB(), nullable=True),
        _when("starts_at"),
        _when("ends_at"),
        sa.Column("status", sa.String(16), nullable=False),
        _when("cancelled_at", nullable=True),
        sa.Column("agent_ids", postgresql.ARRAY(sa.Integer()), nullable=False),
        sa.Column("context", sa.Text(), nullable=True),
        sa.Column("name", sa.String(255), nullable=True),
        sa.Column("collectif", sa.Boolean(), nullable=False),
        sa.Column("max_participants_count", sa.Integer(), nullable=True),
        sa.Column("users_count", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(16), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("prescripteur", postgresql.JSONB(), nullable=True),
        sa.Column("forced", sa.Boolean(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _when("created_at"),
        _when("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_rdvs"),
        sa.UniqueConstraint("uuid", name="uq_rdvs_uuid"),
        sa.CheckConstraint("ends_at > starts_at", name=op.f("ck_rdvs_positive_duration")),
        sa.CheckConstraint(
            "max_participants_count IS NULL OR users_count <= max_participants_count",
            name=op.f("ck_rdvs_within_capacity"),
        ),
    )
    op.create_index("ix_rdvs_organisation_starts_at", "rdvs", ["organisation_id", "starts_at"])
    op.create_index("ix_rdvs_agent_ids", "rdvs", ["agent_ids"], postgresql_using="gin")
    op.create_table(
        "participations",
        sa.Column("id", sa.BigInteger(), sa.Identity(), nullable=False),
        sa.Column("rdv_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("beneficiary", postgresql.JSONB(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("send_lifecycle_notifications", sa.Boolean(), nullable=False),
        sa.Column("send_reminder_notification", sa.Boolean(), nullable=False),
        sa.Column("created_by_type", sa.String(16), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_by_agent_prescripteur", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_participations"),
        sa.ForeignKeyConstraint(
            ["rdv_id"], ["rdvs.id"], name="fk_participations_rdv_id_rdvs", ondelete="CASCADE"
        ),
        sa.UniqueConstraint("rdv_id", "user_id", name="uq_participations_rdv_id"),
        sa.CheckConstraint(
            "(user_id IS NULL) <> (beneficiary IS NULL)",
            name=op.f("ck_participations_account_or_beneficiary"),
        ),
    )
    op.create_index("ix_participations_user_id", "participations", ["user_id"])
    op.create_table(
        "rdv_agent_busy",
        sa.Column("rdv_id", sa.BigInteger(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("during", postgresql.TSTZRANGE(), nullable=False),
        sa.PrimaryKeyConstraint("rdv_id", "agent_id", name="pk_rdv_agent_busy"),
        sa.ForeignKeyConstraint(
            ["rdv_id"], ["rdvs.id"], name="fk_rdv_agent_busy_rdv_id_rdvs", ondelete="CASCADE"
        ),
        postgresql.ExcludeConstraint(
            (sa.column("agent_id"), "="),
            (sa.column("during"), "&&"),
            name="rdv_agent_busy_no_overlap",
            using="gist",
        ),
    )
    op.create_table(
        "idempotency_keys",
        sa.Column("scope", sa.String(100), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("rdv_id", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("scope", "key", name="pk_idempotency_keys"),
    )
    op.create_table(
        "participation_links",
        sa.Column("participation_id", sa.BigInteger(), nullable=False),
        sa.Column("token_hash", sa.LargeBinary(32), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        _when("locked_until", nullable=True),
        _when("expires_at"),
        sa.PrimaryKeyConstraint("participation_id", name="pk_participation_links"),
        sa.ForeignKeyConstraint(
            ["participation_id"],
            ["participations.id"],
            name="fk_participation_links_participation_id_participations",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("token_hash", name="uq_participation_links_token_hash"),
    )
    op.create_table(
        "link_attempts",
        sa.Column("id", sa.BigInteger(), sa.Identity(), nullable=False),
        sa.Column("participation_id", sa.BigInteger(), nullable=True),
        sa.Column("client_hash", sa.String(64), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("attempted_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_link_attempts"),
    )
    op.create_index("ix_link_attempts_participation_id", "link_attempts", ["participation_id"])
    op.create_table(
        "link_sessions",
        sa.Column("token_hash", sa.LargeBinary(32), nullable=False),
        sa.Column("participation_id", sa.BigInteger(), nullable=False),
        _when("expires_at"),
        sa.PrimaryKeyConstraint("token_hash", name="pk_link_sessions"),
        sa.ForeignKeyConstraint(
            ["participation_id"],
            ["participations.id"],
            name="fk_link_sessions_participation_id_participations",
            ondelete="CASCADE",
        ),
    )
    for table, keys in COPIES.items():
        op.create_table(
            table,
            sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
            *(sa.Column(key, sa.Integer(), nullable=True) for key in keys),
            sa.Column("data", postgresql.JSONB(), nullable=False),
            sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
        )
        for key in keys:
            op.create_index(f"ix_{table}_{key}", table, [key])


def downgrade() -> None:
    for table in reversed(COPIES):
        op.drop_table(table)
    for table in ("link_sessions", "link_attempts", "participation_links", "idempotency_keys"):
        op.drop_table(table)
    op.drop_table("rdv_agent_busy")
    op.drop_table("participations")
    op.drop_table("rdvs")
