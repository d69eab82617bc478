"""Parsed articles written in bulk: one transaction per batch, SQLAlchemy Core ``executemany``.

``write_batch`` decides per article "new", "unchanged" or "updated", replaces the mentions and
claims of the updated ones, applies the corrections already stored (and the new ones given,
recorded with their rules and changes), and records one change per article written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.engine import Connection

from geo.model import ParseResult, Place
from geo.store.models import ArticleRow, ChangeRow, ClaimRow, CorrectionRow, FileRow, MentionRow, PlaceRow

A, M, C, P = ArticleRow.__table__, MentionRow.__table__, ClaimRow.__table__, PlaceRow.__table__
Corrections = dict[tuple[int, int], int]
Lookup = Callable[[int], Place | None]


def write_batch(
    conn: Connection,
    batch: Sequence[tuple[ParseResult, Corrections]],
    *,
    editor: str,
    replace: bool,
    parser_version: str,
    now: datetime,
    lookup: Lookup,
) -> list[str]:
    """Store ``batch`` on ``conn`` (inside the caller's transaction); the outcome per article."""
    from geo.store.edits import record_correction

    ids = [r.article.id for r, _ in batch]
    existing = dict(conn.execute(select(A.c.id, A.c.parser_version).where(A.c.id.in_(ids))).all())
    outcomes, todo, late, taken = [], [], [], set()
    for result, corr in batch:
        aid = result.article.id
        if aid in taken or (aid in existing and not replace and existing[aid] == parser_version):
            outcomes.append("unchanged")  # stored before, or twice in this batch
            late += [(aid, span, gid) for span, gid in corr.items()]
            continue
        outcomes.append("updated" if aid in existing else "new")
        todo.append((result, corr))
        taken.add(aid)
    if todo:
        old = {r.article.id for r, _ in todo if r.article.id in existing}
        _write(conn, todo, old, editor=editor, parser_version=parser_version, now=now, lookup=lookup)
    for aid, (start, end), gid in late:  # corrections of an article stored before
        record_correction(conn, aid, start, end, gid, editor=editor, now=now, lookup=lookup)
    return outcomes


def _write(conn, todo, old: set[str], *, editor, parser_version, now, lookup) -> None:
    from geo.store.edits import change_row, record_correction

    ids = [r.article.id for r, _ in todo]
    if old:
        conn.execute(delete(C).where(C.c.article_id.in_(old)))
        conn.execute(delete(M).where(M.c.article_id.in_(old)))
    stored = _stored_corrections(conn, ids)
    rows = [_article_row(r, parser_version, now) for r, _ in todo]
    if old:
        conn.execute(
            update(A).where(A.c.id == bindparam("b_id")),
            [
                {"b_id": row["id"], **{k: v for k, v in row.items() if k != "id"}}
                for row in rows
                if row["id"] in old
            ],
        )
    if len(old) < len(rows):
        conn.execute(insert(A), [row for row in rows if row["id"] not in old])
    places, mentions, claims = [], [], []
    for result, corr in todo:
        fixed = {**stored.get(result.article.id, {}), **corr}
        places += [p.place for p in result.places] + [c.place.place for c in result.claims]
        mentions += _mention_rows(result, fixed)
        claims += _claim_rows(result, fixed)
    ensure_places(conn, places, {g for _, corr in todo for g in corr.values()}, lookup)
    if mentions:
        conn.execute(insert(M), mentions)
    if claims:
        conn.execute(insert(C), claims)
    changes = []
    for result, _ in todo:
        art = result.article
        what = "add" if art.id not in old else "reparse"
        label = art.title or art.text[:60].replace("\n", " ")
        counts = f"{len(result.places)} places, {len(result.claims)} claims"
        detail = f"{'added' if what == 'add' else 're-parsed'} '{label}' ({counts})"
        changes.append(change_row(now, editor, what, art.id, detail, {}))
    conn.execute(insert(ChangeRow.__table__), changes)
    for result, corr in todo:
        for (s, e), gid in corr.items():
            record_correction(
                conn, result.article.id, s, e, gid, editor=editor, now=now, lookup=lookup, applied=True
            )


def _stored_corrections(conn, ids: Iterable[str]) -> dict[str, Corrections]:
    out: dict[str, Corrections] = {}
    q = select(
        CorrectionRow.article_id,
        CorrectionRow.mention_start,
        CorrectionRow.mention_end,
        CorrectionRow.geonameid,
    )
    for aid, s, e, gid in conn.execute(q.where(CorrectionRow.article_id.in_(list(ids)))):
        out.setdefault(aid, {})[(s, e)] = gid
    return out


def _article_row(result: ParseResult, parser_version: str, now: datetime) -> dict:
    art = result.article
    return {
        "id": art.id,
        "title": art.title,
        "source": art.source[:300],
        "url": art.url,
        "language": art.language[:16],
        "published": art.published,
        "path": art.path,
        "text": art.text,
        "parser_version": parser_version,
        "ingested_at": now,
    }


def _mention_rows(result: ParseResult, fixed: Corrections) -> list[dict]:
    seen, rows = set(), []
    for p in result.places:
        if (p.start, p.end) in seen:
            continue
        seen.add((p.start, p.end))
        gid = fixed.get((p.start, p.end))
        rows.append(
            {
                "article_id": result.article.id,
                "start": p.start,
                "end": p.end,
                "text": p.mention[:300],
                "geonameid": gid if gid is not None else p.place.geonameid,
                "confidence": 1.0 if gid is not None else p.confidence,
                "demonym": int(p.demonym),
                "key": (p.key or p.mention.casefold())[:300],
                "resolver_geonameid": p.place.geonameid,
            }
        )
    return rows


def _claim_rows(result: ParseResult, fixed: Corrections) -> list[dict]:
    return [
        {
            "article_id": result.article.id,
            "geonameid": fixed.get((c.place.start, c.place.end), c.place.place.geonameid),
            "mention": c.place.mention[:300],
            "mention_start": c.place.start,
            "mention_end": c.place.end,
            "actor": c.actor[:64],
            "status": c.status,
            "date": c.date,
            "date_end": c.date_end,
            "date_precision": c.date_precision,
            "quote": c.quote,
            "quote_start": c.quote_start,
            "quote_end": c.quote_end,
            "confidence": c.confidence,
            "language": c.language[:16],
            "flags": ",".join(_claim_flags(c, fixed))[:200],
        }
        for c in result.claims
    ]


#: The flag that marks a claim whose place was drawn near a named parent (``ResolvedPlace.precision``).
NEAR_FLAG = "near"


def _claim_flags(claim, fixed: Corrections) -> tuple[str, ...]:
    """The claim's flags, with ``near`` when its place is approximate and nobody corrected it."""
    near = claim.place.precision == "near" and (claim.place.start, claim.place.end) not in fixed
    return (*claim.flags, NEAR_FLAG) if near and NEAR_FLAG not in claim.flags else tuple(claim.flags)


def ensure_places(conn: Connection, places: Iterable[Place], ids: Iterable[int], lookup: Lookup) -> None:
    """Place rows for ``places`` and for the ids ``ids`` (looked up), skipping those stored."""
    wanted = {p.geonameid: p for p in places}
    for gid in ids:
        wanted.setdefault(int(gid), None)
    if not wanted:
        return
    have = set(conn.execute(select(P.c.geonameid).where(P.c.geonameid.in_(list(wanted)))).scalars())
    rows = []
    for gid, p in wanted.items():
        if gid in have:
            continue
        p = p or lookup(gid)
        if p is None:
            from geo.errors import InputError

            raise InputError(f"no place with id {gid}")
        rows.append(
            {
                "geonameid": gid,
                "name": p.name[:300],
                "lat": p.lat,
                "lon": p.lon,
                "country_code": p.country_code,
                "kind": p.kind,
                "population": int(p.population or 0),
                "admin1": p.admin1[:32],
            }
        )
    if rows:
        conn.execute(_insert_ignoring_duplicates(conn, P), rows)


def _insert_ignoring_duplicates(conn: Connection, table):
    """INSERT that skips rows another process stored a moment ago (SQLite, PostgreSQL), else plain."""
    name = conn.dialect.name
    if name in ("sqlite", "postgresql"):
        from importlib import import_module

        return import_module(f"sqlalchemy.dialects.{name}").insert(table).on_conflict_do_nothing()
    return insert(table)


def remember_files(conn: Connection, files: dict[str, list[str]], parser_version: str, now: datetime) -> None:
    """Record ingested files' content hashes and the articles each gave."""
    if not files:
        return
    F = FileRow.__table__
    conn.execute(delete(F).where(F.c.hash.in_(list(files))))
    conn.execute(
        insert(F),
        [
            {"hash": h, "parser_version": parser_version, "article_ids": " ".join(ids), "seen_at": now}
            for h, ids in files.items()
        ],
    )
