"""Control and events as a folium map that needs no internet.

Layers (each one ``L.geoJSON`` over a single embedded FeatureCollection, drawn on a
canvas: no Python object per point):
- country outlines from Natural Earth (the base map; online tiles only on request);
- control: one dot per place, coloured by controller;
- events of the window: icons by status;
- approximate control areas (switchable).
Popups carry the evidence: the quote with the place in ``<mark>``, source, link, date
with its precision, confidence. Every piece of article text is HTML-escaped here, and
the embedded JSON escapes ``<``, ``>`` and ``&`` so nothing can close the script.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any, Iterable

import folium
import geopandas as gpd
import pandas as pd
from branca.element import Element, MacroElement
from folium.elements import ElementAddToElement
from jinja2 import Template

from geo.parse import actors
from geo.paths import DATA_DIR
from geo.show.assets import COMPONENT_BASE, localize

OUTLINES_PATH = DATA_DIR / "naturalearth" / "countries.geojson"
CONTESTED_COLOUR = "#6b6b6b"
VACATED_COLOUR = "#d0d0d0"
_PALETTE = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#ff7f0e",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#393b79",
)
#: Font Awesome (solid) icon and a one-letter fallback per event status.
STATUS_ICONS = {
    "captured": ("flag", "C"),
    "offensive": ("crosshairs", "O"),
    "contested": ("triangle-exclamation", "!"),
    "withdrawn": ("right-from-bracket", "W"),
    "held": ("shield-halved", "H"),
}
QUOTE_CHARS = 320
#: Events drawn as icons in one window; more are drawn as canvas rings.
EVENT_ICONS = 400


@lru_cache(maxsize=256)
def actor_colour(actor: str) -> str:
    """Colour of an actor (``data/actors``); an actor not listed there gets a stable palette pick."""
    if actor == "contested":
        return CONTESTED_COLOUR
    if actor in actors.load_actors():
        return actors.actor_colour(actor)
    return _PALETTE[sum(map(ord, actor)) % len(_PALETTE)]


@lru_cache(maxsize=256)
def actor_label(actor: str) -> str:
    """Readable name of an actor id."""
    if actor == "contested":
        return "Contested"
    if not actor:
        return "Unknown"
    return actors.actor_name(actor) if actor in actors.load_actors() else actor.replace("_", " ").capitalize()


@lru_cache(maxsize=1)
def load_outlines(path: str = str(OUTLINES_PATH)) -> gpd.GeoDataFrame:
    """Natural Earth country outlines (``name``, ``iso_a2``, ``iso_a3``, geometry)."""
    return gpd.read_file(path)


@lru_cache(maxsize=1)
def _outlines_json(path: str = str(OUTLINES_PATH)) -> str:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    for feat in data["features"]:
        feat["properties"] = {
            "t": escape(feat["properties"].get("name") or ""),
            "c": "#8a8a8a",
            "f": "#f4f1ea",
        }
    return safe_json(data)


def safe_json(obj: Any) -> str:
    """JSON that can sit inside a ``<script>``: ``<``, ``>`` and ``&`` are unicode-escaped."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


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
        body = (
            escape(quote[cut_lo:lo]) + "<mark>" + escape(quote[lo:hi]) + "</mark>" + escape(quote[hi:cut_hi])
        )
    else:
        body = escape(quote[cut_lo:cut_hi])
    return pre + body + post


