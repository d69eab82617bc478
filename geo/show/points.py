"""The map's points: one dot per place (who holds it) and the window's events, as columns.

Built column by column (``geo.show.wire.PointTable``) with each name, label and sentence
made safe once (a map of 5,000 places repeats a few dozen actors and sentences): a slider
move at 100,000 claims builds its layers in milliseconds and sends a few bytes a point.
"""

from __future__ import annotations

import json
from functools import lru_cache

import geopandas as gpd
import pandas as pd

from geo.parse import actors
from geo.show.labels import actor_label, safe
from geo.show.popups import claim_fields, claims_by_place, place_claims, place_fields
from geo.show.wire import PointTable

CONTESTED_COLOUR = "#6b6b6b"
VACATED_COLOUR = "#d0d0d0"
#: Font Awesome (solid) icon and a one-letter fallback per event status.
STATUS_ICONS = {
    "captured": ("flag", "C"),
    "offensive": ("crosshairs", "O"),
    "contested": ("triangle-exclamation", "!"),
    "withdrawn": ("right-from-bracket", "W"),
    "held": ("shield-halved", "H"),
}
#: Events drawn as icons in one window (the latest); older ones are canvas rings. An icon is a
#: DOM element the browser lays out on every frame: at 400 a slider move spent most of its
#: drawing on them.
EVENT_ICONS = 100


@lru_cache(maxsize=256)
def actor_colour(actor: str) -> str:
    """Colour of an actor: the table's, or the one ``geo.parse.actors`` generates for an actor it lacks."""
    return CONTESTED_COLOUR if actor == "contested" else actors.actor_colour(actor)


@lru_cache(maxsize=65536)
def safe_name(text: object) -> str:
    """``safe`` for the short texts a map repeats on every move (place names, labels)."""
    return safe(text)


def _safe_label(actor: str) -> str:
    return safe_name(actor_label(actor))


def _plain_rows(frame: pd.DataFrame, columns: list[str]) -> list[list]:
    """The frame's ``columns`` as lists of plain Python values (Arrow strings and numpy
    scalars read one cell at a time cost more than the whole layer)."""
    return [frame[c].astype(object).where(frame[c].notna(), None).tolist() for c in columns]


@lru_cache(maxsize=4096)
def _who(state: str, actor: str, rivals: str, controller: str) -> tuple[str, str]:
    """A control row's sentence ("Held by ...", "Contested (a, b)") and its colour."""
    if state == "contested":
        sides = sorted({actor, *filter(None, (rivals or "").split(","))})
        return "Contested (" + ", ".join(actor_label(a) for a in sides) + ")", CONTESTED_COLOUR
    if state == "vacated":
        return f"Vacated by {actor_label(actor)}", VACATED_COLOUR
    return f"Held by {actor_label(controller)}", actor_colour(controller)


@lru_cache(maxsize=4096)
def _who_line(who: str, n_claims: int, more: int) -> str:
    extra = f"<br><small>{more} more claim(s) in the Evidence panel</small>" if more > 0 else ""
    return safe(f"{who} · {int(n_claims)} claim(s)") + extra


def _coords(frame: pd.DataFrame) -> tuple[list[float], list[float]]:
    return frame["lon"].astype(float).round(5).tolist(), frame["lat"].astype(float).round(5).tolist()


def control_table(
    control: gpd.GeoDataFrame, evidence: pd.DataFrame | None = None, *, lazy: bool = False
) -> PointTable:
    """The control layer: colour ``c``, place ``g``, tooltip ``t``, dashed ``d`` (not simply
    held), near ``a`` (drawn at a parent), popup line ``w`` and the claims ``e`` a popup lists.

    ``evidence`` is the claims a popup may list (those shown, dated on or before the date);
    a contested place lists each claimant's latest claim, any other its deciding claim.
    ``lazy``: no claims and no heading (the page loads them when the place is selected), the
    tooltip without the place's name (the page's base file has it: ``named`` layers), and the
    popup line as who ``w`` and the count of claims ``m`` (``tmPopup`` writes the line).
    """
    if control.empty:
        return PointTable([], [], {})
    listed = {}
    if evidence is not None and not lazy:
        contested = control.loc[control["state"] == "contested", "geonameid"]
        listed = claims_by_place(evidence[evidence["geonameid"].isin(contested)])
    cols = ["state", "actor", "rivals", "controller", "place", "n_claims", "geonameid"]
    state, actor, rivals, ctrl, place, n_claims, gid = _plain_rows(control, cols)
    who = [_who(*key) for key in zip(state, actor, rivals, ctrl)]
    near = control.get("place_precision", pd.Series("exact", index=control.index)).eq("near").tolist()
    props = {
        "c": [w[1] for w in who],
        "g": [int(g) for g in gid],
        "t": [_safe_label(a) if lazy else f"{safe_name(p)}: {_safe_label(a)}" for p, a in zip(place, ctrl)],
        "d": [True if s != "controlled" else (None if lazy else False) for s in state],
        "a": [1 if n else None for n in near],
    }
    if lazy:
        # the popup's line as its parts, which repeat: "who" (few values) and the claims' count
        props["w"], props["m"] = [safe_name(w[0]) for w in who], [int(n) for n in n_claims]
        return PointTable(*_coords(control), props)
    rows = list(control.drop(columns="geometry", errors="ignore").astype(object).itertuples(index=False))
    items = [listed.get(int(r.geonameid)) or ([claim_fields(r)], int(r.n_claims) - 1) for r in rows]
    props["w"] = [_who_line(w[0], n, more) for w, n, (_, more) in zip(who, n_claims, items)]
    props["e"] = [claims for claims, _ in items]
    heads = [place_fields(r) for r in rows]
    props["n"], props["k"] = [h["n"] for h in heads], [h["k"] for h in heads]
    return PointTable(*_coords(control), props)


