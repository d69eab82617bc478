"""The store's tables (SQLAlchemy 2 declarative): articles, places, mentions, claims, corrections,
correction rules, the audit log of changes, and the hashes of ingested files.

Articles are keyed by the hash of their cleaned text (``Article.id``), so the same story
arriving twice is one row. Mentions and claims belong to their article and are replaced
together when it is re-parsed; corrections are the user's and outlive re-parsing.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(300), default="", index=True)
    url: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(16), default="und", index=True)
    published: Mapped[date | None] = mapped_column(Date, nullable=True)
    path: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)
    parser_version: Mapped[str] = mapped_column(String(64), default="")
    ingested_at: Mapped[datetime] = mapped_column(DateTime, index=True)  # Store.version's max


class PlaceRow(Base):
    __tablename__ = "places"

    geonameid: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(300))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    country_code: Mapped[str] = mapped_column(String(8), default="", index=True)
    kind: Mapped[str] = mapped_column(String(16))
    population: Mapped[int] = mapped_column(Integer, default=0)
    admin1: Mapped[str] = mapped_column(String(32), default="")


class MentionRow(Base):
    __tablename__ = "mentions"
    __table_args__ = (UniqueConstraint("article_id", "start", "end", name="uq_mention_span"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(300))
    geonameid: Mapped[int] = mapped_column(ForeignKey("places.geonameid"))
    confidence: Mapped[float] = mapped_column(Float)
    demonym: Mapped[int] = mapped_column(Integer, default=0)
    #: The gazetteer key the resolver looked the name up by (``ResolvedPlace.key``): what a rule matches.
    key: Mapped[str] = mapped_column(String(300), default="")
    #: The resolver's own pick, kept when a correction re-points ``geonameid`` (what undo restores).
    resolver_geonameid: Mapped[int | None] = mapped_column(Integer, nullable=True)


class ClaimRow(Base):
    __tablename__ = "claims"
    __table_args__ = (Index("ix_claims_date", "date", "date_end"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    geonameid: Mapped[int] = mapped_column(ForeignKey("places.geonameid"), index=True)
    mention: Mapped[str] = mapped_column(String(300))
    mention_start: Mapped[int] = mapped_column(Integer)
    mention_end: Mapped[int] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    date: Mapped[date | None] = mapped_column(Date, nullable=True)
    date_end: Mapped[date | None] = mapped_column(Date, nullable=True)
    date_precision: Mapped[str | None] = mapped_column(String(8), nullable=True)
    quote: Mapped[str] = mapped_column(Text)
    quote_start: Mapped[int] = mapped_column(Integer)
    quote_end: Mapped[int] = mapped_column(Integer)
    confidence: Mapped[float] = mapped_column(Float)
    language: Mapped[str] = mapped_column(String(16), default="und")
    flags: Mapped[str] = mapped_column(String(200), default="")


class CorrectionRow(Base):
    __tablename__ = "corrections"

    article_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    mention_start: Mapped[int] = mapped_column(Integer, primary_key=True)
    mention_end: Mapped[int] = mapped_column(Integer, primary_key=True)
    geonameid: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    editor: Mapped[str] = mapped_column(String(200), default="")


class RuleRow(Base):
    """ "This name means this place": made by every correction, used by later parses."""

    __tablename__ = "rules"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(300), index=True)
    mention: Mapped[str] = mapped_column(String(300), default="")
    geonameid: Mapped[int] = mapped_column(Integer)
    editor: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    removed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class ChangeRow(Base):
    """One write: who, when, what; ``payload`` (JSON) holds what undo needs."""

    __tablename__ = "changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    editor: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(32))
    article_id: Mapped[str] = mapped_column(String(64), default="", index=True)
    detail: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[str] = mapped_column(Text, default="{}")
    undone_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class FileRow(Base):
    """An ingested file's content hash and the articles it gave, for skipping it unread."""

    __tablename__ = "files"

    hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    parser_version: Mapped[str] = mapped_column(String(64), default="")
    article_ids: Mapped[str] = mapped_column(Text, default="")  # space-separated
    seen_at: Mapped[datetime] = mapped_column(DateTime)
