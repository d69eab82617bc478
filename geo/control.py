"""Who controls what, as of a date: the claims table turned into map layers.

Input is the store's claims DataFrame (one row per claim, see the store contract).
Everything here is plain pandas/shapely so the page, the CLI and tests share it:

- ``prepare_claims``: typed dates, a ``date_end`` for every dated claim;
- ``filter_claims``: date range, actors, statuses, countries, languages, sources, confidence;
- ``control_as_of``: one row per place with its controller on a date (or ``contested``);
- ``events_in_window``: the captures, offensives, contests and withdrawals of a window;
- ``control_areas``: approximate areas per controller (Voronoi cells, clipped);
- ``window_bounds`` / ``step_date`` / ``data_span``: the timeline arithmetic;
- ``View``, ``parse_view`` / ``view_params``: the page's whole state in its URL, with a
  notice for each malformed or stale parameter;
- ``find_places``, ``locate_place``, ``place_candidates``: place search and corrections.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Iterable

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.actors import are_partners

#: Statuses that say who holds a place.
CONTROL_STATUSES = ("captured", "held")
#: Statuses shown as events of a window (``held`` is a state, not an event).
EVENT_STATUSES = ("captured", "offensive", "contested", "withdrawn")
#: Window lengths of the timeline.
WINDOWS = ("day", "week", "month")
#: Controller value of a place whose claims disagree.
CONTESTED = "contested"
CRS = "EPSG:4326"

_PLACE_COLUMNS = ["geonameid", "place", "country_code", "lat", "lon", "kind"]


@dataclass(frozen=True)
class ClaimFilter:
    """What the user narrowed the claims to; empty collections mean "all"."""

    start: date | None = None
    end: date | None = None
    actors: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    min_confidence: float = 0.0


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


def _to_datetime(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values.astype("string").str.slice(0, 10), errors="coerce", format="%Y-%m-%d")


def prepare_claims(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of the claims with ``date``/``date_end``/``published`` as datetimes (NaT when unknown).

    ``date_end`` falls back to ``date``; ``confidence`` becomes float; text columns
    never hold NaN (empty string instead), so filters and popups need no special cases.
    """
    df = frame.copy()
    for col in ("date", "date_end", "published"):
        df[col] = _to_datetime(df[col]) if col in df else pd.Series(pd.NaT, index=df.index, dtype="datetime64[ns]")
    df["date_end"] = df["date_end"].fillna(df["date"])
    df.loc[df["date_end"] < df["date"], "date_end"] = df["date"]
    df["confidence"] = pd.to_numeric(df.get("confidence", 0.0), errors="coerce").fillna(0.0).astype(float)
    for col in ("actor", "status", "place", "mention", "quote", "source", "url", "title", "language",
                "country_code", "kind", "date_precision", "article_id"):
        if col not in df:
            df[col] = ""
        df[col] = df[col].fillna("").astype(str)
    for col in ("quote_start", "quote_end", "mention_start", "mention_end"):
        if col not in df:
            df[col] = -1
        df[col] = pd.to_numeric(df[col], errors="coerce").fillna(-1).astype(int)
    df["lat"] = pd.to_numeric(df["lat"], errors="coerce")
    df["lon"] = pd.to_numeric(df["lon"], errors="coerce")
    df = df[df["lat"].between(-90, 90) & df["lon"].between(-180, 180)]
    if "claim_id" not in df:
        df["claim_id"] = np.arange(len(df))
    return df.reset_index(drop=True)


def _isin(series: pd.Series, wanted: Iterable[str]) -> pd.Series:
    wanted = list(wanted)
    return series.isin(wanted) if wanted else pd.Series(True, index=series.index)


def filter_claims(df: pd.DataFrame, f: ClaimFilter) -> pd.DataFrame:
    """Claims of a prepared frame that pass every filter of ``f``.

    The date range keeps claims whose date interval overlaps it; undated claims only pass
    when no range is set.
    """
    keep = (
        _isin(df["actor"], f.actors)
        & _isin(df["status"], f.statuses)
        & _isin(df["country_code"], f.countries)
        & _isin(df["language"], f.languages)
        & _isin(df["source"], f.sources)
        & (df["confidence"] >= f.min_confidence)
    )
    if f.start is not None:
        keep &= df["date_end"] >= pd.Timestamp(f.start)
    if f.end is not None:
        keep &= df["date"] <= pd.Timestamp(f.end)
    return df[keep]


def data_span(df: pd.DataFrame) -> tuple[date, date] | None:
    """First and last day the dated claims cover, None when no claim has a date."""
    dated = df["date"].dropna()
    if dated.empty:
        return None
    return dated.min().date(), max(dated.max(), df["date_end"].max()).date()


