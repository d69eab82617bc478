"""The offline base map's physical and province layers, as GeoJSON ready for Leaflet.

Layers (files in ``data/basemap/``, rebuilt by ``build_layers.py``; sources in ``SOURCE.md``):

- ``provinces``: first-level (province / state / governorate) boundary lines, Natural Earth 1:10m,
- ``lakes``: lake and reservoir outlines, Natural Earth 1:10m,
- ``rivers``: river centre lines, Natural Earth 1:50m.

Geometry only (no names: the packaged copies have none). How to draw them:

- :func:`basemap_geojson` (layer, view's bounding box, e.g. :func:`view_bbox`) gives one layer's
  compact string for ``folium.GeoJson`` / ``L.geoJSON`` with only the features reaching the view;
- :func:`add_basemap` draws them, bottom first, in their own pane (:data:`PANE`, z-index 350:
  over tiles at 200, under the data's overlay pane at 400 and markers at 600), not clickable,
  styled by :data:`LAYER_STYLES` (grey dashed province lines, blue rivers, pale blue lakes);
- a filled country layer must lie under them: give it ``pane=ensure_pane(m)`` and add it first;
- ``min_zoom`` in the styles is the zoom from which a layer is worth drawing; with online tiles
  (which show rivers and lakes themselves) draw only ``layers=("provinces",)``.
"""

import json
import math
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import folium
import numpy as np
import shapely

from geo.paths import DATA_DIR

BASEMAP_DIR = DATA_DIR / "basemap"
#: Drawing order, bottom first.
LAYERS = ("provinces", "lakes", "rivers")
#: (south, west, north, east) in degrees.
Bbox = tuple[float, float, float, float]
#: Leaflet path options per layer, plus the zoom from which a layer is worth drawing (``min_zoom``).
LAYER_STYLES: dict[str, dict] = {
    "provinces": {"color": "#7d7d7d", "weight": 0.8, "opacity": 0.8, "dashArray": "4 3", "min_zoom": 6},
    "lakes": {
        "color": "#5b8fc7",
        "weight": 0.5,
        "fillColor": "#b3d1ee",
        "fillOpacity": 0.9,
        "min_zoom": 0,
    },
    "rivers": {"color": "#5b8fc7", "weight": 1.2, "opacity": 0.9, "min_zoom": 4},
}
#: Leaflet pane for the base map: above tiles (200), under overlays (400) and markers (600).
PANE = "basemap"
PANE_Z_INDEX = 350
#: The files' own simplification (degrees), as ``build_layers.py`` made them.
FILE_TOLERANCE = 0.01


def layer_files(layer: str) -> list[Path]:
    """The GeoJSON file(s) of one layer (provinces come in longitude bands)."""
    if layer not in LAYERS:
        raise ValueError(f"unknown base map layer {layer!r}; expected one of {LAYERS}")
    pattern = "provinces_*.geojson" if layer == "provinces" else f"{layer}.geojson"
    return sorted(BASEMAP_DIR.glob(pattern))


@lru_cache(maxsize=None)
def _layer(layer: str) -> tuple[np.ndarray, np.ndarray]:
    """All geometries of a layer (shapely) and their bounds (rows of west, south, east, north)."""
    geometries: list[str] = []
    for path in layer_files(layer):
        geometries += [json.dumps(f["geometry"]) for f in json.loads(path.read_text("utf-8"))["features"]]
    geoms = shapely.from_geojson(geometries)
    return geoms, shapely.bounds(geoms).reshape(-1, 4)


def view_bbox(lat: float, lon: float, zoom: int, width: int = 1200, height: int = 700) -> Bbox:
    """The box a Leaflet view of ``width`` x ``height`` pixels centred on (lat, lon) at ``zoom``
    shows, doubled each way so a pan stays covered (Web Mercator; clamped to the world)."""
    half_lon = width * 360.0 / (256 * 2**zoom)  # half of a box twice as wide as the view
    half_lat = height * 360.0 / (256 * 2**zoom) * math.cos(math.radians(max(-85.0, min(85.0, lat))))
    return (
        max(-90.0, lat - half_lat),
        max(-180.0, lon - half_lon),
        min(90.0, lat + half_lat),
        min(180.0, lon + half_lon),
    )


def snap_bbox(bbox: Bbox) -> Bbox:
    """The bounding box grown outwards to whole degrees (so nearby views share one cached answer)."""
    south, west, north, east = bbox
    return (
        max(-90.0, float(math.floor(south))),
        max(-180.0, float(math.floor(west))),
        min(90.0, float(math.ceil(north))),
        min(180.0, float(math.ceil(east))),
    )


