"""Claims out: CSV, GeoJSON and GeoPackage (geopandas), and ACLED-shaped CSV."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

FORMATS = ("csv", "geojson", "gpkg", "acled")


def claims_geodataframe(claims: pd.DataFrame):
    """Claims as points (EPSG:4326), dates as ISO strings, quotes as plain text."""
    import geopandas as gpd

    frame = claims.copy()
    for col in ("date", "date_end", "published"):
        if col in frame:
            frame[col] = frame[col].map(lambda d: d.isoformat() if hasattr(d, "isoformat") else d)
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs="EPSG:4326")


def export_claims(claims: pd.DataFrame, path: str | Path, fmt: str) -> Path:
    """Write ``claims`` (a ``Store.claims_frame``) to ``path`` in ``fmt``."""
    path = Path(path)
    if fmt == "csv":
        claims.to_csv(path, index=False)
    elif fmt == "acled":
        from geo.show.acled import to_acled_frame

        to_acled_frame(claims).to_csv(path, index=False)
    elif fmt in ("geojson", "gpkg"):
        gdf = claims_geodataframe(claims)
        if fmt == "geojson":
            path.write_text(gdf.to_json(drop_id=True, ensure_ascii=False), encoding="utf-8")
        else:
            gdf.to_file(path, layer="claims", driver="GPKG")
    else:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    return path
