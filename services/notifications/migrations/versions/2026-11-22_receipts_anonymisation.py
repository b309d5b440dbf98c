"""Receipts anonymised after six months: recipient erasable, anonymisation time

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

TO_ANONYMISE = sa.text("anonymised_at IS NULL")


def upgrade() -> None:
    op.add_column("deliveries", sa.Column("anonymised_at", sa.DateTime(timezone=True), nullable=True))
    op.alter_column(
        "deliveries",
        "recipient",
        existing_type=sa.String(length=320),
        nullable=True,
        comment="Erased once anonymised",
    )
    op.create_index("ix_deliveries_to_anonymise", "deliveries", ["created_at"], postgresql_where=TO_ANONYMISE)


def downgrade() -> None:
    op.drop_index("ix_deliveries_to_anonymise", table_name="deliveries", postgresql_where=TO_ANONYMISE)
    op.execute("UPDATE deliveries SET recipient = 'anonymised:' || id WHERE recipient IS NULL")
    op.alter_column(
        "deliveries",
        "recipient",
        existing_type=sa.String(length=320),
        nullable=False,
        comment=None,
        existing_comment="Erased once anonymised",
    )
    op.drop_column("deliveries", "anonymised_at")
