"""Names spelt otherwise: a transliteration-blind key, and the towns of a country by that key.

One Arabic, Somali or Ukrainian name reaches English in many spellings: "Saraqab" and "Saraqib",
"Tal Tamer" and "Tall Tamr", "Kafr Nobol" and "Kafranbel", "Buur Xakaba" and "Buurhakaba",
"Shadadah" and "Ash Shaddadah", "Ozarianivka" and "Ozeryanivka". ``skeleton`` folds such
spellings to one key: no articles (al-, el-, ash- ...), no vowels, no doubled letters, no
spaces, hyphens or apostrophes, and the letters transliterations swap (x and h, q and k, dh and
d, dj and j) made one. The key is loose, so it is only asked inside the countries a
report is about (``towns_spelt``).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from difflib import SequenceMatcher
from functools import lru_cache

from geo.model import Place

#: Arabic articles, written apart or hyphenated ("al-Bab", "Ash Shaddadah", "Ma'arrat an Nu'man").
_ARTICLES = frozenset("al el il ad ed ar er as es ash esh at et az ez an en adh ath".split())
_VOWELS = frozenset("aeiouy")
#: Letters and pairs transliterations write for one sound, in the order they are replaced.
_SWAPS = (("dj", "j"), ("dh", "d"), ("th", "t"), ("gh", "g"), ("x", "h"), ("q", "k"), ("c", "k"))
#: A key shorter than this matches too much ("Ein Issa": "ns"), unless the spellings are
#: closer than ``SHORT_RATIO`` ("Bossaso", "Bosaso": "bs").
MIN_KEY, SHORT_KEY = 3, 2
#: How alike the two spellings must still be, letters and vowels included.
MIN_RATIO, SHORT_RATIO = 0.775, 0.85


#: The words that open Arabic place names, each in the spelling GeoNames mostly uses.
_OPENERS = {
    **dict.fromkeys(("ein", "ain", "ayin", "aine"), "ayn"),
    **dict.fromkeys(("tal", "tel", "tell", "til"), "tall"),
    **dict.fromkeys(("deir", "dair", "der", "dayer"), "dayr"),
    **dict.fromkeys(("kfar", "kafar", "kefr"), "kafr"),
    **dict.fromkeys(("jebel", "jabel", "djebel", "jbel"), "jabal"),
    **dict.fromkeys(("sheikh", "sheik", "shaikh", "cheikh", "shekh"), "shaykh"),
    **dict.fromkeys(("beit", "bait", "beyt"), "bayt"),
    **dict.fromkeys(("ben", "ibn"), "bin"),
    "abou": "abu",
}


_WORD = re.compile(r"[a-z0-9]+")
_DOUBLED = re.compile(r"(.)\1+")
_NO_VOWELS = str.maketrans("", "", "aeiouy")
#: Letters that decompose to no ASCII letter.
_LETTERS = str.maketrans(
    {"ł": "l", "ø": "o", "æ": "ae", "đ": "d", "ı": "i", "ß": "ss", "þ": "th", "ð": "d", "œ": "oe"}
)


def _ascii(name: str) -> str:
    """``name`` in ASCII lower case: accents and apostrophes dropped (quickly: every town of a
    country is read once)."""
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name.lower().translate(_LETTERS))
        name = name.encode("ascii", "ignore").decode()
    return name.lower().replace("'", "").replace("`", "")


def _words(name: str) -> list[str]:
    """The name's words, folded to ASCII lower case, without its articles, the words that open
    Arabic names spelt one way ("Ein", "Ain": "ayn"; "Tal", "Tell": "tall")."""
    words = [_OPENERS.get(w, w) for w in _WORD.findall(_ascii(name))]
    return [w for w in words if w not in _ARTICLES] or words


@lru_cache(maxsize=100_000)
def skeleton(name: str) -> str:
    """The key that spellings of one name share ("Tall Rif'at", "Tal Refaat": "tlrft")."""
    out = []
    for w in _words(name):
        if len(w) > 1 and w[-1] == "h" and w[-2] in _VOWELS:
            w = w[:-1]  # -iyah, -iya
        for a, b in _SWAPS:
            if a in w:
                w = w.replace(a, b)
        out.append(w.translate(_NO_VOWELS))
    return _DOUBLED.sub(r"\1", "".join(out))


def alike(a: str, b: str) -> bool:
    """Whether two spellings with one skeleton are also alike letter by letter (articles and
    spaces aside) and open alike (with one consonant, or both with a vowel): "Kafr Nobol" and
    "Kafranbel" are; "Makishi" and "Mkushi", "Nayrab" and "'Ayn al 'Arab" are not."""
    x, y = "".join(_words(a)), "".join(_words(b))
    if not x or not y or (x[0] != y[0] and not (x[0] in _VOWELS and y[0] in _VOWELS)):
        return False
    wanted = MIN_RATIO if len(skeleton(a)) >= MIN_KEY else SHORT_RATIO
    return SequenceMatcher(None, x, y).ratio() >= wanted


@lru_cache(maxsize=512)
def _by_skeleton(gazetteer, country_code: str) -> dict[str, tuple[Place, ...]]:
    """A country's towns, sites and provinces by the skeleton of their main names."""
    out: dict[str, list[Place]] = defaultdict(list)
    for place in gazetteer.places_in(country_code, ("city", "feature", "admin1")):
        key = skeleton(place.name)
        if len(key) >= SHORT_KEY:
            out[key].append(place)
    return {k: tuple(v) for k, v in out.items()}


def towns_spelt(gazetteer, name: str, country_codes: set[str] | frozenset[str]) -> list[Place]:
    """The towns of ``country_codes`` whose main name is ``name`` spelt otherwise (same
    ``skeleton``, ``alike``), most populous first."""
    key = skeleton(name)
    if len(key) < SHORT_KEY:
        return []
    found = [
        p
        for cc in sorted(country_codes)
        for p in _by_skeleton(gazetteer, cc).get(key, ())
        if alike(name, p.name)
    ]
    return sorted(found, key=lambda p: -p.population)
