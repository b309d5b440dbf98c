"""The availability database: its own agendas, local copies of directory and booking data, outbox, inbox."""

from typing import Any

from rdv_chassis.db.metadata import new_metadata
from rdv_chassis.db.tables import inbox_table, outbox_table
from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Identity,
    Index,
    Integer,
    String,
    Table,
    Text,
    Time,
)
from sqlalchemy.dialects.postgresql import ARRAY, TSTZRANGE

metadata = new_metadata()
outbox = outbox_table(metadata)
inbox = inbox_table(metadata)


def _copy(name: str, *columns: Column[Any]) -> Table:
    """A local copy of another service's entity; `source_at` orders its states (replays change nothing)."""
    return Table(
        name,
        metadata,
        Column("id", BigInteger, primary_key=True, autoincrement=False),
        *columns,
        Column("source_at", DateTime(timezone=True), nullable=False),
    )


territories = _copy(
    "territories",
    Column("departement_number", String(3), nullable=False),
    Column("time_zone", String(64), nullable=False),
    Column("holiday_subdivision", String(16), nullable=True),
    Column("open_on_sundays", Boolean, nullable=False),
    Column("open_on_holidays", Boolean, nullable=False),
)
organisations = _copy(
    "organisations",
    Column("territory_id", BigInteger, nullable=False),
    Column("name", Text, nullable=False),
)
services = _copy(
    "services",
    Column("name", Text, nullable=False),
    Column("is_secretariat", Boolean, nullable=False),
)
agents = _copy(
    "agents",
    Column("first_name", Text, nullable=True),
    Column("last_name", Text, nullable=False),
    Column("service_ids", ARRAY(BigInteger), nullable=False),
    Column("organisation_ids", ARRAY(BigInteger), nullable=False),
    Column("active", Boolean, nullable=False),
)
lieux = _copy(
    "lieux",
    Column("organisation_id", BigInteger, nullable=False),
    Column("name", Text, nullable=False),
    Column("address", Text, nullable=False),
    Column("latitude", Float, nullable=True),
    Column("longitude", Float, nullable=True),
    Column("enabled", Boolean, nullable=False),
)
motifs = _copy(
    "motifs",
    Column("organisation_id", BigInteger, nullable=False),
    Column("service_id", BigInteger, nullable=False),
    Column("name", Text, nullable=False),
    Column("duration_in_min", Integer, nullable=False),
    Column("location_type", String(20), nullable=False),
    Column("bookable_by", String(50), nullable=False),
    Column("min_public_booking_delay", Integer, nullable=False),
    Column("max_public_booking_delay", Integer, nullable=False),
    Column("collectif", Boolean, nullable=False),
    Column("follow_up", Boolean, nullable=False),
    Column("for_secretariat", Boolean, nullable=False),
    Column("active", Boolean, nullable=False),
)

# Who the usager's referent agents are: follow-up motifs are held by them only (reference §1.7).
referent_assignations = _copy(
    "referent_assignations",
    Column("user_id", BigInteger, nullable=False, index=True),
    Column("agent_id", BigInteger, nullable=False),
)
# The directory's teams: an agent search may be filtered by team (its members).
teams = _copy(
    "teams",
    Column("territory_id", BigInteger, nullable=False),
    Column("agent_ids", ARRAY(BigInteger), nullable=False),
)


def _agenda(name: str, *columns: Column[Any]) -> Table:
    return Table(
        name,
        metadata,
        Column("id", BigInteger, Identity(), primary_key=True),
        Column("agent_id", BigInteger, nullable=False, index=True),
        Column("title", Text, nullable=False),
        Column("first_day", Date, nullable=False),
        Column("start_time", Time, nullable=False),
        Column("end_time", Time, nullable=False),
        *columns,
        Column("rrule", Text, nullable=True),
        Column("recurrence_ends_on", Date, nullable=True),
        Column("time_zone", String(64), nullable=False),
        Column("ical_uid", String(100), nullable=False, unique=True),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("updated_at", DateTime(timezone=True), nullable=False),
        Column("version", Integer, nullable=False),
    )


plages_ouverture = _agenda(
    "plages_ouverture",
    Column("organisation_id", BigInteger, nullable=False, index=True),
    Column("lieu_id", BigInteger, nullable=True),
    Column("motif_ids", ARRAY(BigInteger), nullable=False),
)
absences = _agenda("absences", Column("end_day", Date, nullable=False))

rdvs = Table(
    "rdvs",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=False),
    Column("version", Integer, nullable=False),
    Column("organisation_id", BigInteger, nullable=False),
    Column("motif_id", BigInteger, nullable=False),
    Column("lieu_id", BigInteger, nullable=True),
    Column("starts_at", DateTime(timezone=True), nullable=False),
    Column("ends_at", DateTime(timezone=True), nullable=False),
    Column("status", String(20), nullable=False),
    Column("collectif", Boolean, nullable=False),
    Column("max_participants_count", Integer, nullable=True),
    Column("users_count", Integer, nullable=False),
    Column("agent_ids", ARRAY(BigInteger), nullable=False),
    Index("ix_rdvs_collective_motif", "motif_id", "starts_at"),
)

# One row per agent of each non-cancelled RDV: the busy time the slot search subtracts.
rdv_busy = Table(
    "rdv_busy",
    metadata,
    Column("rdv_id", BigInteger, primary_key=True),
    Column("agent_id", BigInteger, primary_key=True),
    Column("during", TSTZRANGE, nullable=False),
    Index("ix_rdv_busy_agent_during", "agent_id", "during", postgresql_using="gist"),
)

# Bumped by every transaction that changes what the in-memory catalog holds (not by RDVs).
catalog_version = Table(
    "catalog_version",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("version", BigInteger, nullable=False),
)
