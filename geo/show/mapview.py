"""Control and events as a folium map that needs no internet.

Layers (each one ``L.geoJSON`` over a single embedded FeatureCollection, drawn on a
canvas: no Python object per point):
- country outlines from Natural Earth (the base map; online tiles only on request, and
  then the outlines are lines only, so the tiles show);
- control: one dot per place, coloured by who holds it on the date (a dashed ring when
  the place is only known near where it is drawn);
- events of the window: icons by status, stacked icons spread apart;
- approximate control areas (switchable).
Popups list the claims of a place (``geo.show.popups``: each claimant's latest first, with
its quote, source and date). The map's JavaScript and CSS are ``static/map.js`` and
``static/map.css``; the embedded JSON escapes ``<``, ``>`` and ``&`` so nothing can close the
script.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import folium
import geopandas as gpd
import pandas as pd

from geo.parse import actors
from geo.paths import DATA_DIR
from geo.show import basemap
from geo.show.assets import COMPONENT_BASE, localize
from geo.show.labels import actor_label, safe
from geo.show.layers import DataLayers, GeoJsonLayer, Legend, MapScript, safe_json, town_features
from geo.show.popups import claim_fields, claims_by_place, place_claims, place_fields

OUTLINES_PATH = DATA_DIR / "naturalearth" / "countries.geojson"
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
LAND = "#f4f1ea"
#: Events drawn as icons in one window; more are drawn as canvas rings.
EVENT_ICONS = 400


@lru_cache(maxsize=256)
def actor_colour(actor: str) -> str:
    """Colour of an actor: the table's, or the one ``geo.parse.actors`` generates for an actor it lacks."""
    return CONTESTED_COLOUR if actor == "contested" else actors.actor_colour(actor)


@lru_cache(maxsize=1)
def load_outlines(path: str = str(OUTLINES_PATH)) -> gpd.GeoDataFrame:
    """Natural Earth country outlines (``name``, ``iso_a2``, ``iso_a3``, geometry)."""
    return gpd.read_file(path)


@lru_cache(maxsize=4)
def _outlines_json(path: str = str(OUTLINES_PATH), fill: bool = True) -> str:
    """The country outlines as the base layer; without ``fill`` (online tiles under them) lines only."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    for feat in data["features"]:
        feat["properties"] = {
            "t": safe(feat["properties"].get("name") or ""),
            "c": "#8a8a8a",
            "f": LAND if fill else "none",
        }
    return safe_json(data)


def _rows(frame: pd.DataFrame) -> Iterable[Any]:
    """A frame's rows as namedtuples of plain Python values, without the geometry column:
    iterating Arrow-backed strings and shapely geometries one cell at a time costs more than
    building the whole map."""
    plain = pd.DataFrame(frame.drop(columns="geometry", errors="ignore")).astype(object)
    return plain.itertuples(index=False)


def _who(r: Any) -> tuple[str, str]:
    """A control row's sentence ("Held by ...", "Contested (a, b)") and its colour."""
    if r.state == "contested":
        sides = sorted({r.actor, *filter(None, r.rivals.split(","))})
        return "Contested (" + ", ".join(actor_label(a) for a in sides) + ")", CONTESTED_COLOUR
    if r.state == "vacated":
        return f"Vacated by {actor_label(r.actor)}", VACATED_COLOUR
    return f"Held by {actor_label(r.controller)}", actor_colour(r.controller)


def control_features(
    control: gpd.GeoDataFrame, evidence: pd.DataFrame | None = None, *, lazy: bool = False
) -> list[dict]:
    """GeoJSON features of the control layer: colour, tooltip and the claims' evidence per place.

    ``evidence`` is the claims a popup may list (those shown, dated on or before the date);
    a contested place lists each claimant's latest claim, any other its deciding claim.
    ``lazy``: no claims at all (``e`` is null: the page loads them when the popup opens).
    """
    # A contest lists each side's latest claim (with its source); a held place its deciding
    # claim: a popup stays small at 100,000 claims, and the Evidence panel lists them all.
    listed = {}
    if evidence is not None and not control.empty and not lazy:
        contested = control.loc[control["state"] == "contested", "geonameid"]
        listed = claims_by_place(evidence[evidence["geonameid"].isin(contested)])
    feats = []
    for r in _rows(control):
        who, colour = _who(r)
        if lazy:
            items, more = None, 0
        else:
            items, more = listed.get(int(r.geonameid)) or ([claim_fields(r)], int(r.n_claims) - 1)
        props = {
            "c": colour,
            "g": int(r.geonameid),
            "t": safe(f"{r.place}: {actor_label(r.controller)}"),
            "d": r.state != "controlled",
            "w": _who_line(who, r, more),
            "e": items,
            **({} if lazy else place_fields(r)),  # lazy: the heading comes with the claims
        }
        if lazy and not props["d"]:
            del props["d"]
        if getattr(r, "place_precision", "exact") == "near":
            props["a"] = 1
        feats.append(_point(r, props))
    return feats


def _who_line(who: str, r: Any, more: int) -> str:
    extra = f"<br><small>{more} more claim(s) in the Evidence panel</small>" if more > 0 else ""
    return safe(f"{who} · {int(r.n_claims)} claim(s)") + extra


