"""Alembic operations for the chassis tables, so each service's first migration is two calls."""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql


def create_outbox_and_inbox() -> None:
    op.create_table(
        "outbox",
        sa.Column("position", sa.BigInteger(), sa.Identity(always=True), nullable=False),
        sa.Column("event_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("topic", sa.String(200), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("event_type", sa.String(100), nullable=False),
        sa.Column("value", sa.LargeBinary(), nullable=True),
        sa.Column("headers", postgresql.JSONB(), server_default=sa.text("'{}'::jsonb"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("position", name="pk_outbox"),
        sa.UniqueConstraint("event_id", name="uq_outbox_event_id"),
    )
    op.create_index("ix_outbox_unsent", "outbox", ["position"], postgresql_where=sa.text("sent_at IS NULL"))
    op.create_index(
        "ix_outbox_unsent_key", "outbox", ["key", "position"], postgresql_where=sa.text("sent_at IS NULL")
    )
    op.create_table(
        "inbox",
        sa.Column("consumer", sa.String(100), nullable=False),
        sa.Column("event_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("processed_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("consumer", "event_id", name="pk_inbox"),
    )


def drop_outbox_and_inbox() -> None:
    op.drop_table("inbox")
    op.drop_index("ix_outbox_unsent_key", table_name="outbox")
    op.drop_index("ix_outbox_unsent", table_name="outbox")
    op.drop_table("outbox")
