"""The evidence of a claim as safe HTML: the quote with its place marked, source, link, date.

The markup is written once, in ``static/popup.html`` (a place) and ``static/claim.html``
(one claim), with ``{x}`` fields. Python fills them for the page's Evidence panel and the
map's tests (``fill``); the map's JavaScript fills the same templates when a popup opens
(``tmFill`` in ``static/map.js``). Every field is made safe here (``labels.safe``): the
templates only join fields.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from geo.show.labels import actor_label, country_name, language_name, safe, status_label

STATIC = Path(__file__).with_name("static")
POPUP_TEMPLATE = (STATIC / "popup.html").read_text(encoding="utf-8").strip()
CLAIM_TEMPLATE = (STATIC / "claim.html").read_text(encoding="utf-8").strip()
QUOTE_CHARS = 320
#: Claims listed in one popup (the latest of each claimant first); the Evidence panel has all.
POPUP_CLAIMS = 4
#: Claims a page's popup lists once they are loaded (it opens on a click that also selects the place).
LOADED_CLAIMS = 20
_FIELD = re.compile(r"\{(\w)\}")
_WEB_URL = re.compile(r"^https?://", re.IGNORECASE)


def fill(template: str, fields: dict[str, Any]) -> str:
    """``template`` with each ``{x}`` replaced by ``fields["x"]`` (already safe HTML; "" when absent)."""
    return _FIELD.sub(lambda m: str(fields.get(m.group(1), "")), template)


def popup_html(p: dict[str, Any]) -> str:
    """The popup a map feature's properties make (what ``tmPopup`` builds in the browser)."""
    items = "".join(fill(CLAIM_TEMPLATE, e) for e in p.get("e", []))
    return fill(POPUP_TEMPLATE, {**p, "e": items})


def evidence_html(row: Any) -> str:
    """The evidence block of one claim for the page's panel (an itertuples row)."""
    return fill(CLAIM_TEMPLATE, claim_fields(row))


