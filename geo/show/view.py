"""The page's whole state in its URL: ``View``, read from query parameters and written back.

``parse_view`` reads a URL's parameters with a notice for each malformed or stale one;
``view_params`` writes the parameters of a view, ``share_url`` the link that reopens it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

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


class _Reader:
    """Reads one URL's parameters, collecting a notice for each malformed or stale value."""

    def __init__(self, params: dict[str, list[str]], span: tuple[date, date] | None):
        self.params, self.span = params, span
        self.notices: list[str] = []

    def first(self, key: str) -> str | None:
        values = self.params.get(key) or []
        return str(values[-1]) if values else None

    def bad(self, key: str, value: str, why: str) -> None:
        shown = re.sub(r"[^\w .,:+-]", "?", value[:40])  # notices are shown as Markdown
        self.notices.append(f"Ignored {key}='{shown}': {why}.")

    def dates(self) -> dict[str, date | None]:
        """``date``, ``from`` and ``to``, each moved inside the data's span."""
        out: dict[str, date | None] = {}
        for key in ("date", "from", "to"):
            raw, out[key] = self.first(key), None
            if raw is None:
                continue
            try:
                out[key] = self._inside(key, date.fromisoformat(raw.strip()))
            except ValueError:
                self.bad(key, raw, "not a date (use YYYY-MM-DD)")
        if out["from"] and out["to"] and out["from"] > out["to"]:
            self.notices.append("from is after to; the date range was reset.")
            out["from"] = out["to"] = None
        return out

    def _inside(self, key: str, d: date) -> date:
        span = self.span
        if span and not (span[0] <= d <= span[1]):
            moved = min(max(d, span[0]), span[1])
            self.notices.append(
                f"{key}={d.isoformat()} is outside the data ({span[0]} to {span[1]}); showing {moved}."
            )
            return moved
        return d

    def lists(self, known: dict[str, set[str]]) -> dict[str, tuple[str, ...]]:
        """The list filters, values absent from the data (``known``) dropped with a notice."""
        out: dict[str, tuple[str, ...]] = {}
        for key, fieldname in _LIST_PARAMS.items():
            values = [v for v in (self.params.get(key) or []) if v != ""]
            if fieldname in known:
                for v in values:
                    if v not in known[fieldname]:
                        self.bad(key, v, "not in the data")
                values = [v for v in values if v in known[fieldname]]
            out[fieldname] = tuple(dict.fromkeys(values))
        return out

    def number(self, key: str, cast, ok, why: str, default):
        """A numeric parameter, ``default`` when absent or when ``ok(value)`` is false."""
        raw = self.first(key)
        if raw is None:
            return default
        try:
            value = cast(raw)
            if ok(value):
                return value
        except ValueError:
            pass
        self.bad(key, raw, why)
        return default

    def center(self) -> tuple[float, float] | None:
        raw = self.first("center")
        if raw is None:
            return None
        try:
            lat, lon = (float(x) for x in raw.split(","))
            if -90 <= lat <= 90 and -180 <= lon <= 180:
                return (lat, lon)
        except ValueError:
            pass
        self.bad("center", raw, "use lat,lon in degrees")
        return None

    def flag(self, key: str) -> bool:
        raw = self.first(key)
        if raw is None:
            return False
        if raw in ("1", "0", "true", "false"):
            return raw in ("1", "true")
        self.bad(key, raw, "use 1 or 0")
        return False

    def choice(self, key: str, options: Iterable[str], default: str) -> str:
        raw = self.first(key) or default
        if raw in options:
            return raw
        self.bad(key, raw, f"use one of {', '.join(options)}")
        return default


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
    r = _Reader(params, span)
    dates = r.dates()
    lists = r.lists({k: set(v) for k, v in (known or {}).items()})
    min_conf = r.number("conf", float, lambda v: 0.0 <= v <= 1.0, "use a number from 0 to 1", 0.0)
    zoom = r.number("zoom", int, lambda v: 1 <= v <= 18, "use a whole number from 1 to 18", None)
    as_of = dates["date"]
    if as_of is not None:
        lo, hi = dates["from"] or date.min, dates["to"] or date.max
        if not lo <= as_of <= hi:
            as_of = min(max(as_of, lo), hi)
            r.notices.append(f"date is outside the chosen range; showing {as_of}.")
    view = View(
        as_of=as_of,
        window=r.choice("window", WINDOWS, "month"),
        filters=ClaimFilter(start=dates["from"], end=dates["to"], min_confidence=min_conf, **lists),
        center=r.center(),
        zoom=zoom,
        areas=r.flag("areas"),
        tiles=r.flag("tiles"),
    )
    return view, r.notices


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


def share_url(base: str, view: View) -> str:
    """The link that reopens ``view``: ``base`` (the page's address, any query dropped) and
    the view's parameters, URL-encoded (a source named "A&B" or "#1" survives the trip)."""
    parts = urlsplit(base)
    base = urlunsplit((parts.scheme, parts.netloc, parts.path or "/", "", ""))
    query = urlencode(view_params(view), doseq=True)
    return f"{base}?{query}" if query else base


def query_of(url: str) -> dict[str, list[str]]:
    """A URL's query parameters as ``parse_view`` takes them (each key to all its values)."""
    return parse_qs(urlsplit(url).query, keep_blank_values=True)


def session_values(view: View, span: tuple[date, date]) -> dict:
    """The page's widget values for ``view`` (what a URL sets once per session)."""
    f = view.filters
    as_of = view.as_of or span[1]
    return {
        "as_of": as_of,
        "anchor_day": as_of.day,
        "window": view.window,
        "range": (f.start or span[0], f.end or span[1]),
        "actors": list(f.actors),
        "statuses": list(f.statuses),
        "countries": list(f.countries),
        "languages": list(f.languages),
        "sources": list(f.sources),
        "conf": f.min_confidence,
        "areas": view.areas,
        "tiles": view.tiles,
        "center": view.center,
        "zoom": view.zoom,
    }


def view_from_session(values: dict, span: tuple[date, date], bounds: tuple[date, date]) -> View:
    """The view the page's widgets (``session_values``' keys) show; ``bounds`` is the chosen range."""
    return View(
        as_of=values["as_of"],
        window=values["window"],
        filters=ClaimFilter(
            start=bounds[0] if bounds[0] != span[0] else None,
            end=bounds[1] if bounds[1] != span[1] else None,
            actors=tuple(values["actors"]),
            statuses=tuple(values["statuses"]),
            countries=tuple(values["countries"]),
            languages=tuple(values["languages"]),
            sources=tuple(values["sources"]),
            min_confidence=float(values["conf"]),
        ),
        center=values.get("center"),
        zoom=values.get("zoom"),
        areas=bool(values["areas"]),
        tiles=bool(values["tiles"]),
    )


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
