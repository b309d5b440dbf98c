"""Failed attempts shared by every API process (sign-in and password-reset limits)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "failed_attempts",
        sa.Column("id", sa.BigInteger(), sa.Identity(), nullable=False),
        sa.Column("key", sa.String(320), nullable=False),
        sa.Column("failed_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_failed_attempts"),
    )
    op.create_index("ix_failed_attempts_key_failed_at", "failed_attempts", ["key", "failed_at"])
    op.create_index("ix_failed_attempts_failed_at", "failed_attempts", ["failed_at"])


def downgrade() -> None:
    op.drop_table("failed_attempts")
