"""Agents' spreadsheet exports and their files, stored as chunks

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _timestamp(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "exports",
        sa.Column("id", sa.BigInteger(), sa.Identity(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("export_type", sa.String(32), nullable=False),
        sa.Column("filters", postgresql.JSONB(), nullable=False),
        sa.Column("scope", postgresql.JSONB(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("file_name", sa.String(120), nullable=False),
        sa.Column("rows_count", sa.Integer(), nullable=True),
        sa.Column("size_bytes", sa.BigInteger(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        _timestamp("created_at"),
        _timestamp("completed_at", nullable=True),
        _timestamp("expires_at"),
        sa.PrimaryKeyConstraint("id", name="pk_exports"),
    )
    op.create_index("ix_exports_agent_id", "exports", ["agent_id"])
    op.create_index("ix_exports_expires_at", "exports", ["expires_at"])
    op.create_index(
        "ix_exports_pending", "exports", ["created_at"], postgresql_where=sa.text("state = 'pending'")
    )
    op.create_table(
        "export_chunks",
        sa.Column("export_id", sa.BigInteger(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["export_id"], ["exports.id"], name="fk_export_chunks_export_id_exports", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("export_id", "position", name="pk_export_chunks"),
    )


def downgrade() -> None:
    op.drop_table("export_chunks")
    op.drop_table("exports")