def place_popup(shown, geonameid: int | None) -> dict | None:
    """The claims a page's popup loads for one place shown (``g``, ``e`` claims, ``w`` its line)."""
    rows = shown.control[shown.control["geonameid"] == geonameid] if geonameid is not None else []
    if len(rows) == 0:
        return None
    r = next(iter(_rows(rows)))
    items, more = place_claims(shown.evidence_of(geonameid))
    return {"g": int(geonameid), "e": items, "w": _who_line(_who(r)[0], r, more), **place_fields(r)}


def _point(r: Any, props: dict) -> dict:
    """A GeoJSON point for a row with ``lat``/``lon``."""
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(float(r.lon), 5), round(float(r.lat), 5)]},
        "properties": props,
    }


def event_features(
    events: pd.DataFrame, limit: int = 5000, icons: int = EVENT_ICONS, *, lazy: bool = False
) -> list[dict]:
    """GeoJSON features of the events layer (the ``limit`` first rows: the page sorts them latest first).

    The first ``icons`` events get an icon by status (a DOM element each), events at one
    place side by side (``o``: the icon's place in the row); the rest are drawn as canvas
    rings in the actor's colour, which keeps busy windows fast. ``lazy``: the rings have a
    tooltip and no popup (their place's dot has the claims).
    """
    feats, stacked = [], {}
    for n, r in enumerate(_rows(events.head(limit))):
        icon, letter = STATUS_ICONS.get(r.status, ("circle", "?"))
        if n < icons:
            offset = stacked[r.geonameid] = stacked.get(r.geonameid, -1) + 1
            shape = {"i": icon, "l": letter, "o": offset}
        else:
            shape = {"r": 1}
        if lazy and n >= icons:
            tip = safe(f"{r.place}: {actor_label(r.actor)} {r.status}")
            feats.append(_point(r, {"c": actor_colour(r.actor), "g": int(r.geonameid), **shape, "t": tip}))
            continue
        props = {
            "c": actor_colour(r.actor),
            "g": int(r.geonameid),
            **shape,
            "t": safe(f"{r.place}: {actor_label(r.actor)} {r.status}"),
            "w": safe(f"Event of the window: {actor_label(r.actor)} {r.status}"),
            "e": [claim_fields(r)],
            **place_fields(r),
        }
        feats.append(_point(r, props))
    return feats


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


LEGEND_NOTE = (
    "Dots: who holds each place on the date (from all claims up to it). "
    "Icons: what happened in the window before it. Dashed: contested or vacated; "
    "a dashed ring: the place is known only near where it is drawn."
)


def legend_html(
    title: str, entries: list[tuple[str, str]], icons: Iterable[str] = (), rings: bool = False
) -> str:
    """The legend's HTML (every label escaped): the title, what dots and icons are, colours, icons."""
    rows = [f"<b>{safe(title)}</b>", f"<p>{safe(LEGEND_NOTE)}</p>", "<b>Held by (dots)</b>"]
    rows += [
        f'<div><i class="sw" style="background:{colour}"></i>{safe(label)}</div>' for label, colour in entries
    ]
    if icons:
        rows.append("<b>Events of the window (icons)</b>")
    for status in icons:
        icon, _ = STATUS_ICONS.get(status, ("circle", "?"))
        rows.append(f'<div><i class="fa-solid fa-{icon}" style="width:16px"></i> {safe(status)}</div>')
    if rings:
        rows.append(
            '<div><i class="sw" style="background:none;border:2px solid #555"></i>'
            f"older events of the window (icons for the latest {EVENT_ICONS})</div>"
        )
    return "".join(rows)


def legend_entries(control: gpd.GeoDataFrame) -> list[tuple[str, str]]:
    """(label, colour) per controller shown, most places first."""
    if control.empty:
        return []
    counts = control["controller"].value_counts()
    out = [(f"{actor_label(a)} ({n})", actor_colour(a)) for a, n in counts.items()]
    if (control["state"] == "vacated").any():
        out.append(("Vacated", VACATED_COLOUR))
    return out


def _legend(control: gpd.GeoDataFrame, events: pd.DataFrame | None, as_of_label: str) -> str:
    return legend_html(
        f"Control {as_of_label}".strip(),
        legend_entries(control),
        icons=[s for s in STATUS_ICONS if s != "held"] if events is not None else (),
        rings=events is not None and len(events) > EVENT_ICONS,
    )


