"""Rebuild ``countries.geojson`` from the Natural Earth low-resolution admin-0 layer.

The source layer ships with pyogrio (``pyogrio/tests/fixtures/naturalearth_lowres``),
copied there from GeoPandas, which took it from Natural Earth 1:110m admin-0 countries.
Run: ``python data/naturalearth/build_countries.py`` (needs only the installed packages).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import geopandas as gpd
import pycountry
import pyogrio
import shapely

HERE = Path(__file__).resolve().parent
SOURCE = (
    Path(os.path.dirname(pyogrio.__file__)) / "tests/fixtures/naturalearth_lowres/naturalearth_lowres.shp"
)
#: Natural Earth gives "-99" for a few countries; their ISO codes by name.
_BY_NAME = {"France": "FR", "Norway": "NO", "Kosovo": "XK", "N. Cyprus": "", "Somaliland": ""}


def iso_a2(iso_a3: str, name: str) -> str:
    if name in _BY_NAME:
        return _BY_NAME[name]
    country = pycountry.countries.get(alpha_3=iso_a3)
    return country.alpha_2 if country else ""


def main() -> None:
    frame = gpd.read_file(SOURCE)
    frame["iso_a2"] = [iso_a2(a3, n) for a3, n in zip(frame["iso_a3"], frame["name"])]
    frame["geometry"] = shapely.set_precision(frame.geometry.simplify(0.02), 0.001)
    frame = frame[["name", "iso_a2", "iso_a3", "continent", "geometry"]]
    data = json.loads(frame.to_json(drop_id=True))
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    (HERE / "countries.geojson").write_text(text + "\n", encoding="utf-8")
    print(f"{len(frame)} countries, {len(text):,} characters")


if __name__ == "__main__":
    main()
