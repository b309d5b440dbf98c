"""Local copies of services, agent roles, usager profiles and referent assignations

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COPIES = {
    "local_services": (),
    "local_agent_roles": ("agent_id", "organisation_id"),
    "local_user_profiles": ("user_id", "organisation_id"),
    "local_referent_assignations": ("user_id", "agent_id"),
}


def upgrade() -> None:
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