def control_features(control: gpd.GeoDataFrame, evidence: pd.DataFrame | None = None) -> list[dict]:
    """The control layer as GeoJSON features (an embedded map's)."""
    return control_table(control, evidence).features()


def place_popup(shown, geonameid: int | None) -> dict | None:
    """The claims a page's popup loads for one place shown (``g``, ``e`` claims, ``w`` its line)."""
    rows = shown.control[shown.control["geonameid"] == geonameid] if geonameid is not None else []
    if len(rows) == 0:
        return None
    r = next(rows.drop(columns="geometry", errors="ignore").astype(object).itertuples(index=False))
    items, more = place_claims(shown.evidence_of(geonameid))
    who = _who(r.state, r.actor, r.rivals, r.controller)[0]
    return {"g": int(geonameid), "e": items, "w": _who_line(who, r.n_claims, more), **place_fields(r)}


def event_table(
    events: pd.DataFrame, limit: int = 5000, icons: int = EVENT_ICONS, *, lazy: bool = False
) -> PointTable:
    """The events layer (the ``limit`` first rows: the page sorts them latest first).

    The first ``icons`` events get an icon by status (``i``, letter ``l``; a DOM element
    each), events at one place side by side (``o``: the icon's place in the row), with their
    claim as popup (``w``, ``e``, heading ``n``, ``k``); the rest are canvas rings (``r``) in
    the actor's colour with a tooltip only (their place's dot has the claims). ``lazy``: the
    icons' popups without the claim and heading (the page loads the place's when it is selected),
    tooltips without the place's name (as ``control_table``'s)."""
    shown = events.head(limit)
    if shown.empty:
        return PointTable([], [], {})
    place, actor, status, gid = _plain_rows(shown, ["place", "actor", "status", "geonameid"])
    n_icons = min(icons, len(shown))
    offsets = shown["geonameid"].iloc[:n_icons].groupby(shown["geonameid"].iloc[:n_icons]).cumcount().tolist()
    rest = [None] * (len(shown) - n_icons)
    shapes = [STATUS_ICONS.get(s, ("circle", "?")) for s in status[:n_icons]]
    head = [] if lazy else list(shown.iloc[:n_icons].astype(object).itertuples(index=False))
    heads = [place_fields(r) for r in head]
    props = {
        "c": [actor_colour(a) for a in actor],
        "g": [int(g) for g in gid],
        "i": [s[0] for s in shapes] + rest,
        "l": [s[1] for s in shapes] + rest,
        "o": offsets + rest,
        "r": [None] * n_icons + [1] * len(rest),
        "t": [
            f"{_safe_label(a)} {safe_name(s)}" if lazy else f"{safe_name(p)}: {_safe_label(a)} {safe_name(s)}"
            for p, a, s in zip(place, actor, status)
        ],
        "w": [safe(f"Event of the window: {actor_label(a)} {s}") for a, s in zip(actor[:n_icons], status)]
        + rest,
    }
    if not lazy:
        props["e"] = [[claim_fields(r)] for r in head] + rest
        props["n"], props["k"] = [h["n"] for h in heads] + rest, [h["k"] for h in heads] + rest
    return PointTable(*_coords(shown), props)


def event_features(events: pd.DataFrame, limit: int = 5000, icons: int = EVENT_ICONS) -> list[dict]:
    """The events layer as GeoJSON features (an embedded map's)."""
    return event_table(events, limit, icons).features()


def area_features(areas: gpd.GeoDataFrame) -> list[dict]:
    """GeoJSON features of the approximate areas, coloured by controller."""
    if areas is None or areas.empty:
        return []
    data = json.loads(areas.to_json(drop_id=True, to_wgs84=False))
    for feat in data["features"]:
        ctrl = feat["properties"]["controller"]
        label = f"{actor_label(ctrl)}: approximate area ({feat['properties']['n_places']} places)"
        feat["properties"] = {"c": actor_colour(ctrl), "t": safe(label), "d": ctrl == "contested"}
    return data["features"]
