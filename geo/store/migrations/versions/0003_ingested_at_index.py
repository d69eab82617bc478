"""An index on articles.ingested_at: ``Store.version`` reads its maximum on every page run.

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_articles_ingested_at", "articles", ["ingested_at"])


def downgrade() -> None:
    op.drop_index("ix_articles_ingested_at", table_name="articles")
