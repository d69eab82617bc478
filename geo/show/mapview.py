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
import logging
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import folium
import geopandas as gpd
import pandas as pd

from geo.paths import DATA_DIR
from geo.show import basefile, basemap
from geo.show.assets import COMPONENT_BASE, COMPONENT_STATIC, localize
from geo.show.labels import actor_label, safe
from geo.show.layers import (
    BaseFile,
    DataLayers,
    GeoJsonLayer,
    Legend,
    MapScript,
    layer_data,
    safe_json,
    town_features,
)
from geo.show.points import (
    EVENT_ICONS,
    STATUS_ICONS,
    VACATED_COLOUR,
    actor_colour,
    area_features,
    control_features,
    control_table,
    event_features,
    event_table,
    place_popup,
)
from geo.show.wire import BasePlaces

OUTLINES_PATH = DATA_DIR / "naturalearth" / "countries.geojson"
log = logging.getLogger("tidemark.map")
LAND = "#f4f1ea"


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


def _frame(center, zoom, tiles: bool, asset_base: str) -> tuple[folium.Map, str]:
    """The map with its assets and script, online tiles when asked, and the base map's pane."""
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
    # The base map in its own pane and canvas, under the data: a slider move repaints the data's
    # canvas only; none of it takes the pointer, which goes to the dots.
    return m, basemap.ensure_pane(m)


def _layers_around(control, tiles: bool) -> tuple:
    """(bounding box, layers, detail) of the base map around the places (only provinces over
    tiles, which show the rest)."""
    bbox, layers, detail = basemap.around_places(control["lat"].astype(float), control["lon"].astype(float))
    return bbox, tuple(name for name in layers if name == "provinces") if tiles else layers, detail


def _base_map(center, zoom, tiles: bool, asset_base: str, outlines_path: Path, control) -> folium.Map:
    """The map with the base layers in it (an embedded map: downloads, checks): outlines (lines
    only over tiles), provinces, lakes and rivers, then the towns around the places shown (a
    canvas draws in order)."""
    m, pane = _frame(center, zoom, tiles, asset_base)
    GeoJsonLayer(
        _outlines_json(str(outlines_path), fill=not tiles),
        "Country outlines",
        overlay=True,
        control=False,
        weight=0.7,
        fill_opacity=1.0,
        interactive=False,
        pane=pane,
    ).add_to(m)
    bbox, shown, detail = _layers_around(control, tiles)
    basemap.add_basemap(m, bbox, detail, layers=shown, pane=pane)
    GeoJsonLayer(town_features(control), "Towns (GeoNames)", show=True, interactive=False, pane=pane).add_to(
        m
    )
    return m


def base_layers(places: pd.DataFrame, tiles: bool = False) -> list[tuple[str, str, dict]]:
    """The page's base layers as ``basefile`` takes them (name, FeatureCollection JSON, options
    ``tmBase`` draws with): the same layers as an embedded map's, in the same order."""
    bbox, shown, detail = _layers_around(places, tiles)
    outlines = _outlines_json(str(OUTLINES_PATH), fill=not tiles)
    specs = [("Country outlines", outlines, {"weight": 0.7, "fill": 1.0})]
    for name in shown:
        style = {k: v for k, v in basemap.LAYER_STYLES[name].items() if k != "min_zoom"}
        specs.append((name, basemap.basemap_geojson(name, bbox, detail), {"style": style}))
    towns = safe_json({"type": "FeatureCollection", "features": town_features(places)})
    return [*specs, ("Towns (GeoNames)", towns, {})]


def _fit(m: folium.Map, control: gpd.GeoDataFrame) -> None:
    """Fit the map to the places shown."""
    lat, lon = control["lat"].astype(float), control["lon"].astype(float)
    pad = max(1.0, 0.1 * float(max(lat.max() - lat.min(), lon.max() - lon.min())))
    fit = folium.map.FitBounds([[lat.min() - pad, lon.min() - pad], [lat.max() + pad, lon.max() + pad]])
    fit.options["animate"] = False  # set at once: an animated zoom redraws every layer when it ends
    m.add_child(fit)


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
def base_text(places: pd.DataFrame, tiles: bool = False) -> str:
    """The base file's text for ``places`` (``basefile.base_json``: outlines, towns around
    them, every place with claims and its name): half a megabyte to encode, so the page keeps
    it per data version."""
    return basefile.base_json(base_layers(places, tiles), places)


def page_base(
    places: pd.DataFrame,
    *,
    center=None,
    zoom: int | None = None,
    tiles: bool = False,
    static_dir=None,
    text: str | None = None,
) -> folium.Map:
    """The page's base map: assets, the base layers as a file ``tmBase`` fetches (``text``,
    ``base_text`` of ``places`` when not given) and an empty legend, the same script on every
    run of a session, so streamlit-folium keeps the map it drew (it redraws only when the
    script changes); ``data_layers`` fills it. Without ``center`` the map fits ``places``."""
    m, pane = _frame(center, zoom, tiles, COMPONENT_BASE)
    text = base_text(places, tiles) if text is None else text
    try:
        path = basefile.publish(text) if static_dir is None else basefile.publish(text, static_dir)
        BaseFile(f"{COMPONENT_STATIC}/{path}", pane).add_to(m)
    except OSError:  # a read-only app folder: the base goes in the script, as it did before
        log.warning("cannot write the base map's file under static/: it is sent in the map's script")
        BaseFile(None, pane, inline=text).add_to(m)
    Legend("").add_to(m)
    if center is None and not places.empty:
        _fit(m, places)
    return m


def view_layers(
    shown, areas: gpd.GeoDataFrame | None, as_of_label: str, places: BasePlaces | None = None
) -> str:
    """The data a page view draws (``geo.show.evidence.Shown``), as ``layers.layer_data`` JSON:
    [the areas,] control and the window's events, with the legend. The dots carry no quotes:
    a click selects the place and the next run sends its claims (``data_layers``'s popup); nor
    their places' names, which the base file has (``named``: ``tmTip`` looks them up); with the
    base's places (``basefile.base_places`` of ``page_base``'s), points at their places come as
    their positions in the base file, without ids or coordinates."""
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
    dots, events = control_table(shown.control, lazy=True), event_table(shown.events, lazy=True)
    if places is not None:
        dots.place_at(places)
        events.place_at(places)
    specs.append(("Control", dots, {"radius": 7, "keyed": True, "named": True}, True))
    specs.append(("Events in window", events, {"named": True}, True))
    return layer_data(as_of_label, _legend(shown.control, shown.events, as_of_label), specs)


def data_layers(drawn: str, shown, popup_place: int | None = None) -> folium.FeatureGroup:
    """streamlit-folium's ``feature_group_to_add`` for a view's layers (``view_layers``) and
    the claims of the place selected (``popup_place``): ``tmData`` in ``static/map.js``
    replaces the data layers and the legend in the map already drawn."""
    group = folium.FeatureGroup(name="data", control=False)
    DataLayers(drawn, popup=place_popup(shown, popup_place)).add_to(group)
    return group
