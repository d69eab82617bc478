"""Audit log (changes), correction rules, mention keys and resolver picks, file hashes.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("mentions", sa.Column("key", sa.String(300), nullable=False, server_default=""))
    op.add_column("mentions", sa.Column("resolver_geonameid", sa.Integer, nullable=True))
    op.add_column("corrections", sa.Column("editor", sa.String(200), nullable=False, server_default=""))
    op.create_table(
        "rules",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(300), nullable=False),
        sa.Column("mention", sa.String(300), nullable=False, server_default=""),
        sa.Column("geonameid", sa.Integer, nullable=False),
        sa.Column("editor", sa.String(200), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("removed_at", sa.DateTime, nullable=True),
    )
    op.create_index("ix_rules_key", "rules", ["key"])
    op.create_table(
        "changes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("editor", sa.String(200), nullable=False, server_default=""),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("article_id", sa.String(64), nullable=False, server_default=""),
        sa.Column("detail", sa.Text, nullable=False, server_default=""),
        sa.Column("payload", sa.Text, nullable=False, server_default="{}"),
        sa.Column("undone_at", sa.DateTime, nullable=True),
    )
    op.create_index("ix_changes_article_id", "changes", ["article_id"])
    op.create_table(
        "files",
        sa.Column("hash", sa.String(64), primary_key=True),
        sa.Column("parser_version", sa.String(64), nullable=False, server_default=""),
        sa.Column("article_ids", sa.Text, nullable=False, server_default=""),
        sa.Column("seen_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    for table in ("files", "changes", "rules"):
        op.drop_table(table)
    with op.batch_alter_table("corrections") as batch:
        batch.drop_column("editor")
    with op.batch_alter_table("mentions") as batch:
        batch.drop_column("resolver_geonameid")
        batch.drop_column("key")
