"""Geocoder queries as users write them, read into a name and the places it lies in.

    "Rawa, Iraq"              name "Rawa", within the country Iraq
    "Springfield, IL"         within the division whose code is IL (US postal codes are GeoNames')
    "Toronto, ON"             within CA-ON (ISO 3166-2 codes, for any country)
    "Tal Afar, Nineveh"       within the province Ninawa; "Mosul، العراق" in any language
    "Paris Texas"             no comma: the longest leading name, the rest as a qualifier
    {"city": "Rawa", "state": "Anbar", "country": "Iraq"}   geopy's structured form
    "Arbil Governorate"       a division's generic word: the query asks for the province

Each qualifier is read as every broader place it can name (a country, a province, a county,
a region, a code); a candidate stays when it lies in one of them, for every qualifier. A
qualifier that names nothing is an ``UnknownQualifierError``, never silently dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from geopy.exc import GeopyError

from geo.errors import InputError
from geo.gazetteer.distance import haversine_km
from geo.gazetteer.generic import strip_generic
from geo.model import Place
from geo.text.names import normalize_name

#: What separates a name from its qualifiers, in the scripts users write.
SEPARATORS = re.compile(r"\s*[,،，、;]\s*")
#: geopy's structured fields (Nominatim's), innermost first; street and postcode are refused.
STRUCTURED_FIELDS = ("city", "county", "state", "country")
#: What each structured field, or geopy's ``featuretype``, asks for.
FIELD_KINDS = {
    "city": ("city", "feature"),
    "settlement": ("city", "feature"),
    "county": ("admin2",),
    "state": ("admin1",),
    "country": ("country",),
}
DIVISION_KINDS = ("admin1", "admin2", "region")
AREA_KINDS = ("country", "admin1", "admin2", "region")
#: A town qualifies a place this close to it ("Karamlesh, Mosul"); a county, with GeoNames
#: giving towns no county, the towns of its state this close to its centre.
NEAR_TOWN_KM = 40.0
COUNTY_KM = 60.0
REGION_KM = 600.0


class GeocoderInputError(GeopyError, InputError):
    """A query the geocoder cannot answer as asked: a ``GeopyError`` (what geopy callers catch)
    and a ``ValueError`` through Tidemark's ``InputError`` (what geopandas catches, giving an
    empty point; one line, never a traceback). Not a ``GeocoderServiceError``: geopy's
    RateLimiter retries those, and asking the same question again gives the same answer."""


class UnknownQualifierError(GeocoderInputError):
    """A qualifier ("Rawa, Narnia") that names no country, division or region we know."""

    def __init__(self, query: str, qualifier: str):
        self.qualifier = qualifier
        super().__init__(f"{qualifier!r} in {query!r} names no country, province, county or region we know")


@dataclass(frozen=True, slots=True)
class Query:
    """A query read: the name to look up and what it must lie in."""

    text: str  # the query as given, for messages
    name: str
    qualifiers: tuple[str, ...] = ()
    kinds: tuple[str, ...] | None = None
    division: bool = False  # the query asks for a division ("Arbil Governorate", state=...)
    #: What each qualifier must be (a structured field's kinds), None for any area.
    qualifier_kinds: tuple[tuple[str, ...] | None, ...] = ()


@dataclass(frozen=True, slots=True)
class Reading:
    """One thing a qualifier can mean: a broader place, or a division code ("IL", "ON")."""

    place: Place | None = None
    code: str = ""


def parse_query(query: str | dict, featuretype: str | None = None) -> Query:
    """The name and qualifiers of a free-form or structured query (see the module's examples)."""
    kinds = FIELD_KINDS.get(featuretype.lower()) if featuretype else None
    if featuretype and kinds is None:
        raise GeocoderInputError(f"featuretype must be one of {', '.join(FIELD_KINDS)}, not {featuretype!r}")
    if isinstance(query, dict):
        return _structured(query, kinds)
    if not isinstance(query, str):
        return Query(query, query)  # the gazetteer reports the wrong type in one line
    parts = [p for p in SEPARATORS.split(query.strip()) if p]
    name = parts[0] if parts else query
    asked = _asks_division(name) or kinds in (("admin1",), ("admin2",))
    return Query(query, name, tuple(parts[1:]), kinds, asked)


def _structured(fields: dict, kinds: tuple[str, ...] | None) -> Query:
    unknown = sorted(set(fields) - set(STRUCTURED_FIELDS))
    if unknown:
        raise GeocoderInputError(
            f"structured field(s) {', '.join(map(repr, unknown))} not supported offline "
            f"(use {', '.join(STRUCTURED_FIELDS)})"
        )
    given = [(f, str(fields[f]).strip()) for f in STRUCTURED_FIELDS if str(fields.get(f) or "").strip()]
    if not given:
        raise GeocoderInputError("empty structured query")
    field, name = given[0]
    text = ", ".join(v for _, v in given)
    wanted = kinds or FIELD_KINDS[field]
    rest = given[1:]
    return Query(
        text,
        name,
        tuple(v for _, v in rest),
        wanted,
        field in ("state", "county"),
        tuple(FIELD_KINDS[f] for f, _ in rest),
    )


def _asks_division(name: str) -> bool:
    stripped = strip_generic(name)
    return bool(stripped) and stripped != normalize_name(name)


def han_variants(text: str) -> list[str]:
    """A Chinese name also in the other script, traditional or simplified ("基辅": "基輔"), for
    GeoNames holds many towns' Chinese names in one of them only; [] for other text or without
    the ``hanziconv`` package."""
    if not any("\u4e00" <= ch <= "\u9fff" for ch in text):
        return []
    try:
        from hanziconv import HanziConv
    except ImportError:
        return []
    return [
        v for v in dict.fromkeys((HanziConv.toTraditional(text), HanziConv.toSimplified(text))) if v != text
    ]


def readings(gaz, text: str, kinds: tuple[str, ...] | None = None) -> list[Reading]:
    """Every broader place a qualifier can name (of ``kinds`` when given); towns only when it
    names no area."""
    found = _readings(gaz, text, kinds)
    for variant in han_variants(text) if not found else ():
        found = found or _readings(gaz, variant, kinds)
    return found


def _readings(gaz, text: str, kinds: tuple[str, ...] | None) -> list[Reading]:
    key = normalize_name(text)
    found = gaz.lookup(key) if key else []
    out = [Reading(p) for p in found if p.kind in AREA_KINDS]
    stripped = strip_generic(text)
    if stripped and stripped != key:
        out += [Reading(p) for p in gaz.lookup(stripped) if p.kind in DIVISION_KINDS]
        out += [Reading(d) for d in _seated_at(gaz, stripped)]
    out += _code_readings(gaz, text)
    if not out:
        out = [Reading(p) for p in _translated_divisions(gaz, text)]
    if kinds is not None:
        return [r for r in out if (r.place.kind in kinds if r.place else "admin1" in kinds)]
    return out or [Reading(p) for p in found if p.kind in ("city", "feature")]


def _code_readings(gaz, text: str) -> list[Reading]:
    """ "IL", "ON", "IQ", "USA": a division code, and the country of that ISO code."""
    compact = text.replace(".", "").strip()
    if not (1 < len(compact) <= 3 and compact.isascii() and compact.isalpha()):
        return []
    code = compact.upper()
    out = [Reading(code=code)]
    country = gaz.country(_iso_country(code) or "")
    return out + [Reading(country)] if country else out


def _seated_at(gaz, key: str) -> list[Place]:
    """ "Kyiv Oblast", "Aleppo Governorate" when the gazetteer names it otherwise: the
    divisions whose seat is the town so named."""
    towns = [p for p in gaz.lookup(key) if p.kind == "city"]
    if not towns:
        return []
    from geo.gazetteer import is_seat_of
    from geo.gazetteer.divisions import divisions_of

    return [d for t in towns[:3] for d in divisions_of(gaz, t.country_code) if is_seat_of(t, d)]


def _translated_divisions(gaz, text: str) -> list[Place]:
    """A division by its name in any language iso-codes translates ("Техас", "Bayern")."""
    from geo.gazetteer import divisions

    found = (divisions.gazetteer_division(gaz, code) for code in sorted(divisions.codes_named(text)))
    return [p for p in found if p is not None]


@lru_cache(maxsize=512)
def _iso_country(code: str) -> str | None:
    import pycountry

    country = (
        pycountry.countries.get(alpha_2=code) if len(code) == 2 else pycountry.countries.get(alpha_3=code)
    )
    return country.alpha_2 if country else None


def lies_in(gaz, place: Place, reading: Reading) -> bool:
    """Whether ``place`` lies in what the reading names (never the area itself)."""
    area = reading.place
    if area is None:
        return _has_code(gaz, place, reading.code)
    if area.geonameid == place.geonameid:
        return False
    if area.kind == "country":
        return place.country_code == area.country_code and place.kind != "country"
    if area.kind == "admin1":
        return (place.country_code, place.admin1) == (
            area.country_code,
            area.admin1,
        ) and place.kind != "admin1"
    km = haversine_km(place.lat, place.lon, area.lat, area.lon)
    if area.kind == "admin2":
        same_state = (place.country_code, place.admin1) == (area.country_code, area.admin1)
        return same_state and place.kind in ("city", "feature") and km < COUNTY_KM
    if area.kind == "region":
        return (not area.country_code or place.country_code == area.country_code) and km < REGION_KM
    return place.kind in ("city", "feature") and km < NEAR_TOWN_KM


def _has_code(gaz, place: Place, code: str) -> bool:
    """A division code: GeoNames' own (US states: "IL") or ISO 3166-2's ("CA-ON", "IQ-NI")."""
    if place.kind in ("country", "admin1") or not place.admin1:
        return False
    if place.admin1.upper() == code:
        return True
    return place.admin1 in _iso_division_codes(gaz, place.country_code, code)


@lru_cache(maxsize=4096)
def _iso_division_codes(gaz, cc: str, code: str) -> frozenset[str]:
    import pycountry

    sub = pycountry.subdivisions.get(code=f"{cc}-{code}")
    if sub is None:
        return frozenset()
    keys = {normalize_name(sub.name), strip_generic(sub.name)}
    return frozenset(
        p.admin1
        for key in keys
        if key
        for p in gaz.lookup(key)
        if p.kind == "admin1" and p.country_code == cc
    )


def within(
    gaz,
    places: list[Place],
    qualifiers: tuple[str, ...],
    query: str,
    kinds: tuple[tuple[str, ...] | None, ...] = (),
) -> list[Place]:
    """The places that lie in every qualifier; raises ``UnknownQualifierError`` for one naming
    nothing the gazetteer knows."""
    for i, qualifier in enumerate(qualifiers):
        options = readings(gaz, qualifier, kinds[i] if i < len(kinds) else None)
        if not options:
            raise UnknownQualifierError(query, qualifier)
        places = [p for p in places if any(lies_in(gaz, p, r) for r in options)]
    return places


def unseparated(gaz, q: Query) -> Query | None:
    """ "Paris Texas", "Mosul Iraq": a name the gazetteer lacks read as the longest leading name
    it has and the rest as a qualifier naming an area; None when no split reads so."""
    words = q.name.split()
    for n in range(len(words) - 1, 0, -1):
        head, tail = " ".join(words[:n]), " ".join(words[n:])
        if not normalize_name(head) or not gaz.lookup(normalize_name(head)):
            continue
        if any(r.code or r.place.kind in AREA_KINDS for r in readings(gaz, tail)):
            return Query(q.text, head, (tail,), q.kinds, _asks_division(head) or q.division)
    return None
