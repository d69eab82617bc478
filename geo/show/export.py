"""Claims out: CSV, GeoJSON and GeoPackage (geopandas), and ACLED-shaped CSV.

Every format is safe to open: text cells lose bidirectional overrides and isolates (a
U+202E in a title cannot reverse what a reader sees), and CSV text cells that a spreadsheet
would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a CR) get a
leading ``'``; numbers stay numbers.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from geo.show.formats import FORMATS
from geo.text.articles import neutralise_bidi

#: What makes a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text_cells(frame: pd.DataFrame, fix) -> pd.DataFrame:
    """``frame`` with ``fix`` applied to every string cell (other cells as they are)."""
    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_object_dtype(out[col]) or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(lambda v: fix(v) if isinstance(v, str) else v)
    return out


def _spreadsheet_cell(value: str) -> str:
    value = neutralise_bidi(value)
    return "'" + value if value.startswith(FORMULA_START) else value


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` for a spreadsheet: no formulas in text cells, no bidirectional controls."""
    return _text_cells(frame, _spreadsheet_cell)


def claims_csv(claims: pd.DataFrame) -> bytes:
    """Claims as spreadsheet-safe CSV (UTF-8), for files and the page's download alike."""
    return spreadsheet_safe(claims).to_csv(index=False).encode("utf-8")


def claims_geodataframe(claims: pd.DataFrame):
    """Claims as points (EPSG:4326), dates as ISO strings, quotes as plain text without
    bidirectional controls."""
    import geopandas as gpd

    frame = _text_cells(claims, neutralise_bidi)
    for col in ("date", "date_end", "published"):
        if col in frame:
            frame[col] = frame[col].map(lambda d: d.isoformat() if hasattr(d, "isoformat") else d)
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs="EPSG:4326")


def export_claims(claims: pd.DataFrame, path: str | Path, fmt: str) -> Path:
    """Write ``claims`` (a ``Store.claims_frame``) to ``path`` in ``fmt``."""
    path = Path(path)
    if fmt == "csv":
        path.write_bytes(claims_csv(claims))
    elif fmt == "acled":
        from geo.show.acled import to_acled_frame

        path.write_bytes(claims_csv(to_acled_frame(claims)))
    elif fmt in ("geojson", "gpkg"):
        gdf = claims_geodataframe(claims)
        if fmt == "geojson":
            path.write_text(gdf.to_json(drop_id=True, ensure_ascii=False), encoding="utf-8")
        else:
            gdf.to_file(path, layer="claims", driver="GPKG")
    else:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    return path
