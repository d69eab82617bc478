"""Approximate control areas: Voronoi cells of the controlled places, clipped and merged."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

from geo.control.state import CRS


def control_areas(
    control: gpd.GeoDataFrame, outlines: gpd.GeoDataFrame | None = None, max_km: float = 60.0
) -> gpd.GeoDataFrame:
    """Approximate areas per controller: Voronoi cells of the places, clipped and merged.

    Each place's cell is cut to its country's outline (``outlines`` with an ``iso_a2``
    column; skipped when the country is unknown) and to a disc of ``max_km`` around the
    place (a degree-based approximation), then cells are merged per ``controller``.
    Vacated places draw no area. Returns columns ``controller``, ``n_places``, geometry.
    """
    pts = control[control["state"] != "vacated"].drop_duplicates(subset=["lat", "lon"])
    if pts.empty:
        return gpd.GeoDataFrame(
            {"controller": [], "n_places": []}, geometry=gpd.GeoSeries([], crs=CRS), crs=CRS
        )
    points = shapely.points(pts["lon"].to_numpy(), pts["lat"].to_numpy())
    radius = max_km / 111.32
    discs = shapely.buffer(points, radius, quad_segs=8)
    if len(points) >= 2:
        envelope = shapely.box(*shapely.total_bounds(points)).buffer(radius * 2)
        cells = shapely.get_parts(
            shapely.voronoi_polygons(shapely.multipoints(points), extend_to=envelope, ordered=True)
        )
        cells = shapely.intersection(cells, discs)
    else:
        cells = discs
    if outlines is not None and len(outlines):
        by_cc = dict(zip(outlines["iso_a2"], outlines.geometry))
        shapes = np.array([by_cc.get(cc) for cc in pts["country_code"]], dtype=object)
        has = np.array([s is not None for s in shapes])
        if has.any():
            clipped = shapely.intersection(cells[has], shapely.make_valid(np.array(list(shapes[has]))))
            cells = cells.copy()
            cells[has] = clipped
    cells_gdf = gpd.GeoDataFrame({"controller": pts["controller"].to_numpy()}, geometry=cells, crs=CRS)
    cells_gdf = cells_gdf[~cells_gdf.is_empty]
    merged = cells_gdf.dissolve("controller", as_index=False)
    merged["n_places"] = merged["controller"].map(cells_gdf.groupby("controller").size()).astype(int)
    merged["geometry"] = merged.geometry.simplify(0.01)
    return merged[["controller", "n_places", "geometry"]]
