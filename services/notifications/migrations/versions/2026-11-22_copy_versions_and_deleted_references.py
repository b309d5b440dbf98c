"""Versions of the local copies, and the references deleted at directory

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COPIES = ("territories", "organisations", "services", "motifs", "lieux", "users", "agents")
VERSION_COMMENT = "The producer's version: older states are ignored"


def upgrade() -> None:
    for table in COPIES:
        # Rows copied before versions existed count as version 1, the contracts' default.
        op.add_column(
            table,
            sa.Column("version", sa.Integer(), nullable=False, server_default="1", comment=VERSION_COMMENT),
        )
        op.alter_column(table, "version", server_default=None)
    op.create_table(
        "deleted_references",
        sa.Column("entity", sa.String(length=20), nullable=False),
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint("entity", "id", name=op.f("pk_deleted_references")),
        comment="Motifs, lieux, organisations and territories deleted at directory: an RDV event that "
        "refers to one of them is not waiting for its copy",
    )


def downgrade() -> None:
    op.drop_table("deleted_references")
    for table in COPIES:
        op.drop_column(table, "version")
