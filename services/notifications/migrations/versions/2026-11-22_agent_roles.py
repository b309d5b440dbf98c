"""Copies of agents' roles, to find an organisation's admins

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "agent_roles",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("access_level", sa.String(length=20), nullable=False),
        sa.Column(
            "version",
            sa.Integer(),
            nullable=False,
            comment="The producer's version: older states are ignored",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agent_roles")),
    )
    op.create_index("ix_agent_roles_organisation_id", "agent_roles", ["organisation_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_agent_roles_organisation_id", table_name="agent_roles")
    op.drop_table("agent_roles")