def highlight_quote(
    quote: str,
    mention: str,
    quote_start: int = -1,
    mention_start: int = -1,
    mention_end: int = -1,
    limit: int = QUOTE_CHARS,
) -> str:
    """The quote as safe HTML with the place name in ``<mark>``, cut to about ``limit`` characters.

    The mark comes from the character offsets when they fall inside the quote, else from
    the first case-insensitive occurrence of ``mention``.
    """
    quote = quote or ""
    lo = hi = -1
    if quote_start >= 0 and quote_start <= mention_start < mention_end <= quote_start + len(quote):
        lo, hi = mention_start - quote_start, mention_end - quote_start
    elif mention:
        lo = quote.casefold().find(mention.casefold())
        hi = lo + len(mention) if lo >= 0 else -1
    cut_lo, cut_hi = 0, len(quote)
    if len(quote) > limit:
        centre = (lo + hi) // 2 if lo >= 0 else 0
        cut_lo = max(0, min(centre - limit // 2, len(quote) - limit))
        cut_hi = cut_lo + limit
    pre = "…" if cut_lo > 0 else ""
    post = "…" if cut_hi < len(quote) else ""
    if lo >= cut_lo and hi <= cut_hi and lo >= 0:
        body = safe(quote[cut_lo:lo]) + "<mark>" + safe(quote[lo:hi]) + "</mark>" + safe(quote[hi:cut_hi])
    else:
        body = safe(quote[cut_lo:cut_hi])
    return pre + body + post


def highlight_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` as safe HTML with each (start, end) span in ``<mark>`` (overlaps merged)."""
    out, pos = [], 0
    for start, end in sorted(spans):
        start = max(start, pos)
        if end <= start or start >= len(text):
            continue
        out += [safe(text[pos:start]), "<mark>", safe(text[start:end]), "</mark>"]
        pos = end
    out.append(safe(text[pos:]))
    return "".join(out)


def format_date(value: Any, precision: str, end: Any = None) -> str:
    """A claim's date as the precision allows: ``2017-07-14``, ``July 2017 (month)``, ``week of ...``."""
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return "undated"
    ts = value if isinstance(value, pd.Timestamp) else pd.Timestamp(value)
    if precision == "year":
        return f"{ts.year} (year)"
    if precision == "month":
        return f"{ts.strftime('%B %Y')} (month)"
    if precision == "week":
        last = pd.Timestamp(end) if end is not None and not pd.isna(end) else ts
        return f"week {ts.date().isoformat()} – {last.date().isoformat()} (week)"
    return f"{ts.date().isoformat()} (day)"


def safe_url(url: str) -> str:
    """``url`` when it is an http(s) link, else "" (no ``javascript:`` in an href)."""
    url = (url or "").strip()
    return url if _WEB_URL.match(url) else ""


def claim_fields(row: Any) -> dict[str, str]:
    """One claim's fields for ``claim.html``, each safe HTML.

    ``h`` who did what, ``q`` quote with the place in ``<mark>``, ``t`` the article's title,
    ``s`` source, ``a`` link to the article, ``m`` date with precision, confidence, language.
    """
    return {
        "h": _who(row.actor, row.status),
        "q": highlight_quote(row.quote, row.mention, row.quote_start, row.mention_start, row.mention_end),
        "t": _title(getattr(row, "title", "") or ""),
        "s": _source(row.source),
        "a": _link(row.url),
        "m": safe(format_date(row.date, row.date_precision, row.date_end))
        + f" · confidence {float(row.confidence):.2f} · {_language(getattr(row, 'language', ''))}",
    }


# The fields many claims share (an actor, a source, an article's title and link) are made
# safe once each: a map of 100,000 claims repeats a few hundred of them.
@lru_cache(maxsize=4096)
def _who(actor: str, status: str) -> str:
    return safe(f"{actor_label(actor)} {status_label(status)}")


@lru_cache(maxsize=8192)
def _title(title: str) -> str:
    return f'<i dir="auto">{safe(title)}</i><br>' if title else ""


@lru_cache(maxsize=8192)
def _source(source: str) -> str:
    return safe(source or "unknown source")


@lru_cache(maxsize=8192)
def _link(url: str) -> str:
    url = safe_url(url)
    return f' · <a href="{safe(url)}" target="_blank" rel="noopener noreferrer">article</a>' if url else ""


@lru_cache(maxsize=512)
def _language(code: str) -> str:
    return safe(language_name(code))


def place_fields(row: Any) -> dict[str, str]:
    """A place's heading fields for ``popup.html``: ``n`` name, ``k`` kind and country."""
    return {"n": safe(row.place or row.mention), "k": safe(f"{row.kind}, {country_name(row.country_code)}")}


def claims_by_place(claims: pd.DataFrame, limit: int = POPUP_CLAIMS) -> dict[int, tuple[list[dict], int]]:
    """geonameid -> (the claim fields a popup lists, how many more claims the place has).

    Each claimant's latest claim, latest first (so a contest shows both sides, each with its
    source), at most ``limit``.
    """
    if claims.empty:
        return {}
    ordered = claims.sort_values(["date", "confidence"], ascending=False, na_position="last")
    ordered = ordered[~ordered.duplicated(["geonameid", "actor"])]
    out: dict[int, tuple[list[dict], int]] = {}
    sizes = claims.groupby("geonameid").size().to_dict()
    for r in ordered.groupby("geonameid").head(limit).astype(object).itertuples(index=False):
        gid = int(r.geonameid)
        items, _ = out.get(gid, ([], 0))
        items.append(claim_fields(r))
        out[gid] = (items, sizes[gid] - len(items))
    return out


def place_claims(claims: pd.DataFrame, limit: int = LOADED_CLAIMS) -> tuple[list[dict], int]:
    """The claim fields a place's popup lists, from that place's claims: each claimant's latest
    first (both sides of a contest, each with its source), then the others latest first, at most
    ``limit``; and how many more the place has."""
    if claims.empty:
        return [], 0
    ordered = claims.sort_values(["date", "confidence"], ascending=False, na_position="last")
    first = ~ordered.duplicated(["actor"])
    listed = pd.concat([ordered[first], ordered[~first]]).head(limit)
    return [claim_fields(r) for r in listed.astype(object).itertuples(index=False)], len(claims) - len(listed)
