"""The directory's tables. Column names follow the domain dataclasses, so rows map to entities 1:1."""

from rdv_chassis.db.metadata import new_metadata
from rdv_chassis.db.tables import inbox_table, outbox_table
from sqlalchemy import (
    Boolean,
    Column,
    Computed,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Identity,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY

metadata = new_metadata()
outbox = outbox_table(metadata)
inbox = inbox_table(metadata)


LIVE_USERS = "deleted_at IS NULL AND anonymised_at IS NULL"


def _id() -> Column[int]:
    return Column("id", Integer, Identity(), primary_key=True)


def _version() -> Column[int]:
    return Column("version", Integer, nullable=False, server_default=text("1"))


def _flag(name: str, default: bool = False) -> Column[bool]:
    return Column(name, Boolean, nullable=False, server_default=text("true" if default else "false"))


def _fk(name: str, target: str, index: bool = False) -> Column[int]:
    return Column(name, Integer, ForeignKey(target, ondelete="CASCADE"), nullable=False, index=index)


territories = Table(
    "territories",
    metadata,
    _id(),
    Column("name", String(200), nullable=False, unique=True),
    Column("departement_number", String(3), nullable=False),
    Column("phone_number", String(40)),
    Column("time_zone", String(64), nullable=False, server_default="Europe/Paris"),
    Column("holiday_subdivision", String(20)),
    _flag("open_on_sundays"),
    _flag("open_on_holidays"),
    Column("sms_provider", String(40)),
    # Encrypted with the service's Fernet key: the provider's credentials never leave the directory.
    Column("sms_configuration", LargeBinary),
    _flag("visible_users_throughout_the_territory"),
    *(
        _flag(name)
        for name in (
            "enable_notes_field",
            "enable_caisse_affiliation_field",
            "enable_affiliation_number_field",
            "enable_family_situation_field",
            "enable_number_of_children_field",
            "enable_logement_field",
            "enable_case_number",
            "enable_address_details",
            "enable_context_field",
            "enable_waiting_room_mail_field",
            "enable_waiting_room_color_field",
        )
    ),
    _version(),
)

services = Table(
    "services",
    metadata,
    _id(),
    Column("name", String(200), nullable=False, unique=True),
    Column("short_name", String(60), nullable=False, unique=True),
    _flag("is_secretariat"),
    _version(),
)

territory_services = Table(
    "territory_services",
    metadata,
    Column("territory_id", Integer, ForeignKey("territories.id", ondelete="CASCADE"), primary_key=True),
    Column("service_id", Integer, ForeignKey("services.id", ondelete="CASCADE"), primary_key=True),
)

organisations = Table(
    "organisations",
    metadata,
    _id(),
    _fk("territory_id", "territories.id", index=True),
    Column("name", String(200), nullable=False),
    Column("external_id", String(100)),
    Column("phone_number", String(40)),
    Column("email", String(254)),
    Column("website", String(500)),
    Column("horaires", Text),
    Column("verticale", String(40), nullable=False, server_default="rdv_solidarites"),
    _version(),
    UniqueConstraint("territory_id", "name", name="uq_organisations_territory_name"),
    UniqueConstraint("territory_id", "external_id", name="uq_organisations_territory_external_id"),
)

agents = Table(
    "agents",
    metadata,
    _id(),
    Column("email", String(254), unique=True),
    Column("first_name", String(200)),
    Column("last_name", String(200), nullable=False),
    Column("external_id", String(100), unique=True),
    Column("rdv_notifications_level", String(20), nullable=False, server_default="others"),
    Column("plage_ouverture_notification_level", String(20), nullable=False, server_default="all"),
    Column("absence_notification_level", String(20), nullable=False, server_default="all"),
    Column("deleted_at", DateTime(timezone=True)),
    Column("password_hash", String(255)),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    _version(),
)

agent_services = Table(
    "agent_services",
    metadata,
    Column("agent_id", Integer, ForeignKey("agents.id", ondelete="CASCADE"), primary_key=True),
    Column("service_id", Integer, ForeignKey("services.id", ondelete="CASCADE"), primary_key=True),
)

agent_roles = Table(
    "agent_roles",
    metadata,
    _id(),
    _fk("agent_id", "agents.id"),
    _fk("organisation_id", "organisations.id", index=True),
    Column("access_level", String(20), nullable=False, server_default="basic"),
    _version(),
    UniqueConstraint("agent_id", "organisation_id", name="uq_agent_roles_agent_organisation"),
)

agent_territorial_roles = Table(
    "agent_territorial_roles",
    metadata,
    _id(),
    _fk("agent_id", "agents.id"),
    _fk("territory_id", "territories.id", index=True),
    UniqueConstraint("agent_id", "territory_id", name="uq_agent_territorial_roles_agent_territory"),
)

users = Table(
    "users",
    metadata,
    _id(),
    Column("first_name", String(200), nullable=False),
    Column("last_name", String(200), nullable=False),
    Column("birth_name", String(200)),
    Column("birth_date", Date),
    Column("email", String(254), unique=True),
    Column("phone_number", String(40)),
    Column("phone_number_formatted", String(20)),
    Column("address", String(500)),
    Column("address_details", String(500)),
    Column("post_code", String(5)),
    Column("city_code", String(5)),
    Column("city_name", String(200)),
    Column("caisse_affiliation", String(20)),
    Column("affiliation_number", String(100)),
    Column("family_situation", String(30)),
    Column("number_of_children", Integer),
    Column("logement", String(30)),
    Column("notes", Text),
    Column("case_number", String(100)),
    Column("responsible_id", Integer, ForeignKey("users.id", ondelete="SET NULL"), index=True),
    _flag("notify_by_sms", default=True),
    _flag("notify_by_email", default=True),
    Column("created_through", String(40), nullable=False, server_default="unknown"),
    Column("invited_through", String(40)),
    _flag("logged_once_with_franceconnect"),
    Column("ants_pre_demande_number", String(40)),
    Column("deleted_at", DateTime(timezone=True)),
    Column("anonymised_at", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    _version(),
    # directory_search_terms() (see the migrations) lists the accent-free, lower-case words of names,
    # e-mail and phone digits, each after a space; the keys order and prefix-match last names.
    Column(
        "search_terms",
        Text,
        Computed(
            "directory_search_terms(first_name, last_name, birth_name, email, phone_number)", persisted=True
        ),
    ),
    *(
        Column(
            f"{name}_key", Text(collation="C"), Computed(f"lower(directory_unaccent({name}))", persisted=True)
        )
        for name in ("last_name", "first_name")
    ),
    Index(
        "ix_users_search_terms_trgm",
        "search_terms",
        postgresql_using="gin",
        postgresql_ops={"search_terms": "gin_trgm_ops"},
        postgresql_where=text(LIVE_USERS),
    ),
    # Covers the word filter too, so a search ordered by name never reads the table.
    Index(
        "ix_users_live_name_keys",
        "last_name_key",
        "first_name_key",
        "id",
        postgresql_include=["search_terms"],
        postgresql_where=text(LIVE_USERS),
    ),
)

user_credentials = Table(
    "user_credentials",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("password_hash", String(255), nullable=False),
    Column("email_verified_at", DateTime(timezone=True)),
)

user_profiles = Table(
    "user_profiles",
    metadata,
    _id(),
    _fk("user_id", "users.id"),
    _fk("organisation_id", "organisations.id", index=True),
    UniqueConstraint("user_id", "organisation_id", name="uq_user_profiles_user_organisation"),
)

referent_assignations = Table(
    "referent_assignations",
    metadata,
    _id(),
    _fk("user_id", "users.id"),
    _fk("agent_id", "agents.id", index=True),
    UniqueConstraint("user_id", "agent_id", name="uq_referent_assignations_user_agent"),
)

lieux = Table(
    "lieux",
    metadata,
    _id(),
    _fk("organisation_id", "organisations.id", index=True),
    Column("name", String(200), nullable=False),
    Column("address", String(500), nullable=False),
    Column("latitude", Float, nullable=False),
    Column("longitude", Float, nullable=False),
    Column("phone_number", String(40)),
    Column("availability", String(20), nullable=False, server_default="enabled"),
    _version(),
)

motif_categories = Table(
    "motif_categories",
    metadata,
    _id(),
    _fk("territory_id", "territories.id"),
    Column("name", String(200), nullable=False),
    Column("short_name", String(64), nullable=False),
    _version(),
    UniqueConstraint("territory_id", "short_name", name="uq_motif_categories_territory_short_name"),
)

motifs = Table(
    "motifs",
    metadata,
    _id(),
    _fk("organisation_id", "organisations.id", index=True),
    Column("service_id", Integer, ForeignKey("services.id"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("color", String(7)),
    Column("default_duration_in_min", Integer, nullable=False, server_default=text("30")),
    Column("location_type", String(20), nullable=False, server_default="public_office"),
    Column("bookable_by", String(60), nullable=False, server_default="agents"),
    Column("min_public_booking_delay", Integer, nullable=False, server_default=text("1800")),
    Column("max_public_booking_delay", Integer, nullable=False, server_default=text("7889238")),
    Column("visibility_type", String(40), nullable=False, server_default="visible_and_notified"),
    Column("sectorisation_level", String(20), nullable=False, server_default="departement"),
    _flag("collectif"),
    _flag("follow_up"),
    _flag("for_secretariat"),
    Column("restriction_for_rdv", Text),
    Column("instruction_for_rdv", Text),
    Column("custom_cancel_warning_message", Text),
    _flag("rdvs_editable_by_user", default=True),
    _flag("rdvs_cancellable_by_user", default=True),
    # RESTRICT: a category in use cannot be deleted (application/motif_categories.py says which).
    Column(
        "motif_category_id",
        Integer,
        ForeignKey("motif_categories.id", ondelete="RESTRICT"),
        nullable=True,
        index=True,
    ),
    Column("deleted_at", DateTime(timezone=True)),
    _version(),
    # Reference §1.7: a name is unique per organisation, location type and service among live motifs.
    Index(
        "uq_motifs_live_name",
        "organisation_id",
        "location_type",
        "service_id",
        "name",
        unique=True,
        postgresql_where=text("deleted_at IS NULL"),
    ),
)

teams = Table(
    "teams",
    metadata,
    _id(),
    _fk("territory_id", "territories.id"),
    Column("name", String(200), nullable=False),
    # Members as an array: a team is read, changed and published whole, never queried by member.
    Column("agent_ids", ARRAY(Integer), nullable=False, server_default=text("'{}'")),
    _version(),
    UniqueConstraint("territory_id", "name", name="uq_teams_territory_name"),
)

# Registers the remaining tables on `metadata` (Alembic and the drift test read it from here).
from directory.adapters import auth_tables as _auth_tables  # noqa: E402, F401
