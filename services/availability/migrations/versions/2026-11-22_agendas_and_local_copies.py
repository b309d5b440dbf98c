"""Plages, absences, local copies of directory entities and RDV busy times, catalog version

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 01:20:57.025680
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The GiST index on (agent_id, during) needs btree_gist for the integer column.
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    op.create_table(
        "absences",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("agent_id", sa.BigInteger(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("end_time", sa.Time(), nullable=False),
        sa.Column("end_day", sa.Date(), nullable=False),
        sa.Column("rrule", sa.Text(), nullable=True),
        sa.Column("recurrence_ends_on", sa.Date(), nullable=True),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("ical_uid", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_absences")),
        sa.UniqueConstraint("ical_uid", name=op.f("uq_absences_ical_uid")),
    )
    op.create_index(op.f("ix_absences_agent_id"), "absences", ["agent_id"], unique=False)
    op.create_table(
        "agents",
        sa.Column("id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("first_name", sa.Text(), nullable=True),
        sa.Column("last_name", sa.Text(), nullable=False),
        sa.Column("service_ids", postgresql.ARRAY(sa.BigInteger()), nullable=False),
        sa.Column("organisation_ids", postgresql.ARRAY(sa.BigInteger()), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("source_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agents")),
    )
    op.create_table(
        "catalog_version",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalog_version")),
    )
    op.create_table(
        "lieux",
        sa.Column("id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("organisation_id", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("source_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lieux")),
    )
    op.create_table(
        "motifs",
        sa.Column("id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("organisation_id", sa.BigInteger(), nullable=False),
        sa.Column("service_id", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("duration_in_min", sa.Integer(), nullable=False),
        sa.Column("location_type", sa.String(length=20), nullable=False),
        sa.Column("bookable_by", sa.String(length=50), nullable=False),
        sa.Column("min_public_booking_delay", sa.Integer(), nullable=False),
        sa.Column("max_public_booking_delay", sa.Integer(), nullable=False),
        sa.Column("collectif", sa.Boolean(), nullable=False),
        sa.Column("follow_up", sa.Boolean(), nullable=False),
        sa.Column("for_secretariat", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("source_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_motifs")),
    )
    op.create_table(
        "organisations",
        sa.Column("id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("territory_id", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("source_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisations")),
    )
    op.create_table(
        "plages_ouverture",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("agent_id", sa.BigInteger(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("end_time", sa.Time(), nullable=False),
        sa.Column("organisation_id", sa.BigInteger(), nullable=False),
        sa.Column("lieu_id", sa.BigInteger(), nullable=True),
        sa.Column("motif_ids", postgresql.ARRAY(sa.BigInteger()), nullable=False),
        sa.Column("rrule", sa.Text(), nullable=True),
        sa.Column("recurrence_ends_on", sa.Date(), nullable=True),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("ical_uid", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plages_ouverture")),
        sa.UniqueConstraint("ical_uid", name=op.f("uq_plages_ouverture_ical_uid")),
    )
    op.create_index(op.f("ix_plages_ouverture_agent_id"), "plages_ouverture", ["agent_id"], unique=False)
    op.create_index(
        op.f("ix_plages_ouverture_organisation_id"), "plages_ouverture", ["organisation_id"], unique=False
    )
    op.create_table(
        "rdv_busy",
        sa.Column("rdv_id", sa.BigInteger(), nullable=False),
        sa.Column("agent_id", sa.BigInteger(), nullable=False),
        sa.Column("during", postgresql.TSTZRANGE(), nullable=False),
        sa.PrimaryKeyConstraint("rdv_id", "agent_id", name=op.f("pk_rdv_busy")),
    )
    op.create_index(
        "ix_rdv_busy_agent_during", "rdv_busy", ["agent_id", "during"], unique=False, postgresql_using="gist"
    )
    op.create_table(
        "rdvs",
        sa.Column("id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.BigInteger(), nullable=False),
        sa.Column("motif_id", sa.BigInteger(), nullable=False),
        sa.Column("lieu_id", sa.BigInteger(), nullable=True),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("collectif", sa.Boolean(), nullable=False),
        sa.Column("max_participants_count", sa.Integer(), nullable=True),
        sa.Column("users_count", sa.Integer(), nullable=False),
        sa.Column("agent_ids", postgresql.ARRAY(sa.BigInteger()), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rdvs")),
    )
    op.create_index("ix_rdvs_collective_motif", "rdvs", ["motif_id", "starts_at"], unique=False)
    op.create_table(
        "services",
        sa.Column("id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("is_secretariat", sa.Boolean(), nullable=False),
        sa.Column("source_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_services")),
    )
    op.create_table(
        "territories",
        sa.Column("id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("departement_number", sa.String(length=3), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("holiday_subdivision", sa.String(length=16), nullable=True),
        sa.Column("open_on_sundays", sa.Boolean(), nullable=False),
        sa.Column("open_on_holidays", sa.Boolean(), nullable=False),
        sa.Column("source_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_territories")),
    )
    op.execute("INSERT INTO catalog_version (id, version) VALUES (1, 1)")


def downgrade() -> None:
    op.drop_table("territories")
    op.drop_table("services")
    op.drop_index("ix_rdvs_collective_motif", table_name="rdvs")
    op.drop_table("rdvs")
    op.drop_index("ix_rdv_busy_agent_during", table_name="rdv_busy", postgresql_using="gist")
    op.drop_table("rdv_busy")
    op.drop_index(op.f("ix_plages_ouverture_organisation_id"), table_name="plages_ouverture")
    op.drop_index(op.f("ix_plages_ouverture_agent_id"), table_name="plages_ouverture")
    op.drop_table("plages_ouverture")
    op.drop_table("organisations")
    op.drop_table("motifs")
    op.drop_table("lieux")
    op.drop_table("catalog_version")
    op.drop_table("agents")
    op.drop_index(op.f("ix_absences_agent_id"), table_name="absences")
    op.drop_table("absences")
