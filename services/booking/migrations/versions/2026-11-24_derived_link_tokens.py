"""Participation links with derived tokens: no stored token, the counter lives as long as the participation

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_constraint("uq_participation_links_token_hash", "participation_links", type_="unique")
    op.drop_column("participation_links", "token_hash")
    op.drop_column("participation_links", "expires_at")


def downgrade() -> None:
    # Random tokens of the previous scheme cannot be rebuilt: their counters go with them.
    op.execute("DELETE FROM participation_links")
    op.add_column("participation_links", sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False))
    op.add_column("participation_links", sa.Column("token_hash", sa.LargeBinary(32), nullable=False))
    op.create_unique_constraint("uq_participation_links_token_hash", "participation_links", ["token_hash"])
