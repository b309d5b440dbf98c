"""Usager search served by indexes: word-prefix terms (trigram) and accent-free name keys (btree)

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

# Every word is preceded by a space, so `LIKE '% dup%'` means "a word starts with dup" and the
# trigram index sees the word-start trigrams; words are also split at - . @ + _ ' so that "dup"
# finds "h.dupont@exemple.fr" and "Martin-Dupont".
SEARCH_TERMS = r"""
CREATE FUNCTION directory_search_terms(
    first_name text, last_name text, birth_name text, email text, phone_number text
) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ' ' || concat_ws(' ', words, regexp_replace(words, '[-.@+_''’]+', ' ', 'g'), digits)
FROM (SELECT
    lower(directory_unaccent(concat_ws(' ', first_name, last_name, birth_name, email))) AS words,
    nullif(regexp_replace(coalesce(phone_number, ''), '\D', '', 'g'), '') AS digits
) AS parts $$
"""

OLD_SEARCH_TEXT = r"""
CREATE FUNCTION directory_search_text(
    first_name text, last_name text, birth_name text, email text, phone_number text
) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT lower(directory_unaccent(concat_ws(' ',
    first_name, last_name, birth_name, email, regexp_replace(coalesce(phone_number, ''), '\D', '', 'g')
))) $$
"""

LIVE = sa.text("deleted_at IS NULL AND anonymised_at IS NULL")


def upgrade() -> None:
    op.drop_index("ix_users_search_text_trgm", table_name="users")
    op.drop_column("users", "search_text")
    op.execute("DROP FUNCTION directory_search_text(text, text, text, text, text)")
    op.execute(SEARCH_TERMS)
    op.add_column(
        "users",
        sa.Column(
            "search_terms",
            sa.Text(),
            sa.Computed(
                "directory_search_terms(first_name, last_name, birth_name, email, phone_number)",
                persisted=True,
            ),
        ),
    )
    for name in ("last_name", "first_name"):
        op.add_column(
            "users",
            sa.Column(
                f"{name}_key",
                sa.Text(collation="C"),
                sa.Computed(f"lower(directory_unaccent({name}))", persisted=True),
            ),
        )
    op.create_index(
        "ix_users_search_terms_trgm",
        "users",
        ["search_terms"],
        postgresql_using="gin",
        postgresql_ops={"search_terms": "gin_trgm_ops"},
        postgresql_where=LIVE,
    )
    op.create_index(
        "ix_users_live_name_keys",
        "users",
        ["last_name_key", "first_name_key", "id"],
        postgresql_include=["search_terms"],
        postgresql_where=LIVE,
    )


def downgrade() -> None:
    op.drop_index("ix_users_live_name_keys", table_name="users")
    op.drop_index("ix_users_search_terms_trgm", table_name="users")
    for column in ("first_name_key", "last_name_key", "search_terms"):
        op.drop_column("users", column)
    op.execute("DROP FUNCTION directory_search_terms(text, text, text, text, text)")
    op.execute(OLD_SEARCH_TEXT)
    op.add_column(
        "users",
        sa.Column(
            "search_text",
            sa.Text(),
            sa.Computed(
                "directory_search_text(first_name, last_name, birth_name, email, phone_number)",
                persisted=True,
            ),
        ),
    )
    op.create_index(
        "ix_users_search_text_trgm",
        "users",
        ["search_text"],
        postgresql_using="gin",
        postgresql_ops={"search_text": "gin_trgm_ops"},
    )