def highlight_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` as safe HTML with each (start, end) span in ``<mark>`` (overlaps merged)."""
    out, pos = [], 0
    for start, end in sorted(spans):
        start = max(start, pos)
        if end <= start or start >= len(text):
            continue
        out += [escape(text[pos:start]), "<mark>", escape(text[start:end]), "</mark>"]
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def format_date(value: Any, precision: str, end: Any = None) -> str:
    """A claim's date as the precision allows: ``2017-07-14``, ``July 2017 (month)``, ``week of ...``."""
    if value is None or pd.isna(value):
        return "undated"
    ts = pd.Timestamp(value)
    if precision == "year":
        return f"{ts.year} (year)"
    if precision == "month":
        return f"{ts.strftime('%B %Y')} (month)"
    if precision == "week":
        last = pd.Timestamp(end) if end is not None and not pd.isna(end) else ts
        return f"week {ts.date().isoformat()} – {last.date().isoformat()} (week)"
    return f"{ts.date().isoformat()} (day)"


_WEB_URL = re.compile(r"^https?://", re.IGNORECASE)


def _safe_url(url: str) -> str:
    url = (url or "").strip()
    return url if _WEB_URL.match(url) else ""


def evidence_html(row: Any) -> str:
    """The evidence block of one claim for the page's panel (attribute access on an itertuples row)."""
    p = evidence_props(row)
    link = f' · <a href="{p["u"]}" target="_blank" rel="noopener noreferrer">article</a>' if p["u"] else ""
    title = f"<i dir=\"auto\">{escape(row.title)}</i><br>" if getattr(row, "title", "") else ""
    return f'<blockquote class="tm-quote" dir="auto">{p["q"]}</blockquote>{title}<small>{p["s"]}{link}<br>{p["m"]}</small>'


def evidence_props(row: Any) -> dict[str, str]:
    """A claim's evidence as popup fields, each already safe HTML.

    ``n`` place, ``k`` kind and country, ``q`` quote with the place in ``<mark>``,
    ``s`` source, ``u`` http(s) link or "", ``m`` date with precision, confidence, who did what.
    The map composes the popup from them when it opens (see ``POPUP_JS``), which keeps the
    page small; ``popup_html`` is the same composition in Python.
    """
    url = _safe_url(row.url)
    return {
        "n": escape(row.place or row.mention),
        "k": escape(f"{row.kind}, {row.country_code}"),
        "q": highlight_quote(row.quote, row.mention, row.quote_start, row.mention_start, row.mention_end),
        "s": escape(row.source or "unknown source"),
        "u": escape(url, quote=True) if url else "",
        "m": escape(
            f"{format_date(row.date, row.date_precision, row.date_end)} · confidence {float(row.confidence):.2f}"
            f" · {actor_label(row.actor)} {row.status}"
        ),
    }


#: JavaScript twin of ``popup_html``: only concatenates fields that Python escaped.
POPUP_JS = """function tmPopup(p) {
  return '<div class="tm-pop"><b>' + p.n + '</b> <small>(' + p.k + ')</small><br>' + p.w +
    '<blockquote class="tm-quote" dir="auto">' + p.q + '</blockquote><small>' + p.s +
    (p.u ? ' · <a href="' + p.u + '" target="_blank" rel="noopener noreferrer">article</a>' : '') +
    '<br>' + p.m + '</small></div>';
}"""


def popup_html(p: dict[str, str]) -> str:
    """The popup a feature's properties make (what ``tmPopup`` builds in the browser)."""
    link = f' · <a href="{p["u"]}" target="_blank" rel="noopener noreferrer">article</a>' if p["u"] else ""
    return (
        f'<div class="tm-pop"><b>{p["n"]}</b> <small>({p["k"]})</small><br>{p["w"]}'
        f'<blockquote class="tm-quote" dir="auto">{p["q"]}</blockquote><small>{p["s"]}{link}<br>{p["m"]}</small></div>'
    )


def _rows(frame: pd.DataFrame) -> Iterable[Any]:
    """A frame's rows as namedtuples of plain Python values, without the geometry column:
    iterating Arrow-backed strings and shapely geometries one cell at a time costs more than
    building the whole map."""
    plain = pd.DataFrame(frame.drop(columns="geometry", errors="ignore")).astype(object)
    return plain.itertuples(index=False)


def control_features(control: gpd.GeoDataFrame) -> list[dict]:
    """GeoJSON features of the control layer: colour, tooltip and evidence per place."""
    feats = []
    for r in _rows(control):
        if r.state == "contested":
            who = (
                "Contested ("
                + ", ".join(actor_label(a) for a in sorted({r.actor, *filter(None, r.rivals.split(","))}))
                + ")"
            )
            colour = CONTESTED_COLOUR
        elif r.state == "vacated":
            who, colour = f"Vacated by {actor_label(r.actor)}", VACATED_COLOUR
        else:
            who, colour = f"Held by {actor_label(r.controller)}", actor_colour(r.controller)
        props = {
            "c": colour,
            "g": int(r.geonameid),
            "t": escape(f"{r.place}: {actor_label(r.controller)}"),
            "d": r.state != "controlled",
            "w": escape(f"{who} · {int(r.n_claims)} claim(s)"),
        }
        feats.append(_point_feature(r, props))
    return feats


def _point_feature(r: Any, props: dict) -> dict:
    """A GeoJSON point for a row with ``lat``/``lon``, its evidence added to ``props``."""
    props.update(evidence_props(r))
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(float(r.lon), 5), round(float(r.lat), 5)]},
        "properties": props,
    }


def event_features(events: pd.DataFrame, limit: int = 5000, icons: int = EVENT_ICONS) -> list[dict]:
    """GeoJSON features of the events layer (the ``limit`` first rows: the page sorts them latest first).

    The first ``icons`` events get an icon by status (a DOM element each); the rest are
    drawn as canvas rings in the actor's colour, which keeps busy windows fast.
    """
    feats = []
    for n, r in enumerate(_rows(events.head(limit))):
        icon, letter = STATUS_ICONS.get(r.status, ("circle", "?"))
        shape = {"i": icon, "l": letter} if n < icons else {"r": 1}
        props = {
            "c": actor_colour(r.actor),
            "g": int(r.geonameid),
            **shape,
            "t": escape(f"{r.place}: {actor_label(r.actor)} {r.status}"),
            "w": escape(f"{actor_label(r.actor)}: {r.status}"),
        }
        feats.append(_point_feature(r, props))
    return feats


def area_features(areas: gpd.GeoDataFrame) -> list[dict]:
    """GeoJSON features of the approximate areas, coloured by controller."""
    if areas is None or areas.empty:
        return []
    data = json.loads(areas.to_json(drop_id=True, to_wgs84=False))
    for feat in data["features"]:
        ctrl = feat["properties"]["controller"]
        label = f"{actor_label(ctrl)}: approximate area ({feat['properties']['n_places']} places)"
        feat["properties"] = {"c": actor_colour(ctrl), "t": escape(label), "d": ctrl == "contested"}
    return data["features"]


class _Raw(Element):
    """Already-rendered text: branca would otherwise compile it as a Jinja template again."""

    def __init__(self, text: str):
        super().__init__()
        self._text = text

    def render(self, **kwargs) -> str:
        return self._text


def _render_macros(element: MacroElement, kwargs: dict) -> None:
    """``MacroElement.render`` without re-templating the output.

    branca wraps each rendered macro in ``Element(text)``, which parses the text as a
    Jinja template: slow for megabytes of data, and article text such as ``{{ ... }}``
    would be evaluated. Here the text is added as it is.
    """
    figure = element.get_root()
    for part in ("header", "html", "script"):
        macro = element._template.module.__dict__.get(part)
        if macro is not None:
            getattr(figure, part).add_child(_Raw(macro(element, kwargs)), name=element.get_name())
    for child in element._children.values():
        child.render(**kwargs)


class GeoJsonLayer(folium.map.Layer):
    """One ``L.geoJSON`` layer over embedded features; properties drive the style.

    Feature properties: ``c`` colour, ``p`` popup HTML (already escaped), ``t`` tooltip
    (escaped), ``d`` dashed outline, ``i``/``l`` Font Awesome icon and fallback letter
    (points drawn as icons instead of canvas dots).
    """

    _template = Template("""
{% macro script(this, kwargs) %}
{{ this.popup_js }}
var {{ this.get_name() }} = L.geoJSON({{ this.data_json }}, {
  pointToLayer: function (f, ll) {
    var p = f.properties;
    if (p.i) {
      return L.marker(ll, {icon: L.divIcon({className: "tm-icon", iconSize: [22, 22], iconAnchor: [-3, 25],
        html: '<span style="background:' + p.c + '"><i class="fa-solid fa-' + p.i + '" aria-label="' + p.l + '"></i></span>'})});
    }
    if (p.r) { return L.circleMarker(ll, {radius: 5, color: p.c, weight: 2, fill: false}); }
    return L.circleMarker(ll, {radius: {{ this.radius }}, color: p.d ? "#000" : "#222", weight: p.d ? 2 : 1,
      dashArray: p.d ? "3 2" : null, fillColor: p.c, fillOpacity: 0.9});
  },
  style: function (f) {
    var p = f.properties;
    if (f.geometry.type === "Point") { return {}; }
    return {color: p.c || "#777", weight: {{ this.weight }}, fillColor: p.f || p.c || "#ccc",
            fillOpacity: {{ this.fill_opacity }}, dashArray: p.d ? "4 3" : null};
  },
  onEachFeature: function (f, layer) {
    if (f.properties.q !== undefined) { layer.bindPopup(function () { return tmPopup(f.properties); }, {maxWidth: 380}); }
    if (f.properties.t) { layer.bindTooltip(f.properties.t, {sticky: {{ this.sticky }}}); }
  },
  interactive: {{ this.interactive }}
});
{% endmacro %}
""")

    def __init__(
        self,
        features: Iterable[dict] | str,
        name: str,
        *,
        overlay: bool = True,
        control: bool = True,
        show: bool = True,
        radius: int = 6,
        weight: float = 1.0,
        fill_opacity: float = 0.3,
        interactive: bool = True,
        sticky: bool = False,
    ):
        super().__init__(name=name, overlay=overlay, control=control, show=show)
        self._name = "GeoJsonLayer"
        self.data_json = (
            features
            if isinstance(features, str)
            else safe_json({"type": "FeatureCollection", "features": list(features)})
        )
        self.radius, self.weight, self.fill_opacity = int(radius), float(weight), float(fill_opacity)
        self.interactive = "true" if interactive else "false"
        self.sticky = "true" if sticky else "false"
        self.popup_js = POPUP_JS

    def render(self, **kwargs) -> None:
        if self.show:
            self.add_child(
                ElementAddToElement(
                    element_name=self.get_name(), element_parent_name=self._parent.get_name()
                ),
                name=self.get_name() + "_add",
            )
        _render_macros(self, kwargs)


class Legend(MacroElement):
    """A Leaflet control listing colours and icons; its HTML is built (escaped) in Python."""

    _template = Template("""
{% macro header(this, kwargs) %}
<style>
.tm-legend{background:#fff;padding:6px 8px;font:12px/1.4 sans-serif;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.3);max-height:45vh;overflow:auto}
.tm-legend i.sw{display:inline-block;width:11px;height:11px;border-radius:50%;margin-right:5px;border:1px solid #222;vertical-align:middle}
.tm-icon span{display:inline-flex;align-items:center;justify-content:center;width:20px;height:20px;border-radius:50%;border:1px solid #111;color:#fff;font-size:11px}
.tm-pop{font:13px/1.35 sans-serif}.tm-pop mark{background:#ffe066;padding:0 1px}
.tm-quote{margin:6px 0;padding-left:8px;border-left:3px solid #bbb;color:#222}
.leaflet-container{background:#dfe9f2}.leaflet-control-layers{font:13px/1.4 sans-serif}
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.control({position: "bottomright"});
{{ this.get_name() }}.onAdd = function () {
  var div = L.DomUtil.create("div", "tm-legend"); div.innerHTML = {{ this.html_json }};
  L.DomEvent.disableScrollPropagation(div); return div; };
{{ this.get_name() }}.addTo({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(
        self, title: str, entries: list[tuple[str, str]], icons: Iterable[str] = (), rings: bool = False
    ):
        super().__init__()
        self._name = "Legend"
        rows = [f"<b>{escape(title)}</b>"]
        rows += [
            f'<div><i class="sw" style="background:{colour}"></i>{escape(label)}</div>'
            for label, colour in entries
        ]
        for status in icons:
            icon, _ = STATUS_ICONS.get(status, ("circle", "?"))
            rows.append(f'<div><i class="fa-solid fa-{icon}" style="width:16px"></i> {escape(status)}</div>')
        if rings:
            rows.append(
                f'<div><i class="sw" style="background:none;border:2px solid #555"></i>older events of the window '
                f"(icons for the latest {EVENT_ICONS})</div>"
            )
        self.html_json = safe_json("".join(rows))

    def render(self, **kwargs) -> None:
        _render_macros(self, kwargs)


def legend_entries(control: gpd.GeoDataFrame) -> list[tuple[str, str]]:
    """(label, colour) per controller shown, most places first."""
    if control.empty:
        return []
    counts = control["controller"].value_counts()
    out = [(f"{actor_label(a)} ({n})", actor_colour(a)) for a, n in counts.items()]
    if (control["state"] == "vacated").any():
        out.append(("Vacated", VACATED_COLOUR))
    return out


def build_map(
    control: gpd.GeoDataFrame,
    events: pd.DataFrame | None = None,
    areas: gpd.GeoDataFrame | None = None,
    *,
    center: tuple[float, float] | None = None,
    zoom: int | None = None,
    show_areas: bool = False,
    tiles: bool = False,
    as_of_label: str = "",
    asset_base: str = COMPONENT_BASE,
    outlines_path: Path = OUTLINES_PATH,
) -> folium.Map:
    """The dashboard's map: outlines base, control, events and (switchable) areas, legend, layer control.

    Without ``center``/``zoom`` the map fits the places shown. ``tiles=True`` adds
    OpenStreetMap tiles (needs the internet) under the outlines.
    """
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
    if tiles:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap (online)", overlay=False, control=True).add_to(
            m
        )
    GeoJsonLayer(
        _outlines_json(str(outlines_path)),
        "Country outlines",
        overlay=True,
        control=False,
        weight=0.7,
        fill_opacity=1.0,
        interactive=True,
        sticky=True,
    ).add_to(m)
    if areas is not None:
        GeoJsonLayer(
            area_features(areas),
            "Approximate control areas",
            show=show_areas,
            weight=1.5,
            fill_opacity=0.28,
            sticky=True,
        ).add_to(m)
    GeoJsonLayer(control_features(control), "Control", radius=7).add_to(m)
    if events is not None:
        GeoJsonLayer(event_features(events), "Events in window").add_to(m)
    title = f"Control {as_of_label}".strip()
    Legend(
        title,
        legend_entries(control),
        icons=[s for s in STATUS_ICONS if s != "held"],
        rings=events is not None and len(events) > EVENT_ICONS,
    ).add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    if center is None and not control.empty:
        lat, lon = control["lat"].astype(float), control["lon"].astype(float)
        pad = max(1.0, 0.1 * float(max(lat.max() - lat.min(), lon.max() - lon.min())))
        m.fit_bounds([[lat.min() - pad, lon.min() - pad], [lat.max() + pad, lon.max() + pad]])
    return m