def window_bounds(as_of: date, window: str) -> tuple[date, date]:
    """The window ending on ``as_of`` (inclusive): one day, seven days or one calendar month."""
    if window == "day":
        return as_of, as_of
    if window == "week":
        return as_of - timedelta(days=6), as_of
    if window == "month":
        start = (pd.Timestamp(as_of) - pd.DateOffset(months=1)).date() + timedelta(days=1)
        return start, as_of
    raise ValueError(f"window must be one of {', '.join(WINDOWS)}, not {window!r}")


def step_date(as_of: date, window: str, steps: int, span: tuple[date, date] | None = None) -> date:
    """``as_of`` moved by ``steps`` windows (negative: back), kept inside ``span``."""
    if window == "month":
        moved = (pd.Timestamp(as_of) + pd.DateOffset(months=steps)).date()
    else:
        moved = as_of + timedelta(days=steps * (1 if window == "day" else 7))
    if span is not None:
        moved = min(max(moved, span[0]), span[1])
    return moved


def control_as_of(df: pd.DataFrame, as_of: date) -> gpd.GeoDataFrame:
    """Each place's state of control on ``as_of`` from a prepared (and filtered) claims frame.

    The deciding claim is the latest captured/held/contested claim dated on or before
    ``as_of`` (ties: the more confident). The controller is its actor, or ``contested``
    when the deciding claim says so or when a captured/held claim by another actor
    overlaps it within the claims' date precision, unless the two fight on the same side
    (``geo.actors.are_partners``: the SDF and the US-led coalition). A later ``withdrawn`` claim by the
    controller leaves the place ``vacated``. Columns: the place columns, ``controller``,
    ``state`` (controlled/contested/vacated), ``rivals`` (other actors claiming it),
    ``n_claims`` and the deciding claim's evidence columns.
    """
    cutoff = pd.Timestamp(as_of)
    dated = df[df["date"].notna() & (df["date"] <= cutoff)]
    decisive = dated[dated["status"].isin(CONTROL_STATUSES + (CONTESTED,))]
    if decisive.empty:
        return _empty_control()
    decisive = decisive.sort_values(["geonameid", "date", "confidence"], kind="stable")
    last = decisive.groupby("geonameid", sort=False).tail(1).set_index("geonameid")

    holding = decisive[decisive["status"].isin(CONTROL_STATUSES)]
    joined = holding[["geonameid", "actor", "date_end"]].join(
        last[["actor", "date"]].rename(columns={"actor": "last_actor", "date": "last_date"}), on="geonameid"
    )
    # One string key per row keeps this vectorised: zipping Arrow strings row by row is 5x slower.
    pairs = joined["actor"].astype(str) + "\x1f" + joined["last_actor"].astype(str)
    allied = {pair: are_partners(*pair.split("\x1f")) for pair in pairs.unique()}  # a few dozen pairs, not a row each
    rival = ~pairs.map(allied).astype(bool)
    disagree = joined[rival & (joined["date_end"] >= joined["last_date"])]
    rivals = disagree.groupby("geonameid")["actor"].agg(lambda s: ",".join(sorted(set(s))))

    withdrawn = dated[dated["status"] == "withdrawn"][["geonameid", "actor", "date"]].join(
        last[["actor", "date"]].rename(columns={"actor": "last_actor", "date": "last_date"}), on="geonameid", how="inner"
    )
    vacated_ids = set(
        withdrawn[(withdrawn["actor"] == withdrawn["last_actor"]) & (withdrawn["date"] > withdrawn["last_date"])]["geonameid"]
    )

    out = last.reset_index()
    out["rivals"] = out["geonameid"].map(rivals).astype(object).fillna("").astype(str)
    contested = (out["status"] == CONTESTED) | (out["rivals"] != "")
    vacated = out["geonameid"].isin(vacated_ids) & ~contested
    out["state"] = np.where(contested, "contested", np.where(vacated, "vacated", "controlled"))
    out["controller"] = np.where(contested, CONTESTED, out["actor"])
    out["n_claims"] = out["geonameid"].map(dated.groupby("geonameid").size()).astype(int)
    return gpd.GeoDataFrame(out, geometry=gpd.points_from_xy(out["lon"], out["lat"]), crs=CRS)


def _empty_control() -> gpd.GeoDataFrame:
    cols = _PLACE_COLUMNS + ["controller", "state", "rivals", "n_claims", "actor", "status", "date"]
    return gpd.GeoDataFrame({c: [] for c in cols}, geometry=gpd.GeoSeries([], crs=CRS), crs=CRS)


def events_in_window(df: pd.DataFrame, as_of: date, window: str) -> gpd.GeoDataFrame:
    """Claims of ``EVENT_STATUSES`` whose date interval overlaps the window ending on ``as_of``."""
    start, end = window_bounds(as_of, window)
    keep = (
        df["status"].isin(EVENT_STATUSES)
        & df["date"].notna()
        & (df["date"] <= pd.Timestamp(end))
        & (df["date_end"] >= pd.Timestamp(start))
    )
    ev = df[keep].sort_values(["date", "confidence"], ascending=[False, False])
    return gpd.GeoDataFrame(ev, geometry=gpd.points_from_xy(ev["lon"], ev["lat"]), crs=CRS)


