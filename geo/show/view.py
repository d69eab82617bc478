"""The page's whole state in its URL: ``View``, read from query parameters and written back.

``parse_view`` reads a URL's parameters with a notice for each malformed or stale one;
``view_params`` writes the parameters of a view.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable

import pandas as pd

from geo.control.timeline import WINDOWS, ClaimFilter


@dataclass(frozen=True)
class View:
    """The dashboard's whole state: what the URL carries."""

    as_of: date | None = None
    window: str = "month"
    filters: ClaimFilter = field(default_factory=ClaimFilter)
    center: tuple[float, float] | None = None
    zoom: int | None = None
    areas: bool = False
    tiles: bool = False


# --- The view in the URL ----------------------------------------------------------------
#: Query parameter names; list-valued filters repeat their key (``?actor=a&actor=b``).
_LIST_PARAMS = {
    "actor": "actors",
    "status": "statuses",
    "country": "countries",
    "lang": "languages",
    "source": "sources",
}


def _one_date(value: str) -> date:
    return date.fromisoformat(value.strip())


def parse_view(
    params: dict[str, list[str]],
    span: tuple[date, date] | None,
    known: dict[str, Iterable[str]] | None = None,
) -> tuple[View, list[str]]:
    """The view a URL asks for, and a notice per parameter that was malformed or stale.

    ``params`` maps each query key to its values (``st.query_params.get_all``). A bad
    value falls back to its default; a date outside ``span`` is moved inside; filter
    values absent from the data (``known``: filter field -> values present) are dropped.
    Never raises.
    """
    notices: list[str] = []
    known = {k: set(v) for k, v in (known or {}).items()}

    def first(key: str) -> str | None:
        values = params.get(key) or []
        return str(values[-1]) if values else None

    def bad(key: str, value: str, why: str) -> None:
        shown = re.sub(r"[^\w .,:+-]", "?", value[:40])  # notices are shown as Markdown
        notices.append(f"Ignored {key}='{shown}': {why}.")

    def clamp(key: str, d: date) -> date:
        if span and not (span[0] <= d <= span[1]):
            moved = min(max(d, span[0]), span[1])
            notices.append(
                f"{key}={d.isoformat()} is outside the data ({span[0]} to {span[1]}); showing {moved}."
            )
            return moved
        return d

    dates: dict[str, date | None] = {}
    for key in ("date", "from", "to"):
        raw = first(key)
        dates[key] = None
        if raw is None:
            continue
        try:
            dates[key] = clamp(key, _one_date(raw))
        except ValueError:
            bad(key, raw, "not a date (use YYYY-MM-DD)")
    if dates["from"] and dates["to"] and dates["from"] > dates["to"]:
        notices.append("from is after to; the date range was reset.")
        dates["from"] = dates["to"] = None

    window = first("window") or "month"
    if window not in WINDOWS:
        bad("window", window, f"use one of {', '.join(WINDOWS)}")
        window = "month"

    lists: dict[str, tuple[str, ...]] = {}
    for key, fieldname in _LIST_PARAMS.items():
        values = [v for v in (params.get(key) or []) if v != ""]
        if fieldname in known:
            stale = [v for v in values if v not in known[fieldname]]
            for v in stale:
                bad(key, v, "not in the data")
            values = [v for v in values if v in known[fieldname]]
        lists[fieldname] = tuple(dict.fromkeys(values))

    min_conf = 0.0
    raw = first("conf")
    if raw is not None:
        try:
            min_conf = float(raw)
            if not 0.0 <= min_conf <= 1.0:
                raise ValueError
        except ValueError:
            bad("conf", raw, "use a number from 0 to 1")
            min_conf = 0.0

    center = None
    raw = first("center")
    if raw is not None:
        try:
            lat, lon = (float(x) for x in raw.split(","))
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise ValueError
            center = (lat, lon)
        except ValueError:
            bad("center", raw, "use lat,lon in degrees")
    zoom = None
    raw = first("zoom")
    if raw is not None:
        try:
            zoom = int(raw)
            if not 1 <= zoom <= 18:
                raise ValueError
        except ValueError:
            bad("zoom", raw, "use a whole number from 1 to 18")
            zoom = None

    flags = {}
    for key in ("areas", "tiles"):
        raw = first(key)
        flags[key] = False
        if raw is not None:
            if raw in ("1", "0", "true", "false"):
                flags[key] = raw in ("1", "true")
            else:
                bad(key, raw, "use 1 or 0")

    as_of = dates["date"]
    if as_of is not None:
        lo, hi = dates["from"] or date.min, dates["to"] or date.max
        if not lo <= as_of <= hi:
            as_of = min(max(as_of, lo), hi)
            notices.append(f"date is outside the chosen range; showing {as_of}.")
    view = View(
        as_of=as_of,
        window=window,
        filters=ClaimFilter(start=dates["from"], end=dates["to"], min_confidence=min_conf, **lists),
        center=center,
        zoom=zoom,
        areas=flags["areas"],
        tiles=flags["tiles"],
    )
    return view, notices


def view_params(view: View) -> dict[str, str | list[str]]:
    """The query parameters of a view (defaults left out, so links stay short)."""
    f = view.filters
    out: dict[str, str | list[str]] = {}
    if view.as_of:
        out["date"] = view.as_of.isoformat()
    if view.window != "month":
        out["window"] = view.window
    if f.start:
        out["from"] = f.start.isoformat()
    if f.end:
        out["to"] = f.end.isoformat()
    for key, fieldname in _LIST_PARAMS.items():
        values = list(getattr(f, fieldname))
        if values:
            out[key] = values
    if f.min_confidence > 0:
        out["conf"] = f"{f.min_confidence:g}"
    if view.center:
        out["center"] = f"{view.center[0]:.4f},{view.center[1]:.4f}"
    if view.zoom:
        out["zoom"] = str(int(view.zoom))
    if view.areas:
        out["areas"] = "1"
    if view.tiles:
        out["tiles"] = "1"
    return out


def known_values(df: pd.DataFrame) -> dict[str, list[str]]:
    """The values each list filter can take in ``df`` (sorted, blanks left out)."""
    cols = {
        "actors": "actor",
        "statuses": "status",
        "countries": "country_code",
        "languages": "language",
        "sources": "source",
    }
    return {name: sorted(v for v in df[col].unique() if v) for name, col in cols.items()}
