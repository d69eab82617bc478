"""``Store``: articles and their claims in any SQLAlchemy database, each report exactly once."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import sessionmaker

from geo.errors import InputError
from geo.model import ParseResult, Place
from geo.store import edits
from geo.store.bulk import NEAR_FLAG, remember_files, write_batch
from geo.store.checks import check_dates
from geo.store.database import database_url, make_engine, open_error, redact, upgrade
from geo.store.models import ArticleRow, ChangeRow, ClaimRow, CorrectionRow, FileRow, MentionRow, PlaceRow

if TYPE_CHECKING:  # pandas is imported where a frame is made: ingest and parse do without it
    import pandas as pd

#: The columns the claims query selects, in order.
_QUERY_COLUMNS = [
    "claim_id",
    "article_id",
    "place",
    "mention",
    "geonameid",
    "country_code",
    "lat",
    "lon",
    "kind",
    "actor",
    "status",
    "date",
    "date_end",
    "date_precision",
    "quote",
    "quote_start",
    "quote_end",
    "mention_start",
    "mention_end",
    "confidence",
    "language",
    "flags",
    "source",
    "url",
    "title",
    "published",
]
#: The claims frame's columns: the query's, then ``place_precision`` ("exact" or "near").
CLAIM_COLUMNS = [*_QUERY_COLUMNS, "place_precision"]


class Store:
    """Articles, places, mentions, claims, corrections, rules and the log of changes in one database.

    ``add`` is idempotent: the same article (same cleaned text) again is "unchanged"; a
    new parser version, or ``replace=True``, replaces its mentions and claims in one
    transaction ("updated"). A user's correction of a place outlives re-parsing. Every
    write records a change (``changes``) that ``undo`` can revert. Dates outside
    ``PLAUSIBLE_DATES`` never get in (see ``geo.store.checks``).
    """

    def __init__(self, url: str | None = None, place_lookup: Callable[[int], Place | None] | None = None):
        self.url = database_url(url)
        self.engine = make_engine(self.url)
        upgrade(self.engine)
        self._session = sessionmaker(self.engine, expire_on_commit=False)
        self._place_lookup = place_lookup

    def close(self) -> None:
        self.engine.dispose()

    # --- writing ------------------------------------------------------------------------
    def add(
        self,
        result: ParseResult,
        *,
        corrections: Mapping[tuple[int, int], int] | None = None,
        editor: str = "",
        replace: bool = False,
        parser_version: str | None = None,
        rejected: list[str] | None = None,
    ) -> str:
        """Store one parsed article and its ``corrections`` ({(mention_start, mention_end):
        geonameid}) in one transaction: "new", "unchanged" or "updated" (stored by an older
        parser, see ``geo.parse.pipeline.parser_version``, or ``replace``). The reasons for
        dates left out are appended to ``rejected``."""
        pairs = [(result, {(int(a), int(b)): int(g) for (a, b), g in (corrections or {}).items()})]
        return self._store(pairs, editor, replace, parser_version, rejected, None)[0]

    def add_many(
        self,
        results: Iterable[ParseResult],
        *,
        editor: str = "",
        replace: bool = False,
        parser_version: str | None = None,
        rejected: list[str] | None = None,
        files: Mapping[str, list[str]] | None = None,
    ) -> list[str]:
        """``add`` for a batch, in one transaction (bulk inserts); the outcome per result.
        ``files``: content hash -> article ids of the files read, recorded with them."""
        pairs = [(r, {}) for r in results]
        return self._store(pairs, editor, replace, parser_version, rejected, files)

    def _store(self, pairs, editor, replace, parser_version, rejected, files) -> list[str]:
        if parser_version is None:
            from geo.parse.pipeline import parser_version as current

            parser_version = current()
        checked = []
        for result, corr in pairs:
            result, reasons = check_dates(result)
            checked.append((result, corr))
            if rejected is not None:
                rejected += reasons

        def write(conn) -> list[str]:
            now = _now()
            out = write_batch(
                conn,
                checked,
                editor=editor,
                replace=replace,
                parser_version=parser_version,
                now=now,
                lookup=self._lookup,
            )
            remember_files(conn, dict(files or {}), parser_version, now)
            return out

        return self._transaction(write) if checked or files else []

    def _transaction(self, fn):
        """Run ``fn(conn)`` in one transaction, again when another process got there first;
        a write the database refuses is one ``InputError`` line."""
        for attempt in range(10):
            try:
                with self.engine.begin() as conn:
                    if conn.dialect.name == "sqlite":  # the write lock now: writers queue on the busy
                        conn.exec_driver_sql("BEGIN IMMEDIATE")  # timeout, not on a stale snapshot
                    return fn(conn)
            except IntegrityError as exc:
                if attempt == 9:
                    raise _refused(exc) from None
            except OperationalError as exc:
                if "locked" not in str(exc).lower() or attempt == 9:
                    raise open_error(exc) from None
            except DBAPIError as exc:
                raise _refused(exc) from None
            time.sleep(0.05 * (attempt + 1))
        raise RuntimeError("unreachable")

    def _lookup(self, geonameid: int) -> Place | None:
        return (self._place_lookup or _default_lookup)(int(geonameid))

    def set_correction(
        self, article_id: str, mention_start: int, mention_end: int, geonameid: int, *, editor: str = ""
    ) -> None:
        """Say which place a mention means; the stored mention and its claims follow now and
        after every re-parse, and the name gets a rule (``place_rules``)."""
        self._transaction(
            lambda conn: edits.set_correction(
                conn,
                article_id,
                int(mention_start),
                int(mention_end),
                int(geonameid),
                editor=editor,
                now=_now(),
                lookup=self._lookup,
            )
        )

    def place_rules(self) -> dict[str, int]:
        """Active correction rules: gazetteer key -> geonameid (``parse_article(preferred=...)``)."""
        with self.engine.connect() as conn:
            return edits.place_rules(conn)

    def rules_frame(self) -> pd.DataFrame:
        """Active rules: ``rule_id, key, mention, geonameid, place, country_code, editor, created_at``."""
        with self.engine.connect() as conn:
            return edits.rules_frame(conn)

    def remove_rule(self, rule_id: int, *, editor: str = "") -> None:
        self._transaction(lambda conn: edits.remove_rule(conn, rule_id, editor=editor, now=_now()))

    def changes(self, limit: int = 200) -> pd.DataFrame:
        """The latest writes first: ``change_id, at, editor, action, article_id, detail, undone``."""
        with self.engine.connect() as conn:
            return edits.changes_frame(conn, limit)

    def undo(self, change_id: int, *, editor: str = "") -> str:
        """Revert one change; a one-line description of what was undone (InputError when it
        cannot be, e.g. undone already)."""
        return self._transaction(lambda conn: edits.undo(conn, change_id, editor=editor, now=_now()))

    def known_files(self, hashes: Iterable[str], parser_version: str) -> dict[str, list[str]]:
        """Content hash -> article ids of files ingested before by this parser version."""
        hashes = list(hashes)
        out: dict[str, list[str]] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(hashes), 500):
                q = select(FileRow.hash, FileRow.article_ids).where(
                    FileRow.hash.in_(hashes[i : i + 500]), FileRow.parser_version == parser_version
                )
                out.update((h, ids.split()) for h, ids in conn.execute(q))
        return out

    # --- reading ------------------------------------------------------------------------
    def claims_frame(
        self,
        date_from: date | None = None,
        date_to: date | None = None,
        actors=None,
        statuses=None,
        countries=None,
        languages=None,
        sources=None,
        min_confidence: float | None = None,
    ) -> pd.DataFrame:
        """One row per claim (columns ``CLAIM_COLUMNS``), filtered in the database."""
        c, p, a = ClaimRow, PlaceRow, ArticleRow
        q = _claims_query()
        if date_from is not None:
            q = q.where(func.coalesce(c.date_end, c.date) >= date_from)
        if date_to is not None:
            q = q.where(c.date <= date_to)
        for column, values in (
            (c.actor, actors),
            (c.status, statuses),
            (p.country_code, countries),
            (c.language, languages),
            (a.source, sources),
        ):
            if values:
                q = q.where(column.in_(list(values)))
        if min_confidence is not None:
            q = q.where(c.confidence >= float(min_confidence))
        with self.engine.connect() as conn:
            rows = conn.execute(q).all()
        import numpy as np
        import pandas as pd

        # in date order, then id: sorted here, not by the database (whose sort of a million
        # joined rows, quotes and all, took longer than reading them)
        frame = pd.DataFrame([tuple(r) for r in rows], columns=_QUERY_COLUMNS)
        frame = frame.sort_values(["date", "claim_id"], kind="stable", ignore_index=True)
        near = frame["flags"].fillna("").str.contains(rf"(?:^|,){re.escape(NEAR_FLAG)}(?:,|$)")
        frame["place_precision"] = np.where(near, "near", "exact").astype(object)
        return frame

    def articles_frame(self) -> pd.DataFrame:
        cols = [
            "id",
            "title",
            "source",
            "url",
            "language",
            "published",
            "path",
            "parser_version",
            "ingested_at",
        ]
        with self._session() as s:
            rows = s.execute(
                select(*(getattr(ArticleRow, c) for c in cols)).order_by(ArticleRow.published)
            ).all()
        import pandas as pd

        return pd.DataFrame([tuple(r) for r in rows], columns=cols)

    def article_text(self, article_id: str) -> str | None:
        with self._session() as s:
            return s.scalar(select(ArticleRow.text).where(ArticleRow.id == article_id))

    def date_span(self) -> tuple[date, date] | None:
        with self._session() as s:
            lo, hi = s.execute(
                select(func.min(ClaimRow.date), func.max(func.coalesce(ClaimRow.date_end, ClaimRow.date)))
            ).one()
        return (lo, hi) if lo is not None else None

    def version(self) -> str:
        """Changes whenever stored claims could have changed, in any process: counts, the
        latest ingest, the latest change and undo, the corrections. Caches of the store's data
        key on it; read on every run of the page, so one statement, each part an index's
        (``articles.ingested_at`` has one: a full scan of the articles took 40 ms at 200,000)."""
        c, ch, co = ClaimRow, ChangeRow, CorrectionRow
        parts = [
            select(func.count()).select_from(table).scalar_subquery()
            for table in (ArticleRow, PlaceRow, MentionRow, c)
        ] + [
            select(func.max(ArticleRow.ingested_at)).scalar_subquery(),
            select(func.max(ch.id)).scalar_subquery(),
            select(func.max(ch.undone_at)).scalar_subquery(),
            select(func.count()).select_from(co).scalar_subquery(),
            select(func.max(co.created_at)).scalar_subquery(),
        ]
        with self._session() as s:
            row = s.execute(select(*parts)).one()
        return "|".join(str(v) for v in row)

    def counts(self) -> dict[str, int]:
        with self._session() as s:
            return {
                "articles": s.scalar(select(func.count()).select_from(ArticleRow)) or 0,
                "places": s.scalar(select(func.count()).select_from(PlaceRow)) or 0,
                "mentions": s.scalar(select(func.count()).select_from(MentionRow)) or 0,
                "claims": s.scalar(select(func.count()).select_from(ClaimRow)) or 0,
            }


def _refused(exc: DBAPIError) -> InputError:
    lines = str(exc.orig or exc).strip().splitlines() or [type(exc).__name__]
    return InputError(f"the database refused the write: {redact(lines[0])}")


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _default_lookup(geonameid: int) -> Place | None:
    from geo.gazetteer import default_gazetteer

    return default_gazetteer().get(geonameid)


def _claims_query():
    """The claims joined with their places and articles, in ``_QUERY_COLUMNS`` order."""
    c, p, a = ClaimRow, PlaceRow, ArticleRow
    columns = (
        c.id, c.article_id, p.name, c.mention, p.geonameid, p.country_code, p.lat, p.lon, p.kind,
        c.actor, c.status, c.date, c.date_end, c.date_precision, c.quote, c.quote_start, c.quote_end,
        c.mention_start, c.mention_end, c.confidence, c.language, c.flags, a.source, a.url, a.title,
        a.published,
    )  # fmt: skip
    return select(*columns).join(p, p.geonameid == c.geonameid).join(a, a.id == c.article_id)
