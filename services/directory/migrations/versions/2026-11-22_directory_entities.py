"""Directory entities, credentials, tokens and the RDV facts; unaccent + pg_trgm for usager search

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# unaccent() is only STABLE (its dictionary could change); pinning the dictionary makes the wrapper
# safe to declare IMMUTABLE, which a generated column and its trigram index require.
SEARCH_FUNCTIONS = (
    r"""
CREATE FUNCTION directory_unaccent(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, value) $$
""",
    r"""
CREATE FUNCTION directory_search_text(
    first_name text, last_name text, birth_name text, email text, phone_number text
) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT lower(directory_unaccent(concat_ws(' ',
    first_name, last_name, birth_name, email, regexp_replace(coalesce(phone_number, ''), '\D', '', 'g')
))) $$
""",
)


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for statement in SEARCH_FUNCTIONS:
        op.execute(statement)
    op.create_table(
        "account_tokens",
        sa.Column("id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("purpose", sa.String(length=40), nullable=False),
        sa.Column("subject", sa.String(length=40), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_account_tokens_token_hash")),
    )
    op.create_table(
        "agents",
        sa.Column("id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("first_name", sa.String(length=200), nullable=True),
        sa.Column("last_name", sa.String(length=200), nullable=False),
        sa.Column("external_id", sa.String(length=100), nullable=True),
        sa.Column("rdv_notifications_level", sa.String(length=20), server_default="others", nullable=False),
        sa.Column(
            "plage_ouverture_notification_level", sa.String(length=20), server_default="all", nullable=False
        ),
        sa.Column("absence_notification_level", sa.String(length=20), server_default="all", nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agents")),
        sa.UniqueConstraint("email", name=op.f("uq_agents_email")),
        sa.UniqueConstraint("external_id", name=op.f("uq_agents_external_id")),
    )
    op.create_table(
        "rdv_facts",
        sa.Column("rdv_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("motif_id", sa.Integer(), nullable=False),
        sa.Column("agent_ids", sa.ARRAY(sa.Integer()), nullable=False),
        sa.Column("user_ids", sa.ARRAY(sa.Integer()), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("rdv_id", name=op.f("pk_rdv_facts")),
    )
    op.create_index(
        "ix_rdv_facts_agent_ids", "rdv_facts", ["agent_ids"], unique=False, postgresql_using="gin"
    )
    op.create_index(op.f("ix_rdv_facts_motif_id"), "rdv_facts", ["motif_id"], unique=False)
    op.create_index("ix_rdv_facts_user_ids", "rdv_facts", ["user_ids"], unique=False, postgresql_using="gin")
    op.create_table(
        "refresh_tokens",
        sa.Column("id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("family_id", sa.String(length=64), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("subject", sa.String(length=40), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rotated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refresh_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_refresh_tokens_token_hash")),
    )
    op.create_index(op.f("ix_refresh_tokens_family_id"), "refresh_tokens", ["family_id"], unique=False)
    op.create_index(op.f("ix_refresh_tokens_subject"), "refresh_tokens", ["subject"], unique=False)
    op.create_table(
        "services",
        sa.Column("id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("short_name", sa.String(length=60), nullable=False),
        sa.Column("is_secretariat", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_services")),
        sa.UniqueConstraint("name", name=op.f("uq_services_name")),
        sa.UniqueConstraint("short_name", name=op.f("uq_services_short_name")),
    )
    op.create_table(
        "territories",
        sa.Column("id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("departement_number", sa.String(length=3), nullable=False),
        sa.Column("phone_number", sa.String(length=40), nullable=True),
        sa.Column("time_zone", sa.String(length=64), server_default="Europe/Paris", nullable=False),
        sa.Column("holiday_subdivision", sa.String(length=20), nullable=True),
        sa.Column("open_on_sundays", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("open_on_holidays", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("sms_provider", sa.String(length=40), nullable=True),
        sa.Column("sms_configuration", sa.LargeBinary(), nullable=True),
        sa.Column(
            "visible_users_throughout_the_territory",
            sa.Boolean(),
            server_default=sa.text("false"),
            nullable=False,
        ),
        sa.Column("enable_notes_field", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column(
            "enable_caisse_affiliation_field", sa.Boolean(), server_default=sa.text("false"), nullable=False
        ),
        sa.Column(
            "enable_affiliation_number_field", sa.Boolean(), server_default=sa.text("false"), nullable=False
        ),
        sa.Column(
            "enable_family_situation_field", sa.Boolean(), server_default=sa.text("false"), nullable=False
        ),
        sa.Column(
            "enable_number_of_children_field", sa.Boolean(), server_default=sa.text("false"), nullable=False
        ),
        sa.Column("enable_logement_field", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("enable_case_number", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("enable_address_details", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("enable_context_field", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column(
            "enable_waiting_room_mail_field", sa.Boolean(), server_default=sa.text("false"), nullable=False
        ),
        sa.Column(
            "enable_waiting_room_color_field", sa.Boolean(), server_default=sa.text("false"), nullable=False
        ),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_territories")),
        sa.UniqueConstraint("name", name=op.f("uq_territories_name")),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("first_name", sa.String(length=200), nullable=False),
        sa.Column("last_name", sa.String(length=200), nullable=False),
        sa.Column("birth_name", sa.String(length=200), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("phone_number", sa.String(length=40), nullable=True),
        sa.Column("phone_number_formatted", sa.String(length=20), nullable=True),
        sa.Column("address", sa.String(length=500), nullable=True),
        sa.Column("address_details", sa.String(length=500), nullable=True),
        sa.Column("post_code", sa.String(length=5), nullable=True),
        sa.Column("city_code", sa.String(length=5), nullable=True),
        sa.Column("city_name", sa.String(length=200), nullable=True),
        sa.Column("caisse_affiliation", sa.String(length=20), nullable=True),
        sa.Column("affiliation_number", sa.String(length=100), nullable=True),
        sa.Column("family_situation", sa.String(length=30), nullable=True),
        sa.Column("number_of_children", sa.Integer(), nullable=True),
        sa.Column("logement", sa.String(length=30), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("case_number", sa.String(length=100), nullable=True),
        sa.Column("responsible_id", sa.Integer(), nullable=True),
        sa.Column("notify_by_sms", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("notify_by_email", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("created_through", sa.String(length=40), server_default="unknown", nullable=False),
        sa.Column("invited_through", sa.String(length=40), nullable=True),
        sa.Column(
            "logged_once_with_franceconnect", sa.Boolean(), server_default=sa.text("false"), nullable=False
        ),
        sa.Column("ants_pre_demande_number", sa.String(length=40), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("anonymised_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column(
            "search_text",
            sa.Text(),
            sa.Computed(
                "directory_search_text(first_name, last_name, birth_name, email, phone_number)",
                persisted=True,
            ),
            nullable=True,
        ),
        sa.ForeignKeyConstraint(
            ["responsible_id"], ["users.id"], name=op.f("fk_users_responsible_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
    )
    op.create_index(op.f("ix_users_responsible_id"), "users", ["responsible_id"], unique=False)
    op.create_index(
        "ix_users_search_text_trgm",
        "users",
        ["search_text"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"search_text": "gin_trgm_ops"},
    )
    op.create_table(
        "agent_services",
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_agent_services_agent_id_agents"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["services.id"],
            name=op.f("fk_agent_services_service_id_services"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("agent_id", "service_id", name=op.f("pk_agent_services")),
    )
    op.create_table(
        "agent_territorial_roles",
        sa.Column("id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("territory_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"],
            ["agents.id"],
            name=op.f("fk_agent_territorial_roles_agent_id_agents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["territory_id"],
            ["territories.id"],
            name=op.f("fk_agent_territorial_roles_territory_id_territories"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agent_territorial_roles")),
        sa.UniqueConstraint("agent_id", "territory_id", name="uq_agent_territorial_roles_agent_territory"),
    )
    op.create_index(
        op.f("ix_agent_territorial_roles_territory_id"),
        "agent_territorial_roles",
        ["territory_id"],
        unique=False,
    )
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("territory_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("external_id", sa.String(length=100), nullable=True),
        sa.Column("phone_number", sa.String(length=40), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("website", sa.String(length=500), nullable=True),
        sa.Column("horaires", sa.Text(), nullable=True),
        sa.Column("verticale", sa.String(length=40), server_default="rdv_solidarites", nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.ForeignKeyConstraint(
            ["territory_id"],
            ["territories.id"],
            name=op.f("fk_organisations_territory_id_territories"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisations")),
        sa.UniqueConstraint("territory_id", "external_id", name="uq_organisations_territory_external_id"),
        sa.UniqueConstraint("territory_id", "name", name="uq_organisations_territory_name"),
    )
    op.create_index(op.f("ix_organisations_territory_id"), "organisations", ["territory_id"], unique=False)
    op.create_table(
        "referent_assignations",
        sa.Column("id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"],
            ["agents.id"],
            name=op.f("fk_referent_assignations_agent_id_agents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_referent_assignations_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referent_assignations")),
        sa.UniqueConstraint("user_id", "agent_id", name="uq_referent_assignations_user_agent"),
    )
    op.create_index(
        op.f("ix_referent_assignations_agent_id"), "referent_assignations", ["agent_id"], unique=False
    )
    op.create_table(
        "territory_services",
        sa.Column("territory_id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["services.id"],
            name=op.f("fk_territory_services_service_id_services"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["territory_id"],
            ["territories.id"],
            name=op.f("fk_territory_services_territory_id_territories"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("territory_id", "service_id", name=op.f("pk_territory_services")),
    )
    op.create_table(
        "user_credentials",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("email_verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_user_credentials_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_user_credentials")),
    )
    op.create_table(
        "agent_roles",
        sa.Column("id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("access_level", sa.String(length=20), server_default="basic", nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_agent_roles_agent_id_agents"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_agent_roles_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agent_roles")),
        sa.UniqueConstraint("agent_id", "organisation_id", name="uq_agent_roles_agent_organisation"),
    )
    op.create_index(op.f("ix_agent_roles_organisation_id"), "agent_roles", ["organisation_id"], unique=False)
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_by_agent_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_api_tokens_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_tokens_token_hash")),
    )
    op.create_index(op.f("ix_api_tokens_organisation_id"), "api_tokens", ["organisation_id"], unique=False)
    op.create_table(
        "lieux",
        sa.Column("id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=500), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=False),
        sa.Column("longitude", sa.Float(), nullable=False),
        sa.Column("phone_number", sa.String(length=40), nullable=True),
        sa.Column("availability", sa.String(length=20), server_default="enabled", nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_lieux_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lieux")),
    )
    op.create_index(op.f("ix_lieux_organisation_id"), "lieux", ["organisation_id"], unique=False)
    op.create_table(
        "motifs",
        sa.Column("id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("color", sa.String(length=7), nullable=True),
        sa.Column("default_duration_in_min", sa.Integer(), server_default=sa.text("30"), nullable=False),
        sa.Column("location_type", sa.String(length=20), server_default="public_office", nullable=False),
        sa.Column("bookable_by", sa.String(length=60), server_default="agents", nullable=False),
        sa.Column("min_public_booking_delay", sa.Integer(), server_default=sa.text("1800"), nullable=False),
        sa.Column(
            "max_public_booking_delay", sa.Integer(), server_default=sa.text("7889238"), nullable=False
        ),
        sa.Column(
            "visibility_type", sa.String(length=40), server_default="visible_and_notified", nullable=False
        ),
        sa.Column("sectorisation_level", sa.String(length=20), server_default="departement", nullable=False),
        sa.Column("collectif", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("follow_up", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("for_secretariat", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("restriction_for_rdv", sa.Text(), nullable=True),
        sa.Column("instruction_for_rdv", sa.Text(), nullable=True),
        sa.Column("custom_cancel_warning_message", sa.Text(), nullable=True),
        sa.Column("rdvs_editable_by_user", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("rdvs_cancellable_by_user", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_motifs_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["service_id"], ["services.id"], name=op.f("fk_motifs_service_id_services")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_motifs")),
    )
    op.create_index(op.f("ix_motifs_organisation_id"), "motifs", ["organisation_id"], unique=False)
    op.create_index(
        "uq_motifs_live_name",
        "motifs",
        ["organisation_id", "location_type", "service_id", "name"],
        unique=True,
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.create_table(
        "user_profiles",
        sa.Column("id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_user_profiles_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_user_profiles_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_profiles")),
        sa.UniqueConstraint("user_id", "organisation_id", name="uq_user_profiles_user_organisation"),
    )
    op.create_index(
        op.f("ix_user_profiles_organisation_id"), "user_profiles", ["organisation_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_user_profiles_organisation_id"), table_name="user_profiles")
    op.drop_table("user_profiles")
    op.drop_index("uq_motifs_live_name", table_name="motifs", postgresql_where=sa.text("deleted_at IS NULL"))
    op.drop_index(op.f("ix_motifs_organisation_id"), table_name="motifs")
    op.drop_table("motifs")
    op.drop_index(op.f("ix_lieux_organisation_id"), table_name="lieux")
    op.drop_table("lieux")
    op.drop_index(op.f("ix_api_tokens_organisation_id"), table_name="api_tokens")
    op.drop_table("api_tokens")
    op.drop_index(op.f("ix_agent_roles_organisation_id"), table_name="agent_roles")
    op.drop_table("agent_roles")
    op.drop_table("user_credentials")
    op.drop_table("territory_services")
    op.drop_index(op.f("ix_referent_assignations_agent_id"), table_name="referent_assignations")
    op.drop_table("referent_assignations")
    op.drop_index(op.f("ix_organisations_territory_id"), table_name="organisations")
    op.drop_table("organisations")
    op.drop_index(op.f("ix_agent_territorial_roles_territory_id"), table_name="agent_territorial_roles")
    op.drop_table("agent_territorial_roles")
    op.drop_table("agent_services")
    op.drop_index(
        "ix_users_search_text_trgm",
        table_name="users",
        postgresql_using="gin",
        postgresql_ops={"search_text": "gin_trgm_ops"},
    )
    op.drop_index(op.f("ix_users_responsible_id"), table_name="users")
    op.drop_table("users")
    op.drop_table("territories")
    op.drop_table("services")
    op.drop_index(op.f("ix_refresh_tokens_subject"), table_name="refresh_tokens")
    op.drop_index(op.f("ix_refresh_tokens_family_id"), table_name="refresh_tokens")
    op.drop_table("refresh_tokens")
    op.drop_index("ix_rdv_facts_user_ids", table_name="rdv_facts", postgresql_using="gin")
    op.drop_index(op.f("ix_rdv_facts_motif_id"), table_name="rdv_facts")
    op.drop_index("ix_rdv_facts_agent_ids", table_name="rdv_facts", postgresql_using="gin")
    op.drop_table("rdv_facts")
    op.drop_table("agents")
    op.drop_table("account_tokens")
    op.execute("DROP FUNCTION directory_search_text(text, text, text, text, text)")
    op.execute("DROP FUNCTION directory_unaccent(text)")
