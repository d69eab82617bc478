"""Every script and stylesheet the map needs, served by the app itself (no CDN).

Folium's maps load Leaflet, jQuery, Bootstrap and icon fonts from CDNs; with no internet
the map stays blank. Our maps need only Leaflet and Font Awesome (no Bootstrap, no
jQuery, no awesome-markers: popups, legend and icons are plain Leaflet + CSS), and
both come from the XStatic packages on PyPI. ``ensure_static`` copies them into
``static/vendor/`` beside ``app.py``, which Streamlit serves at ``/app/static/`` when
``server.enableStaticServing`` is on; ``localize`` points a map at those copies.

Run ``python -m geo.show.assets`` to copy them ahead of time (the Dockerfile does).
"""

from __future__ import annotations

import base64
import importlib
import re
import shutil
from pathlib import Path

import folium

from geo.paths import STATIC_DIR

VENDOR = "vendor"
#: From streamlit-folium's iframe (``/component/<name>/index.html``) to ``/app/static`` and its
#: ``vendor`` folder. Relative, so it also works under a ``server.baseUrlPath``.
COMPONENT_STATIC = "../../app/static"
COMPONENT_BASE = f"{COMPONENT_STATIC}/{VENDOR}"

#: (XStatic package, path in its data folder, path under static/vendor/)
_FILES: tuple[tuple[str, str, str], ...] = (
    ("leaflet", "leaflet.js", "leaflet/leaflet.js"),
    ("leaflet", "leaflet.css", "leaflet/leaflet.css"),
    ("leaflet", "images/layers.png", "leaflet/images/layers.png"),
    ("leaflet", "images/layers-2x.png", "leaflet/images/layers-2x.png"),
    ("leaflet", "images/marker-icon.png", "leaflet/images/marker-icon.png"),
    ("leaflet", "images/marker-icon-2x.png", "leaflet/images/marker-icon-2x.png"),
    ("leaflet", "images/marker-shadow.png", "leaflet/images/marker-shadow.png"),
    ("font_awesome", "css/fontawesome.min.css", "fontawesome/css/fontawesome.min.css"),
    ("font_awesome", "css/solid.min.css", "fontawesome/css/solid.min.css"),
    ("font_awesome", "webfonts/fa-solid-900.woff2", "fontawesome/webfonts/fa-solid-900.woff2"),
    ("font_awesome", "webfonts/fa-solid-900.ttf", "fontawesome/webfonts/fa-solid-900.ttf"),
    ("font_awesome", "LICENSE.txt", "fontawesome/LICENSE.txt"),
)
JS = (("leaflet", "leaflet/leaflet.js"),)
CSS = (
    ("leaflet_css", "leaflet/leaflet.css"),
    ("fontawesome_css", "fontawesome/css/fontawesome.min.css"),
    ("fontawesome_solid_css", "fontawesome/css/solid.min.css"),
)


def _source(package: str, rel: str) -> Path:
    module = importlib.import_module(f"xstatic.pkg.{package}")
    return Path(module.BASE_DIR) / rel


def ensure_static(static_dir: Path = STATIC_DIR) -> Path:
    """Copy the map's assets into ``static_dir/vendor`` (only files missing or changed); returns it."""
    vendor = Path(static_dir) / VENDOR
    for package, rel, dest in _FILES:
        src, out = _source(package, rel), vendor / dest
        if out.exists() and out.stat().st_size == src.stat().st_size:
            continue
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, out)
    return vendor


def asset_links(base: str = COMPONENT_BASE) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(js, css) lists in folium's ``default_js``/``default_css`` shape, rooted at ``base``."""
    base = base.rstrip("/")
    return [(name, f"{base}/{rel}") for name, rel in JS], [(name, f"{base}/{rel}") for name, rel in CSS]


def localize(m: folium.Map, base: str = COMPONENT_BASE) -> folium.Map:
    """Make ``m`` load only our local copies (replaces folium's CDN lists on this map)."""
    m.default_js, m.default_css = asset_links(base)
    return m


def _inline_font_awesome() -> str:
    """Font Awesome's core and solid CSS with the solid font embedded as a data URL."""
    font = base64.b64encode(_source("font_awesome", "webfonts/fa-solid-900.woff2").read_bytes()).decode(
        "ascii"
    )
    solid = _source("font_awesome", "css/solid.min.css").read_text(encoding="utf-8")
    solid = re.sub(r"src:url\([^;}]*", f'src:url(data:font/woff2;base64,{font}) format("woff2")', solid)
    return _source("font_awesome", "css/fontawesome.min.css").read_text(encoding="utf-8") + solid


def inline_assets_html(m: folium.Map) -> str:
    """A self-contained HTML page of ``m``: Leaflet and Font Awesome inlined, no request at all.

    For the page's "download this map" and for checks that need no server.
    """
    page = m.get_root().render()
    page = re.sub(r'<script src="[^"]*"></script>\s*', "", page)
    page = re.sub(r'<link rel="stylesheet" href="[^"]*"/>\s*', "", page)
    js = _source("leaflet", "leaflet.js").read_text(encoding="utf-8")
    css = _source("leaflet", "leaflet.css").read_text(encoding="utf-8") + _inline_font_awesome()
    return page.replace("<head>", f"<head><style>{css}</style><script>{js}</script>", 1)


if __name__ == "__main__":
    print(ensure_static())
