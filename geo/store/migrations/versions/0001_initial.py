"""The first schema: articles, places, mentions, claims, corrections.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("title", sa.Text, nullable=False, server_default=""),
        sa.Column("source", sa.String(300), nullable=False, server_default=""),
        sa.Column("url", sa.Text, nullable=False, server_default=""),
        sa.Column("language", sa.String(16), nullable=False, server_default="und"),
        sa.Column("published", sa.Date, nullable=True),
        sa.Column("path", sa.Text, nullable=False, server_default=""),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("parser_version", sa.String(64), nullable=False, server_default=""),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_articles_source", "articles", ["source"])
    op.create_index("ix_articles_language", "articles", ["language"])
    op.create_table(
        "places",
        sa.Column("geonameid", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("lat", sa.Float, nullable=False),
        sa.Column("lon", sa.Float, nullable=False),
        sa.Column("country_code", sa.String(8), nullable=False, server_default=""),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("population", sa.Integer, nullable=False, server_default="0"),
        sa.Column("admin1", sa.String(32), nullable=False, server_default=""),
    )
    op.create_index("ix_places_country_code", "places", ["country_code"])
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.String(300), nullable=False),
        sa.Column("geonameid", sa.Integer, sa.ForeignKey("places.geonameid"), nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("demonym", sa.Integer, nullable=False, server_default="0"),
        sa.UniqueConstraint("article_id", "start", "end", name="uq_mention_span"),
    )
    op.create_index("ix_mentions_article_id", "mentions", ["article_id"])
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("geonameid", sa.Integer, sa.ForeignKey("places.geonameid"), nullable=False),
        sa.Column("mention", sa.String(300), nullable=False),
        sa.Column("mention_start", sa.Integer, nullable=False),
        sa.Column("mention_end", sa.Integer, nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("date", sa.Date, nullable=True),
        sa.Column("date_end", sa.Date, nullable=True),
        sa.Column("date_precision", sa.String(8), nullable=True),
        sa.Column("quote", sa.Text, nullable=False),
        sa.Column("quote_start", sa.Integer, nullable=False),
        sa.Column("quote_end", sa.Integer, nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("language", sa.String(16), nullable=False, server_default="und"),
        sa.Column("flags", sa.String(200), nullable=False, server_default=""),
    )
    for col in ("article_id", "geonameid", "actor", "status"):
        op.create_index(f"ix_claims_{col}", "claims", [col])
    op.create_index("ix_claims_date", "claims", ["date", "date_end"])
    op.create_table(
        "corrections",
        sa.Column("article_id", sa.String(64), primary_key=True),
        sa.Column("mention_start", sa.Integer, primary_key=True),
        sa.Column("mention_end", sa.Integer, primary_key=True),
        sa.Column("geonameid", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    for table in ("corrections", "claims", "mentions", "places", "articles"):
        op.drop_table(table)
