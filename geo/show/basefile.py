"""The page's base map as one file the browser fetches, not a script re-sent on every run.

streamlit-folium sends the map's whole script with every run of the page; with the outlines,
provinces, lakes, rivers and towns in it, that is a third of a megabyte on each slider move
(encoded, hashed and sent again, though the browser keeps the map it drew). So the page's map
script only names a file, ``static/base/<content hash>.json``, which Streamlit serves at
``/app/static/base/`` and ``tmBase`` in ``static/map.js`` fetches once and draws under the data.

The file also carries every place with claims (``places``: ``g`` ids, ``n`` names, escaped,
``x``/``y`` coordinates), so the data layers sent per move need not repeat them (their tooltips
look the names up; their points, when at their places, the coordinates).
Its name is the hash of its content: the same data give the same file in every session, a
browser may keep it, and a new data version writes a new one (the oldest past ``KEEP`` go).
"""

from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
from pathlib import Path

import pandas as pd

from geo.paths import STATIC_DIR
from geo.show.labels import safe
from geo.show.layers import safe_json
from geo.show.wire import BasePlaces

FOLDER = "base"
#: Base files kept beside the newest (older data versions' files are removed).
KEEP = 8


def place_coords(places: pd.DataFrame) -> dict[int, tuple[float, float]]:
    """Place id -> (lon, lat), rounded as the map's points are (5 decimals)."""
    if "geonameid" not in places or places.empty:
        return {}
    lon, lat = places["lon"].astype(float).round(5), places["lat"].astype(float).round(5)
    return {int(g): (x, y) for g, x, y in zip(places["geonameid"], lon, lat)}


def base_places(places: pd.DataFrame) -> BasePlaces:
    """The base file's places (``place_coords``, in the file's order) for the data layers."""
    return BasePlaces(place_coords(places))


def base_json(layers: list[tuple[str, str, dict]], places: pd.DataFrame) -> str:
    """The file's text: ``layers`` as (name, FeatureCollection JSON text, options), bottom first,
    and the ``places`` (``geonameid``, ``place``, ``lon``, ``lat``): ids, names and coordinates."""
    specs = ",".join(f"[{safe_json(name)},{data},{safe_json(opts)}]" for name, data, opts in layers)
    coords = place_coords(places)
    names = [safe(str(n)) for n in places["place"]] if "place" in places else [""] * len(coords)
    xs, ys = [c[0] for c in coords.values()], [c[1] for c in coords.values()]
    table = {"g": list(coords), "n": names, "x": xs, "y": ys}
    return f'{{"layers":[{specs}],"places":{safe_json(table)}}}'


def publish(text: str, static_dir: Path = STATIC_DIR) -> str:
    """Write ``text`` as ``static_dir/base/<hash>.json`` and its gzip, ``<hash>.json.gz`` (once:
    the same text, the same files); returns the first's path under ``static_dir``, e.g.
    ``base/3f2a….json``. The map fetches the gzip (``tmBase``): served as it is, where the
    server would compress the JSON again on every request (a megabyte at a million claims,
    level 9: a seventh of a second of the server's CPU per visit, on the first map's path)."""
    folder = Path(static_dir) / FOLDER
    name = hashlib.sha256(text.encode("utf-8")).hexdigest()[:20] + ".json"
    path, packed = folder / name, folder / (name + ".gz")
    if not (path.exists() and packed.exists()):
        folder.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        _write_whole(packed, gzip.compress(data, compresslevel=6, mtime=0))
        _write_whole(path, data)
        _prune(folder, keep=path)
    return f"{FOLDER}/{name}"


def _write_whole(path: Path, data: bytes) -> None:
    """Readers see the whole file or none."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".part")
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.replace(tmp, path)


def _prune(folder: Path, keep: Path) -> None:
    """Remove all but the ``KEEP`` newest base files (and ``keep``), each with its gzip."""
    files = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[KEEP:]:
        if old != keep:
            old.unlink(missing_ok=True)
            old.with_name(old.name + ".gz").unlink(missing_ok=True)