def _base_map(center, zoom, tiles: bool, asset_base: str, outlines_path: Path, control) -> folium.Map:
    """The map with its assets, script and base layers: online tiles when asked, the outlines
    (lines only over tiles), provinces, lakes and rivers (only provinces over tiles, which show
    the rest), then the towns around the places shown."""
    m = folium.Map(
        location=list(center) if center else [34.0, 41.0],
        zoom_start=zoom or 5,
        tiles=None,
        prefer_canvas=True,
        control_scale=True,
        width="100%",
        height="100%",
    )
    localize(m, asset_base)
    MapScript().add_to(m)
    if tiles:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap (online)", overlay=False, control=True).add_to(
            m
        )
    GeoJsonLayer(
        _outlines_json(str(outlines_path), fill=not tiles),
        "Country outlines",
        overlay=True,
        control=False,
        weight=0.7,
        fill_opacity=1.0,
        interactive=True,
        sticky=True,
    ).add_to(m)
    bbox, layers, detail = basemap.around_places(control["lat"].astype(float), control["lon"].astype(float))
    # In the outlines' own pane and canvas, drawn after them and before the data: over the
    # fill, under the dots, and the countries' names still shown on hover.
    shown = tuple(name for name in layers if name == "provinces") if tiles else layers  # tiles show the rest
    basemap.add_basemap(m, bbox, detail, layers=shown, pane=None)
    GeoJsonLayer(town_features(control), "Towns (GeoNames)", show=True, interactive=False).add_to(m)
    return m


def _fit(m: folium.Map, control: gpd.GeoDataFrame) -> None:
    """Fit the map to the places shown."""
    lat, lon = control["lat"].astype(float), control["lon"].astype(float)
    pad = max(1.0, 0.1 * float(max(lat.max() - lat.min(), lon.max() - lon.min())))
    m.fit_bounds([[lat.min() - pad, lon.min() - pad], [lat.max() + pad, lon.max() + pad]])


def build_map(
    control: gpd.GeoDataFrame,
    events: pd.DataFrame | None = None,
    areas: gpd.GeoDataFrame | None = None,
    *,
    evidence: pd.DataFrame | None = None,
    center: tuple[float, float] | None = None,
    zoom: int | None = None,
    show_areas: bool = False,
    tiles: bool = False,
    as_of_label: str = "",
    asset_base: str = COMPONENT_BASE,
    outlines_path: Path = OUTLINES_PATH,
) -> folium.Map:
    """The dashboard's map: outlines base, control, events and (switchable) areas, legend, layer control.

    ``evidence``: the claims the popups list. Without ``center``/``zoom`` the map fits the
    places shown. ``tiles=True`` adds OpenStreetMap tiles (needs the internet) under the outlines.
    """
    m = _base_map(center, zoom, tiles, asset_base, outlines_path, control)
    if areas is not None:
        GeoJsonLayer(
            area_features(areas),
            "Approximate control areas",
            show=show_areas,
            weight=1.5,
            fill_opacity=0.28,
            sticky=True,
        ).add_to(m)
    GeoJsonLayer(control_features(control, evidence), "Control", radius=7).add_to(m)
    if events is not None:
        GeoJsonLayer(event_features(events), "Events in window").add_to(m)
    Legend(_legend(control, events, as_of_label)).add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    if center is None and not control.empty:
        _fit(m, control)
    return m


def map_of(shown, areas, view, *, placed: bool = True) -> folium.Map:
    """The map of a page view (``geo.show.view.View``) and what it shows (``geo.show.evidence.Shown``);
    ``placed=False`` leaves out the view's centre and zoom (a download fits the places)."""
    return build_map(
        shown.control,
        shown.events,
        areas,
        evidence=shown.evidence,
        center=view.center if placed else None,
        zoom=view.zoom if placed else None,
        show_areas=view.areas,
        tiles=view.tiles and placed,
        as_of_label=view.as_of.isoformat(),
    )


# --- the page's map: a base drawn once, data layers replaced in place -------------------------
def page_base(
    places: pd.DataFrame, *, center=None, zoom: int | None = None, tiles: bool = False
) -> folium.Map:
    """The page's base map: assets, outlines, towns around ``places`` (every place with claims) and
    an empty legend, the same script on every run of a session, so streamlit-folium keeps the
    map it drew (it redraws only when the script changes); ``data_layers`` fills it. Without
    ``center`` the map fits ``places``."""
    m = _base_map(center, zoom, tiles, COMPONENT_BASE, OUTLINES_PATH, places)
    Legend("").add_to(m)
    if center is None and not places.empty:
        _fit(m, places)
    return m


def data_layers(
    shown, areas: gpd.GeoDataFrame | None, view, popup_place: int | None = None
) -> folium.FeatureGroup:
    """The data of a page view (``geo.show.evidence.Shown``) as streamlit-folium's
    ``feature_group_to_add``: control, the window's events and (when computed) the areas, with
    the legend, replaced in place by ``tmData`` in ``static/map.js``. The dots carry no
    quotes: a click selects the place and the next run sends ``popup_place``'s claims."""
    label = view.as_of.isoformat()
    specs = []
    if areas is not None:
        specs.append(
            (
                "Approximate control areas",
                area_features(areas),
                {"weight": 1.5, "fill": 0.28, "sticky": True},
                True,
            )
        )
    specs.append(("Control", control_features(shown.control, lazy=True), {"radius": 7}, True))
    specs.append(("Events in window", event_features(shown.events, lazy=True), {}, True))
    group = folium.FeatureGroup(name="data", control=False)
    legend = _legend(shown.control, shown.events, label)
    DataLayers(label, legend, specs, popup=place_popup(shown, popup_place)).add_to(group)
    return group
