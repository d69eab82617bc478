"""Editors' writes: corrections, the rules they make, the audit log of changes, and undo.

Every write records a change (who, when, what, and in ``payload`` what undo needs). A
correction re-points a mention and its claims, and makes a rule "this name (the resolver's
gazetteer key) means this place" that later parses prefer. Undo reverts one change: an added
article is removed with its claims, a correction goes back to the place before it (the
resolver's pick, or the earlier correction) and its rule is retired, a removed rule returns.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from geo.errors import InputError
from geo.store.bulk import Lookup, ensure_places
from geo.store.models import (
    ArticleRow,
    ChangeRow,
    ClaimRow,
    CorrectionRow,
    FileRow,
    MentionRow,
    PlaceRow,
    RuleRow,
)

if TYPE_CHECKING:  # pandas only where a frame is made
    import pandas as pd

CHANGE_COLUMNS = ["change_id", "at", "editor", "action", "article_id", "detail", "undone"]
RULE_COLUMNS = ["rule_id", "key", "mention", "geonameid", "place", "country_code", "editor", "created_at"]


def change_row(now: datetime, editor: str, action: str, article_id: str, detail: str, payload: dict) -> dict:
    return {
        "at": now,
        "editor": (editor or "")[:200],
        "action": action,
        "article_id": article_id or "",
        "detail": detail,
        "payload": json.dumps(payload, separators=(",", ":")),
    }


def insert_change(
    conn: Connection, now: datetime, editor: str, action: str, article_id: str, detail: str, payload: dict
) -> int:
    row = change_row(now, editor, action, article_id, detail, payload)
    return conn.execute(insert(ChangeRow.__table__), row).inserted_primary_key[0]


def _place_label(conn: Connection, gid: int | None) -> str:
    row = conn.execute(select(PlaceRow.name, PlaceRow.country_code).where(PlaceRow.geonameid == gid)).first()
    return f"{row[0]} ({row[1]})" if row else f"place {gid}"


def _point(conn: Connection, aid: str, start: int, end: int, gid: int) -> None:
    """The stored mention at ``start:end`` and its claims now mean place ``gid``."""
    m, c = MentionRow, ClaimRow
    conn.execute(
        update(m)
        .where(m.article_id == aid, m.start == start, m.end == end)
        .values(geonameid=gid, confidence=1.0)
    )
    conn.execute(
        update(c)
        .where(c.article_id == aid, c.mention_start == start, c.mention_end == end)
        .values(geonameid=gid)
    )


def record_correction(
    conn: Connection,
    aid: str,
    start: int,
    end: int,
    gid: int,
    *,
    editor: str,
    now: datetime,
    lookup: Lookup,
    applied: bool = False,
) -> int | None:
    """Store a correction with its rule and change (``applied``: the rows already point at
    ``gid``); the new rule's id, None when the mention already meant ``gid`` or its name
    already had that rule."""
    gid = int(gid)
    if not applied and conn.execute(select(ArticleRow.id).where(ArticleRow.id == aid)).first() is None:
        raise InputError(f"no stored article {aid[:12]}")
    previous = conn.execute(
        select(CorrectionRow.geonameid).where(
            CorrectionRow.article_id == aid,
            CorrectionRow.mention_start == start,
            CorrectionRow.mention_end == end,
        )
    ).scalar()
    mention = conn.execute(
        select(MentionRow.text, MentionRow.key, MentionRow.geonameid).where(
            MentionRow.article_id == aid, MentionRow.start == start, MentionRow.end == end
        )
    ).first()
    if not applied and mention is not None and mention.geonameid == gid:
        return None
    ensure_places(conn, [], [gid], lookup)
    _replace_correction(conn, aid, start, end, gid, now, editor)
    if not applied:
        _point(conn, aid, start, end, gid)
    rule, replaced = _make_rule(conn, mention, gid, editor, now) if mention is not None else (None, [])
    text = mention.text if mention is not None else f"{start}:{end}"
    detail = f"'{text}' in article {aid[:12]} now means {_place_label(conn, gid)}"
    payload = {"start": start, "end": end, "geonameid": gid, "previous": previous, "rule": rule}
    if replaced:
        payload["replaced"] = replaced
    insert_change(conn, now, editor, "correct", aid, detail, payload)
    return rule


def _make_rule(
    conn: Connection, mention, gid: int, editor: str, now: datetime
) -> tuple[int | None, list[int]]:
    """The rule "the mention's name (its gazetteer key) means place ``gid``": one active rule a
    name. Returns (the new rule's id, the rules it replaced); (None, []) when the name already
    has that rule (a second mention of a name corrected, or the same correction again)."""
    key = (mention.key or mention.text.casefold())[:300]
    active = conn.execute(
        select(RuleRow.id, RuleRow.geonameid).where(RuleRow.key == key, RuleRow.removed_at.is_(None))
    ).all()
    if any(r.geonameid == gid for r in active):
        return None, []
    replaced = [r.id for r in active]
    _retire_rules(conn, replaced, now)
    row = {"key": key, "mention": mention.text, "geonameid": gid, "editor": editor[:200], "created_at": now}
    return conn.execute(insert(RuleRow.__table__).values(**row)).inserted_primary_key[0], replaced


def set_correction(
    conn: Connection, aid: str, start: int, end: int, gid: int, *, editor: str, now, lookup
) -> None:
    if (
        lookup(int(gid)) is None
        and conn.execute(select(PlaceRow.geonameid).where(PlaceRow.geonameid == gid)).first() is None
    ):
        raise InputError(f"no place with id {gid}")
    record_correction(conn, aid, start, end, gid, editor=editor, now=now, lookup=lookup)


def remove_rule(conn: Connection, rule_id: int, *, editor: str, now: datetime) -> None:
    rule = conn.execute(select(RuleRow).where(RuleRow.id == int(rule_id))).first()
    if rule is None or rule.removed_at is not None:
        raise InputError(f"no active rule {rule_id}")
    conn.execute(update(RuleRow).where(RuleRow.id == rule.id).values(removed_at=now))
    detail = f"removed the rule '{rule.mention or rule.key}' means {_place_label(conn, rule.geonameid)}"
    insert_change(conn, now, editor, "remove_rule", "", detail, {"rule": rule.id})


def undo(conn: Connection, change_id: int, *, editor: str, now: datetime) -> str:
    """Revert change ``change_id``; a one-line description of what was undone."""
    change = conn.execute(select(ChangeRow).where(ChangeRow.id == int(change_id))).first()
    if change is None:
        raise InputError(f"no change {change_id}")
    if change.undone_at is not None:
        raise InputError(f"change {change_id} was already undone")
    payload = json.loads(change.payload or "{}")
    if change.action == "add":
        what = _undo_add(conn, change.article_id, now)
    elif change.action == "correct":
        what = _undo_correct(conn, change.article_id, payload, now)
    elif change.action == "remove_rule":
        conn.execute(update(RuleRow).where(RuleRow.id == payload["rule"]).values(removed_at=None))
        what = change.detail.replace("removed the rule", "restored the rule", 1)
    else:
        raise InputError(f"change {change_id} ({change.action}) cannot be undone")
    conn.execute(update(ChangeRow).where(ChangeRow.id == change.id).values(undone_at=now))
    insert_change(
        conn,
        now,
        editor,
        "undo",
        change.article_id,
        f"undid change {change.id}: {what}",
        {"change": change.id},
    )
    return what


def _retire_rules(conn: Connection, ids, now: datetime) -> None:
    ids = [i for i in ids if i]
    if ids:
        conn.execute(
            update(RuleRow).where(RuleRow.id.in_(ids), RuleRow.removed_at.is_(None)).values(removed_at=now)
        )


def _restore_rules(conn: Connection, ids) -> None:
    """Rules a correction replaced, in force again (its undo)."""
    if ids:
        conn.execute(update(RuleRow).where(RuleRow.id.in_([int(i) for i in ids])).values(removed_at=None))


def _undo_add(conn: Connection, aid: str, now: datetime) -> str:
    art = conn.execute(select(ArticleRow.title, ArticleRow.text).where(ArticleRow.id == aid)).first()
    if art is None:
        raise InputError(f"article {aid[:12]} is no longer stored")
    n = len(conn.execute(select(ClaimRow.id).where(ClaimRow.article_id == aid)).all())
    for table in (ClaimRow, MentionRow, CorrectionRow):
        conn.execute(delete(table).where(table.article_id == aid))
    conn.execute(delete(ArticleRow).where(ArticleRow.id == aid))
    conn.execute(delete(FileRow).where(FileRow.article_ids.contains(aid)))  # read the file again next time
    made = [
        json.loads(p)
        for p in conn.execute(
            select(ChangeRow.payload).where(
                ChangeRow.article_id == aid, ChangeRow.action == "correct", ChangeRow.undone_at.is_(None)
            )
        ).scalars()
    ]
    _retire_rules(conn, [m.get("rule") for m in made], now)  # the rules its corrections made
    _restore_rules(conn, [i for m in made for i in m.get("replaced", [])])  # and those they replaced
    label = art.title or art.text[:60].replace("\n", " ")
    return f"removed article '{label}' with its {n} claims"


def _undo_correct(conn: Connection, aid: str, payload: dict, now: datetime) -> str:
    start, end, previous = payload["start"], payload["end"], payload.get("previous")
    m = MentionRow
    mention = conn.execute(
        select(m.text, m.resolver_geonameid).where(m.article_id == aid, m.start == start, m.end == end)
    ).first()
    if conn.execute(select(ArticleRow.id).where(ArticleRow.id == aid)).first() is None:
        raise InputError(f"article {aid[:12]} is no longer stored")
    back = previous if previous is not None else (mention.resolver_geonameid if mention else None)
    _replace_correction(conn, aid, start, end, previous, now, "")
    if back is not None:
        _point(conn, aid, start, end, back)
    _retire_rules(conn, [payload.get("rule")], now)
    _restore_rules(conn, payload.get("replaced", []))
    text = mention.text if mention else f"{start}:{end}"
    return f"'{text}' in article {aid[:12]} means {_place_label(conn, back)} again"


def place_rules(conn: Connection) -> dict[str, int]:
    """Active rules, key -> geonameid (the latest rule for a key wins)."""
    q = select(RuleRow.key, RuleRow.geonameid).where(RuleRow.removed_at.is_(None)).order_by(RuleRow.id)
    return {key: gid for key, gid in conn.execute(q)}


def rules_frame(conn: Connection) -> pd.DataFrame:
    r, p = RuleRow, PlaceRow
    q = (
        select(r.id, r.key, r.mention, r.geonameid, p.name, p.country_code, r.editor, r.created_at)
        .outerjoin(p, p.geonameid == r.geonameid)
        .where(r.removed_at.is_(None))
        .order_by(r.id)
    )
    import pandas as pd

    return pd.DataFrame([tuple(x) for x in conn.execute(q)], columns=RULE_COLUMNS)


def changes_frame(conn: Connection, limit: int = 200) -> pd.DataFrame:
    c = ChangeRow
    q = select(c.id, c.at, c.editor, c.action, c.article_id, c.detail, c.undone_at).order_by(c.id.desc())
    rows = [(*x[:6], x[6] is not None) for x in conn.execute(q.limit(int(limit)))]
    import pandas as pd

    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)


def _replace_correction(
    conn: Connection, aid: str, start: int, end: int, gid: int | None, now: datetime, editor: str
) -> None:
    """The mention's correction becomes ``gid`` (none at all when ``gid`` is None)."""
    c = CorrectionRow
    conn.execute(delete(c).where(c.article_id == aid, c.mention_start == start, c.mention_end == end))
    if gid is not None:
        conn.execute(
            insert(c.__table__).values(
                article_id=aid,
                mention_start=start,
                mention_end=end,
                geonameid=gid,
                created_at=now,
                editor=editor[:200],
            )
        )
