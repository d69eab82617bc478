"""The map's Leaflet plumbing: JSON safe inside a script, the map's own script and style
(``static/map.js``, ``static/map.css``), and one ``L.geoJSON`` layer per FeatureCollection.

Rendered without branca's re-templating (``render_macros``): article text such as
``{{ ... }}`` is never evaluated, and megabytes of data are not parsed as a template.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from typing import Any, Iterable

import folium
import pandas as pd
from branca.element import Element, MacroElement
from folium.elements import ElementAddToElement
from jinja2 import Template

from geo.paths import DATA_DIR
from geo.show.labels import safe
from geo.show.popups import CLAIM_TEMPLATE, POPUP_TEMPLATE, STATIC
from geo.show.wire import CODE_CHARS, PointTable, wired

TOWNS_PATH = DATA_DIR / "basemap" / "towns.csv"
#: Base-map towns drawn around the places shown (the most populous first).
TOWNS_SHOWN = 600


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


MAP_JS = (
    (STATIC / "map.js")
    .read_text(encoding="utf-8")
    .replace("{{ popup_template }}", safe_json(POPUP_TEMPLATE))
    .replace("{{ claim_template }}", safe_json(CLAIM_TEMPLATE))
    .replace("{{ code_chars }}", safe_json(CODE_CHARS))
)
MAP_CSS = (STATIC / "map.css").read_text(encoding="utf-8")


class _Raw(Element):
    """Already-rendered text: branca would otherwise compile it as a Jinja template again."""

    def __init__(self, text: str):
        super().__init__()
        self._text = text

    def render(self, **kwargs) -> str:
        return self._text


def render_macros(element: MacroElement, kwargs: dict) -> None:
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


class MapScript(MacroElement):
    """``static/map.js`` and ``static/map.css``, once per map, before its layers."""

    _template = Template("""
{% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}
{% macro script(this, kwargs) %}{{ this.js }}
tmZoomClass({{ this._parent.get_name() }});{% endmacro %}
""")

    def __init__(self):
        super().__init__()
        self._name = "MapScript"
        self.js, self.css = MAP_JS, MAP_CSS

    def render(self, **kwargs) -> None:
        render_macros(self, kwargs)


class GeoJsonLayer(folium.map.Layer):
    """One ``L.geoJSON`` layer over embedded features; properties drive the style (``static/map.js``)."""

    _template = Template("""
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.geoJSON({{ this.data_json }}, {
  pointToLayer: function (f, ll) {
    return tmPoint(f, ll, {{ this.radius }}{% if this.pane %}, {{ this.pane|tojson }}{% endif %}); },
  style: function (f) { return tmStyle(f, {{ this.weight }}, {{ this.fill_opacity }}); },
  onEachFeature: function (f, layer) { tmEach(f, layer, {{ this.sticky }}); },
  {% if this.pane %}pane: {{ this.pane|tojson }},{% endif %}
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
        pane: str | None = None,
    ):
        super().__init__(name=name, overlay=overlay, control=control, show=show)
        self.pane = pane
        self._name = "GeoJsonLayer"
        self.data_json = (
            features
            if isinstance(features, str)
            else safe_json({"type": "FeatureCollection", "features": list(features)})
        )
        self.radius, self.weight, self.fill_opacity = int(radius), float(weight), float(fill_opacity)
        self.interactive = "true" if interactive else "false"
        self.sticky = "true" if sticky else "false"

    def render(self, **kwargs) -> None:
        if self.show:
            self.add_child(
                ElementAddToElement(
                    element_name=self.get_name(), element_parent_name=self._parent.get_name()
                ),
                name=self.get_name() + "_add",
            )
        render_macros(self, kwargs)


class BaseFile(MacroElement):
    """``tmBase``: the base map's layers fetched from ``url`` (``geo.show.basefile``) and drawn in
    ``pane``, under the data; ``inline``: the file's JSON text itself, sent in the script."""

    _template = Template("""
{% macro script(this, kwargs) %}
tmBase({{ this._parent.get_name() }}, {{ this.url_json }}, {{ this.pane_json }});
{% endmacro %}
""")

    def __init__(self, url: str | None, pane: str, inline: str | None = None):
        super().__init__()
        self._name = "BaseFile"
        self.url_json, self.pane_json = inline if url is None else safe_json(url), safe_json(pane)

    def render(self, **kwargs) -> None:
        render_macros(self, kwargs)


class Legend(MacroElement):
    """A Leaflet control showing ``html`` (built and escaped by the caller); ``tmData`` may replace it."""

    _template = Template("""
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.control({position: "bottomright"});
{{ this.get_name() }}.onAdd = function () {
  var div = L.DomUtil.create("div", "tm-legend"); div.innerHTML = {{ this.html_json }};
  L.DomEvent.disableScrollPropagation(div); L.DomEvent.disableClickPropagation(div); return div; };
{{ this.get_name() }}.addTo({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self, html: str):
        super().__init__()
        self._name = "Legend"
        self.html_json = safe_json(html)

    def render(self, **kwargs) -> None:
        render_macros(self, kwargs)


def layer_data(
    label: str, legend: str, layers: Iterable[tuple[str, PointTable | list[dict], dict, bool]]
) -> str:
    """What ``tmData`` in ``static/map.js`` draws, as JSON: the date ``label``, the ``legend``
    and the ``layers`` (name, a ``PointTable`` or features, options for the style, shown), with
    a ``key`` that is the same for the same layers (the browser does not redraw them)."""
    specs = [[name, wired(feats), opts, shown] for name, feats, opts, shown in layers]
    drawn = safe_json({"label": label, "legend": legend, "layers": specs})
    key = hashlib.sha1(drawn.encode("utf-8")).hexdigest()[:16]
    return drawn[:-1] + f',"key":"{key}"' + "}"


class DataLayers(MacroElement):
    """The page's data layers as one ``tmData`` call, for streamlit-folium's
    ``feature_group_to_add``: evaluated in the map already drawn, it replaces the data layers and
    the legend in place. ``drawn``: ``layer_data``'s JSON; ``popup``: the claims of one place its
    popup loads (``g``, ``e``, ``w``), applied without a redraw."""

    _template = Template("""
{% macro script(this, kwargs) %}tmData(window.map, {{ this.data_json }});{% endmacro %}
""")

    def __init__(self, drawn: str, popup: dict | None = None):
        super().__init__()
        self._name = "DataLayers"
        self.data_json = drawn[:-1] + f',"popup":{safe_json(popup)}' + "}"

    def render(self, **kwargs) -> None:
        render_macros(self, kwargs)


@lru_cache(maxsize=1)
def load_towns(path: str = str(TOWNS_PATH)) -> pd.DataFrame:
    """The base map's towns (``data/basemap/towns.csv``: GeoNames towns of 50,000 or more)."""
    return pd.read_csv(path, keep_default_na=False)


def town_features(control: pd.DataFrame, margin: float = 6.0, limit: int = TOWNS_SHOWN) -> list[dict]:
    """Base-map towns within ``margin`` degrees of the places (``lat``, ``lon``), most populous first."""
    towns = load_towns()
    if not control.empty:
        lat, lon = control["lat"].astype(float), control["lon"].astype(float)
        near = towns["lat"].between(lat.min() - margin, lat.max() + margin) & towns["lon"].between(
            lon.min() - margin, lon.max() + margin
        )
        towns = towns[near]
    return [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(r.lon), float(r.lat)]},
            "properties": {"z": 1, "t": safe(r.name)},
        }
        for r in towns.head(limit).itertuples(index=False)
    ]