def find_places(df: pd.DataFrame, query: str, limit: int = 10) -> pd.DataFrame:
    """Places of the claims whose name or mention contains ``query`` (case-insensitive), most claimed first."""
    q = " ".join(str(query).split()).casefold()
    if not q or df.empty:
        return df.iloc[0:0][_PLACE_COLUMNS]
    hit = df["place"].str.casefold().str.contains(q, regex=False) | df["mention"].str.casefold().str.contains(q, regex=False)
    found = df[hit]
    exact = found["place"].str.casefold() == q
    counts = found.groupby("geonameid").size().rename("n_claims")
    places = found.assign(exact=exact).sort_values("exact", ascending=False).drop_duplicates("geonameid")
    places = places[_PLACE_COLUMNS + ["exact"]].join(counts, on="geonameid")
    return places.sort_values(["exact", "n_claims"], ascending=False).head(limit).drop(columns="exact").reset_index(drop=True)


def locate_place(df: pd.DataFrame, query: str, gazetteer=None) -> tuple[float, float, str] | None:
    """Where to centre the map for a place search: (lat, lon, name), or None.

    Places of the claims come first; else the gazetteer's best match for the name.
    """
    hits = find_places(df, query, limit=1)
    if not hits.empty:
        return float(hits.loc[0, "lat"]), float(hits.loc[0, "lon"]), str(hits.loc[0, "place"])
    if gazetteer is None or not str(query).strip():
        return None
    from geo.gazetteer.names import normalize_name

    found = gazetteer.lookup(normalize_name(str(query)))
    return (found[0].lat, found[0].lon, found[0].name) if found else None


def control_areas(
    control: gpd.GeoDataFrame, outlines: gpd.GeoDataFrame | None = None, max_km: float = 60.0
) -> gpd.GeoDataFrame:
    """Approximate areas per controller: Voronoi cells of the places, clipped and merged.

    Each place's cell is cut to its country's outline (``outlines`` with an ``iso_a2``
    column; skipped when the country is unknown) and to a disc of ``max_km`` around the
    place (a degree-based approximation), then cells are merged per ``controller``.
    Vacated places draw no area. Returns columns ``controller``, ``n_places``, geometry.
    """
    pts = control[control["state"] != "vacated"].drop_duplicates(subset=["lat", "lon"])
    if pts.empty:
        return gpd.GeoDataFrame({"controller": [], "n_places": []}, geometry=gpd.GeoSeries([], crs=CRS), crs=CRS)
    points = shapely.points(pts["lon"].to_numpy(), pts["lat"].to_numpy())
    radius = max_km / 111.32
    discs = shapely.buffer(points, radius, quad_segs=8)
    if len(points) >= 2:
        envelope = shapely.box(*shapely.total_bounds(points)).buffer(radius * 2)
        cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(points), extend_to=envelope, ordered=True))
        cells = shapely.intersection(cells, discs)
    else:
        cells = discs
    if outlines is not None and len(outlines):
        by_cc = dict(zip(outlines["iso_a2"], outlines.geometry))
        shapes = np.array([by_cc.get(cc) for cc in pts["country_code"]], dtype=object)
        has = np.array([s is not None for s in shapes])
        if has.any():
            clipped = shapely.intersection(cells[has], shapely.make_valid(np.array(list(shapes[has]))))
            cells = cells.copy()
            cells[has] = clipped
    cells_gdf = gpd.GeoDataFrame({"controller": pts["controller"].to_numpy()}, geometry=cells, crs=CRS)
    cells_gdf = cells_gdf[~cells_gdf.is_empty]
    merged = cells_gdf.dissolve("controller", as_index=False)
    merged["n_places"] = merged["controller"].map(cells_gdf.groupby("controller").size()).astype(int)
    merged["geometry"] = merged.geometry.simplify(0.01)
    return merged[["controller", "n_places", "geometry"]]


# --- The view in the URL ----------------------------------------------------------------
#: Query parameter names; list-valued filters repeat their key (``?actor=a&actor=b``).
_LIST_PARAMS = {"actor": "actors", "status": "statuses", "country": "countries", "lang": "languages", "source": "sources"}


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
            notices.append(f"{key}={d.isoformat()} is outside the data ({span[0]} to {span[1]}); showing {moved}.")
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
    cols = {"actors": "actor", "statuses": "status", "countries": "country_code", "languages": "language", "sources": "source"}
    return {name: sorted(v for v in df[col].unique() if v) for name, col in cols.items()}


def place_candidates(gazetteer, resolved) -> list:
    """Places a resolved mention could mean: the chosen one first, then the gazetteer's other readings."""
    from geo.gazetteer.names import normalize_name

    seen = {resolved.place.geonameid}
    out = [resolved.place]
    for place in gazetteer.lookup(normalize_name(resolved.mention)) if gazetteer is not None else []:
        if place.geonameid not in seen:
            seen.add(place.geonameid)
            out.append(place)
    return out
