"""Local copy of the usagers' referent agents.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "referent_assignations",
        sa.Column("id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("agent_id", sa.BigInteger(), nullable=False),
        sa.Column("source_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referent_assignations")),
    )
    op.create_index(
        op.f("ix_referent_assignations_user_id"), "referent_assignations", ["user_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_referent_assignations_user_id"), table_name="referent_assignations")
    op.drop_table("referent_assignations")
