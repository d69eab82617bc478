"""First-level divisions in every language: ISO 3166-2's names as the iso-codes project
translates them (``pycountry``'s locales: "Техас", "Bayern", "Киевская область"), and
``iso3166-2``'s records (type, names in other languages), linked to the gazetteer's divisions.

The geocoder reads a qualifier the gazetteer's names lack through them ("Париж, Техас") and
names a division in the language an address is asked in. Loaded on first use (about 1 s).
"""

from __future__ import annotations

import gettext
import unicodedata
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from geo.gazetteer import pickled, sources
from geo.gazetteer.distance import haversine_km
from geo.gazetteer.generic import strip_generic
from geo.model import Place
from geo.text.names import normalize_name

#: A division ISO places this close to a gazetteer division of its country is that division.
LINK_KM = 60.0


#: The locales whose ISO 3166-2 translations (iso-codes, shipped in ``pycountry``) name divisions
#: in the index: the languages Tidemark reads ("Київська область", "Bavière", "Anatolie").
DIVISION_NAME_LOCALES = ("ar", "de", "es", "fa", "fr", "id", "it", "nl", "pl", "pt", "ru", "tr", "uk")


#: A translated division name in Latin script this frequent as a word is a word ("Centre", 5.4;
#: "Norte", 5.2); names below it are kept ("Bavière", 3.6; "Cataluña", 4.6).
TRANSLATED_NAME_MAX_ZIPF = 5.0


def iso_translations() -> dict[str, set[str]]:
    """A subdivision's ISO 3166-2 name -> its translations in ``DIVISION_NAME_LOCALES``; a name in
    Latin script only when rare as a word of its language (no "Centre" or "Norte" as provinces)."""
    import pycountry
    from wordfreq import zipf_frequency

    out: dict[str, set[str]] = defaultdict(set)
    for locale in DIVISION_NAME_LOCALES:
        path = Path(pycountry.LOCALES_DIR) / locale / "LC_MESSAGES" / "iso3166-2.mo"
        if not path.exists():
            continue
        with path.open("rb") as fh:
            catalog = gettext.GNUTranslations(fh)._catalog
        for source, name in catalog.items():
            if not isinstance(source, str) or not source or not name or name == source:
                continue
            latin = all(unicodedata.name(ch, "LATIN").startswith("LATIN") for ch in name if ch.isalpha())
            if not latin or zipf_frequency(name.lower(), locale) < TRANSLATED_NAME_MAX_ZIPF:
                out[source].add(name)
    return out


@lru_cache(maxsize=1)
def _top_level() -> dict[str, object]:
    """ISO 3166-2 code -> pycountry subdivision, first-level ones only."""
    import pycountry

    return {s.code: s for s in pycountry.subdivisions if getattr(s, "parent_code", None) is None}


def records() -> dict[str, dict]:
    """ISO 3166-2 code -> the ``iso3166-2`` package's record (type, centre, other names)."""
    return sources.iso_subdivisions()


def _catalogs() -> list[Path]:
    import pycountry

    return sorted(Path(pycountry.LOCALES_DIR).glob("*/LC_MESSAGES/iso3166-2.mo"))


@lru_cache(maxsize=64)
def translations(language: str) -> dict[str, str]:
    """ISO code -> the division's name in ``language`` (iso-codes' translation), where there is one."""
    import pycountry

    path = Path(pycountry.LOCALES_DIR) / language / "LC_MESSAGES" / "iso3166-2.mo"
    if not path.exists():
        return {}
    with path.open("rb") as fh:
        catalog = gettext.GNUTranslations(fh)._catalog
    return {code: catalog[s.name] for code, s in _top_level().items() if catalog.get(s.name)}


@lru_cache(maxsize=1)
def _codes_by_key() -> dict[str, frozenset[str]]:
    """Key of any name of a division in any language -> its ISO codes (built once, ~5 s, and
    cached beside the gazetteer)."""
    catalogs = _catalogs()
    return pickled.cached("division-names", catalogs, lambda: _build_codes_by_key(catalogs))


def _build_codes_by_key(catalogs: list[Path]) -> dict[str, frozenset[str]]:
    codes_of_name: dict[str, set[str]] = defaultdict(set)
    for code, s in _top_level().items():
        codes_of_name[s.name].add(code)
    out: dict[str, set[str]] = defaultdict(set)
    for name, codes in codes_of_name.items():
        for key in _keys(name):
            out[key] |= codes
    for path in catalogs:
        with path.open("rb") as fh:
            catalog = gettext.GNUTranslations(fh)._catalog
        for msgid, text in catalog.items():
            if isinstance(msgid, str) and msgid in codes_of_name and text != msgid:
                for key in _keys(text):
                    out[key] |= codes_of_name[msgid]
    return {k: frozenset(v) for k, v in out.items()}


def _keys(name: str) -> set[str]:
    return {k for k in (normalize_name(name), strip_generic(name)) if k}


def codes_named(text: str) -> frozenset[str]:
    """ISO codes of the divisions some language calls ``text`` ("Техас": US-TX)."""
    found: set[str] = set()
    for key in _keys(text):
        found |= _codes_by_key().get(key, frozenset())
    return frozenset(found)


def gazetteer_division(gaz, code: str) -> Place | None:
    """The gazetteer's division for an ISO code: by name, else the one ISO's centre lies at."""
    sub = _top_level().get(code)
    if sub is None:
        return None
    cc = sub.country_code
    for key in _keys(sub.name):
        for p in gaz.lookup(key):
            if p.kind == "admin1" and p.country_code == cc:
                return p
    centre = records().get(code, {}).get("latLng") or ()
    if len(centre) != 2:
        return None
    near = [(haversine_km(centre[0], centre[1], p.lat, p.lon), p) for p in divisions_of(gaz, cc)]
    km, place = min(near, key=lambda t: t[0], default=(LINK_KM, None))
    return place if km < LINK_KM else None


def divisions_of(gaz, cc: str) -> list[Place]:
    """The gazetteer's first-level divisions of a country."""
    return [p for p in _all_divisions(gaz) if p.country_code == cc]


@lru_cache(maxsize=4)
def _all_divisions(gaz) -> tuple[Place, ...]:
    return tuple(gaz.places("admin1"))


@lru_cache(maxsize=512)
def _codes_of_country(gaz, cc: str) -> dict[int, str]:
    out: dict[int, str] = {}
    for code in (c for c in _top_level() if c.startswith(cc + "-")):
        place = gazetteer_division(gaz, code)
        if place is not None:
            out.setdefault(place.geonameid, code)
    return out


def iso_code(gaz, division: Place) -> str | None:
    """The ISO 3166-2 code of a gazetteer division, where one links to it."""
    return _codes_of_country(gaz, division.country_code).get(division.geonameid)