def zoom_tolerance(zoom: int) -> float:
    """Half a screen pixel in degrees at ``zoom``: finer detail than that is not seen."""
    return 180.0 / (256 * 2**zoom)


@lru_cache(maxsize=256)
def _geojson(layer: str, bbox: Bbox | None, zoom: int | None) -> str:
    geoms, bounds = _layer(layer)
    if bbox is not None:
        south, west, north, east = bbox
        keep = (
            (bounds[:, 0] <= east)
            & (bounds[:, 2] >= west)
            & (bounds[:, 1] <= north)
            & (bounds[:, 3] >= south)
        )
        geoms = geoms[keep]
    if zoom is not None and zoom_tolerance(zoom) > FILE_TOLERANCE:
        simpler = shapely.simplify(geoms, zoom_tolerance(zoom), preserve_topology=True)
        geoms = simpler[~shapely.is_empty(simpler)]
    features = ",".join(
        f'{{"type":"Feature","properties":{{}},"geometry":{g}}}' for g in shapely.to_geojson(geoms)
    )
    return f'{{"type":"FeatureCollection","features":[{features}]}}'


def basemap_geojson(layer: str, bbox: Bbox | None = None, zoom: int | None = None) -> str:
    """One layer as a compact GeoJSON FeatureCollection string (cached).

    With ``bbox`` = (south, west, north, east), only features whose extent meets that box (grown to
    whole degrees) are kept; whole features are sent, not clipped. With ``zoom``, lines are
    simplified to half a pixel at that zoom (below zoom 7 that is coarser than the files' 0.01°).
    ``folium.GeoJson`` and ``L.geoJSON`` take the string as it is.
    """
    return _geojson(layer, None if bbox is None else snap_bbox(bbox), None if zoom is None else int(zoom))


def ensure_pane(fmap: folium.Map) -> str:
    """Create the ``basemap`` pane on ``fmap`` once; return its name for a layer's ``pane=`` option.

    A layer meant to lie under rivers and lakes (the filled country outlines) goes in this pane
    too, added before :func:`add_basemap`: within one pane, the layer added first is drawn under.
    """
    if not any(isinstance(c, folium.map.CustomPane) and c.name == PANE for c in fmap._children.values()):
        folium.map.CustomPane(PANE, z_index=PANE_Z_INDEX, pointer_events=False).add_to(fmap)
    return PANE


def add_basemap(
    fmap: folium.Map,
    bbox: Bbox | None = None,
    zoom: int | None = None,
    layers: tuple[str, ...] = LAYERS,
    pane: str | None = PANE,
) -> None:
    """Draw ``layers`` (all three by default) on ``fmap`` in the ``basemap`` pane, not clickable;
    ``bbox`` and ``zoom`` as for :func:`basemap_geojson`. With ``pane=None`` they go in the
    overlay pane, drawn over what was added before them (a canvas draws in order)."""
    if pane is not None:
        ensure_pane(fmap)
    for layer in layers:
        style = {k: v for k, v in LAYER_STYLES[layer].items() if k != "min_zoom"}
        folium.GeoJson(
            basemap_geojson(layer, bbox, zoom),
            name=layer,
            style_function=lambda _feature, style=style: style,
            interactive=False,
            control=False,
            smooth_factor=1.5,
            **({"pane": pane} if pane else {}),
        ).add_to(fmap)


#: Around the places, how far (degrees) the base map's layers reach; beyond ``PROVINCES_SPAN``
#: degrees across, province lines are left out (too many to send; seen only zoomed in).
AROUND_MARGIN = 6.0
PROVINCES_SPAN = 40.0


def around_places(
    lat: Sequence[float], lon: Sequence[float], margin: float = AROUND_MARGIN
) -> tuple[Bbox | None, tuple[str, ...], int]:
    """(bounding box, layers, zoom to simplify for) of a base map around places at ``lat``/``lon``
    (degrees): the same for every view of one set of places, so the page's base script stays the
    same while the timeline moves."""
    if len(lat) == 0:
        return None, ("lakes", "rivers"), 4
    lat, lon = np.asarray(lat, dtype=float), np.asarray(lon, dtype=float)
    south, north = max(-90.0, float(lat.min()) - margin), min(90.0, float(lat.max()) + margin)
    west, east = max(-180.0, float(lon.min()) - margin), min(180.0, float(lon.max()) + margin)
    if max(north - south, east - west) > PROVINCES_SPAN:
        return (south, west, north, east), ("lakes", "rivers"), 4
    return (south, west, north, east), LAYERS, 6
