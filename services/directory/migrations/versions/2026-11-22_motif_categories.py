"""Motif categories per territory, and a motif's optional category

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "motif_categories",
        sa.Column("id", sa.Integer(), sa.Identity(), nullable=False),
        sa.Column("territory_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("short_name", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1")),
        sa.ForeignKeyConstraint(
            ["territory_id"],
            ["territories.id"],
            name="fk_motif_categories_territory_id_territories",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_motif_categories"),
        sa.UniqueConstraint("territory_id", "short_name", name="uq_motif_categories_territory_short_name"),
    )
    op.add_column("motifs", sa.Column("motif_category_id", sa.Integer(), nullable=True))
    op.create_foreign_key(
        "fk_motifs_motif_category_id_motif_categories",
        "motifs",
        "motif_categories",
        ["motif_category_id"],
        ["id"],
        ondelete="RESTRICT",
    )
    op.create_index("ix_motifs_motif_category_id", "motifs", ["motif_category_id"])


def downgrade() -> None:
    op.drop_index("ix_motifs_motif_category_id", table_name="motifs")
    op.drop_constraint("fk_motifs_motif_category_id_motif_categories", "motifs", type_="foreignkey")
    op.drop_column("motifs", "motif_category_id")
    op.drop_table("motif_categories")
