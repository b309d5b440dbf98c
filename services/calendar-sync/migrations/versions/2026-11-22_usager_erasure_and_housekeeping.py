"""Usagers shown by each delivery, organisations that knew each usager, erased usagers, purge indexes

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "webhook_deliveries",
        sa.Column(
            "user_ids", postgresql.ARRAY(sa.BigInteger()), server_default=sa.text("'{}'"), nullable=False
        ),
    )
    op.create_index(
        "ix_webhook_deliveries_user_ids", "webhook_deliveries", ["user_ids"], postgresql_using="gin"
    )
    op.create_index(
        "ix_webhook_deliveries_finished",
        "webhook_deliveries",
        ["created_at"],
        postgresql_where=sa.text("status <> 'pending'"),
    )
    op.create_index("ix_inbox_processed_at", "inbox", ["processed_at"], postgresql_using="brin")
    op.create_table(
        "user_memberships",
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("organisation_id", sa.BigInteger(), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id", "organisation_id", name=op.f("pk_user_memberships")),
    )
    op.create_table(
        "erased_users",
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("data", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("erased_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_erased_users")),
    )
    op.create_index("ix_erased_users_erased_at", "erased_users", ["erased_at"])


def downgrade() -> None:
    op.drop_index("ix_erased_users_erased_at", table_name="erased_users")
    op.drop_table("erased_users")
    op.drop_table("user_memberships")
    op.drop_index("ix_inbox_processed_at", table_name="inbox")
    op.drop_index("ix_webhook_deliveries_finished", table_name="webhook_deliveries")
    op.drop_index("ix_webhook_deliveries_user_ids", table_name="webhook_deliveries")
    op.drop_column("webhook_deliveries", "user_ids")
