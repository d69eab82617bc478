"""``Store``: articles and their claims in any SQLAlchemy database, each report exactly once."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timezone
from typing import Callable, Iterable

import pandas as pd
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from geo.model import ParseResult, Place, ResolvedPlace
from geo.store.database import database_url, make_engine, upgrade
from geo.store.models import ArticleRow, ClaimRow, CorrectionRow, MentionRow, PlaceRow

CLAIM_COLUMNS = [
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


class Store:
    """Articles, places, mentions, claims and corrections in one database.

    ``add`` is idempotent: the same article (same cleaned text) again is "unchanged"; a
    new parser version, or ``replace=True``, replaces its mentions and claims in one
    transaction ("updated"). A user's correction of a place outlives re-parsing.
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
    def add(self, result: ParseResult, *, replace: bool = False, parser_version: str | None = None) -> str:
        """Store one parsed article: "new", "unchanged" or "updated" (stored by an older
        parser, see ``geo.parse.pipeline.parser_version``, or ``replace``)."""
        if parser_version is None:
            from geo.parse.pipeline import parser_version as current

            parser_version = current()
        for attempt in range(5):
            try:
                with self._session.begin() as s:
                    return self._add(s, result, replace, parser_version)
            except IntegrityError:
                continue  # another process stored it at the same moment: look again
            except OperationalError as exc:
                if "locked" not in str(exc).lower() or attempt == 4:
                    raise
        raise RuntimeError(f"could not store article {result.article.id}")

    def _add(self, s: Session, result: ParseResult, replace: bool, parser_version: str) -> str:
        art = result.article
        row = s.get(ArticleRow, art.id)
        if row is not None and not replace and row.parser_version == parser_version:
            return "unchanged"
        result = self._apply_corrections(s, result)
        if row is None:
            row = ArticleRow(id=art.id)
            s.add(row)
            outcome = "new"
        else:
            s.execute(delete(ClaimRow).where(ClaimRow.article_id == art.id))
            s.execute(delete(MentionRow).where(MentionRow.article_id == art.id))
            outcome = "updated"
        row.title, row.source, row.url, row.language = art.title, art.source, art.url, art.language
        row.published, row.path, row.text = art.published, art.path, art.text
        row.parser_version, row.ingested_at = parser_version, datetime.now(timezone.utc).replace(tzinfo=None)
        s.flush()
        self._ensure_places(s, [p.place for p in result.places] + [c.place.place for c in result.claims])
        for p in result.places:
            s.add(
                MentionRow(
                    article_id=art.id,
                    start=p.start,
                    end=p.end,
                    text=p.mention[:300],
                    geonameid=p.place.geonameid,
                    confidence=p.confidence,
                    demonym=int(p.demonym),
                )
            )
        for c in result.claims:
            s.add(
                ClaimRow(
                    article_id=art.id,
                    geonameid=c.place.place.geonameid,
                    mention=c.place.mention[:300],
                    mention_start=c.place.start,
                    mention_end=c.place.end,
                    actor=c.actor,
                    status=c.status,
                    date=c.date,
                    date_end=c.date_end,
                    date_precision=c.date_precision,
                    quote=c.quote,
                    quote_start=c.quote_start,
                    quote_end=c.quote_end,
                    confidence=c.confidence,
                    language=c.language,
                    flags=",".join(c.flags),
                )
            )
        return outcome

    def _ensure_places(self, s: Session, places: Iterable[Place]) -> None:
        wanted = {p.geonameid: p for p in places}
        if not wanted:
            return
        have = set(s.scalars(select(PlaceRow.geonameid).where(PlaceRow.geonameid.in_(list(wanted)))))
        for gid, p in wanted.items():
            if gid not in have:
                s.add(
                    PlaceRow(
                        geonameid=gid,
                        name=p.name,
                        lat=p.lat,
                        lon=p.lon,
                        country_code=p.country_code,
                        kind=p.kind,
                        population=p.population,
                        admin1=p.admin1,
                    )
                )
        s.flush()

    def _apply_corrections(self, s: Session, result: ParseResult) -> ParseResult:
        rows = s.scalars(select(CorrectionRow).where(CorrectionRow.article_id == result.article.id)).all()
        if not rows:
            return result
        lookup = self._place_lookup or _default_lookup
        fixed: dict[tuple[int, int], Place] = {}
        for r in rows:
            place = lookup(r.geonameid)
            if place is not None:
                fixed[(r.mention_start, r.mention_end)] = place

        def fix(p: ResolvedPlace) -> ResolvedPlace:
            place = fixed.get((p.start, p.end))
            return dataclasses.replace(p, place=place, confidence=1.0) if place else p

        places = tuple(fix(p) for p in result.places)
        claims = tuple(dataclasses.replace(c, place=fix(c.place)) for c in result.claims)
        return dataclasses.replace(result, places=places, claims=claims)

    def set_correction(self, article_id: str, mention_start: int, mention_end: int, geonameid: int) -> None:
        """Say which place a mention means; the stored mention and its claims follow now and
        after every re-parse."""
        place = (self._place_lookup or _default_lookup)(int(geonameid))
        if place is None:
            raise ValueError(f"no place with id {geonameid}")
        with self._session.begin() as s:
            row = s.get(CorrectionRow, (article_id, mention_start, mention_end))
            if row is None:
                s.add(
                    CorrectionRow(
                        article_id=article_id,
                        mention_start=mention_start,
                        mention_end=mention_end,
                        geonameid=int(geonameid),
                        created_at=datetime.now(timezone.utc).replace(tzinfo=None),
                    )
                )
            else:
                row.geonameid = int(geonameid)
            self._ensure_places(s, [place])
            for table, (a, b) in (
                (MentionRow, (MentionRow.start, MentionRow.end)),
                (ClaimRow, (ClaimRow.mention_start, ClaimRow.mention_end)),
            ):
                for r in s.scalars(
                    select(table).where(table.article_id == article_id, a == mention_start, b == mention_end)
                ):
                    r.geonameid = int(geonameid)

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
        q = (
            select(
                c.id,
                c.article_id,
                p.name,
                c.mention,
                p.geonameid,
                p.country_code,
                p.lat,
                p.lon,
                p.kind,
                c.actor,
                c.status,
                c.date,
                c.date_end,
                c.date_precision,
                c.quote,
                c.quote_start,
                c.quote_end,
                c.mention_start,
                c.mention_end,
                c.confidence,
                c.language,
                c.flags,
                a.source,
                a.url,
                a.title,
                a.published,
            )
            .join(p, p.geonameid == c.geonameid)
            .join(a, a.id == c.article_id)
        )
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
            rows = conn.execute(q.order_by(c.date, c.id)).all()
        return pd.DataFrame([tuple(r) for r in rows], columns=CLAIM_COLUMNS)

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
        latest ingest and the latest correction. Caches of the store's data key on it."""
        with self._session() as s:
            last_ingest = s.scalar(select(func.max(ArticleRow.ingested_at)))
            corrections = s.execute(
                select(func.count(), func.max(CorrectionRow.created_at)).select_from(CorrectionRow)
            ).one()
        return f"{sorted(self.counts().items())}|{last_ingest}|{tuple(corrections)}"

    def counts(self) -> dict[str, int]:
        with self._session() as s:
            return {
                "articles": s.scalar(select(func.count()).select_from(ArticleRow)) or 0,
                "places": s.scalar(select(func.count()).select_from(PlaceRow)) or 0,
                "mentions": s.scalar(select(func.count()).select_from(MentionRow)) or 0,
                "claims": s.scalar(select(func.count()).select_from(ClaimRow)) or 0,
            }


def _default_lookup(geonameid: int) -> Place | None:
    from geo.gazetteer import default_gazetteer

    return default_gazetteer().get(geonameid)
