"""The recogniser's scan: where names may start, and the longest gazetteer name from each start.

``match.longest_match`` is the reference: from a token it asks the gazetteer, token by token,
whether the run so far is a name, a demonym or the start of a longer name. This module finds
the same matches with fewer questions: the tokens where a name may start are picked in one
comprehension, the run's key grows by string concatenation, and each distinct key is asked of
the tries once (``Gazetteer.key_info``, kept across articles). ``tests/test_recognition_paths.py``
and ``benchmarks/bench_geoparse.py --compare`` check that both find the same mentions.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import compress
from operator import itemgetter, or_
from weakref import WeakKeyDictionary

from geo.parse.toponyms.match import _inflected_match, _joinable, article_can_start, is_capitalised
from geo.parse.toponyms.memo import Remembered
from geo.text.names import ARABIC_ARTICLE, ARTICLES, Token

#: What the first character of a token says, by character: bit 1 lower case (``str.islower``),
#: bit 2 a cased letter not in upper case (the word is not capitalised), bit 4 not a letter,
#: bit 8 a character with case (``lower() != upper()``), bit 16 upper case (``str.isupper``).
LOWER, UNCAPITALISED, NOT_LETTER, CASED, UPPER = 1, 2, 4, 8, 16


def _code(ch: str) -> int:
    return (
        (LOWER if ch.islower() else 0)
        | (UNCAPITALISED if ch.isalpha() and not ch.isupper() and ch.lower() != ch.upper() else 0)
        | (0 if ch.isalpha() else NOT_LETTER)
        | (CASED if ch.lower() != ch.upper() else 0)
        | (UPPER if ch.isupper() else 0)
    )


#: ``_code`` by character (a text has few distinct first characters; every script has many).
_CODES: Remembered[str, int] = Remembered(_code, 100_000)


def first_chars(text: str, toks: list[Token]) -> list[str]:
    """The first character of every token (made in C: tokens are tuples, ``start`` first)."""
    return list(map(text.__getitem__, map(itemgetter(0), toks)))


def case_codes(firsts: list[str]) -> list[int]:
    """The ``LOWER | UNCAPITALISED | NOT_LETTER | CASED | UPPER`` code of each first character."""
    return list(map(_CODES.__getitem__, firsts))


def _by_code(bit: int, present: bool = True) -> list[bool]:
    """Whether each possible code has ``bit`` (or lacks it): a table for ``map`` to index in C."""
    return [bool(code & bit) is present for code in range(32)]


_NOT_LOWER, _UNCAPITALISED, _NOT_LETTER = (
    _by_code(LOWER, False),
    _by_code(UNCAPITALISED),
    _by_code(NOT_LETTER),
)


@lru_cache(maxsize=4)
def _starting_words(gaz) -> frozenset[str]:
    """The lower-case words a name may start at: Arabic articles and the gazetteer's demonyms."""
    return ARTICLES | frozenset(gaz.demonyms)


def start_tokens(toks: list[Token], codes: list[int], gaz, caseless: bool) -> list[int]:
    """The tokens a name may start at: all in text without case; else those not written in
    lower case, Arabic articles ("al-Qaim") and demonyms ("ejército sirio")."""
    if caseless:
        return list(range(len(toks)))
    written = map(_NOT_LOWER.__getitem__, codes)
    words = map(_starting_words(gaz).__contains__, map(itemgetter(2), toks))
    return list(compress(range(len(toks)), map(or_, written, words)))  # in order, each once


def lower_words(text: str, toks: list[Token], codes: list[int]) -> set[str]:
    """The words the text writes in lower case somewhere (``match.is_capitalised`` false)."""
    out = set(compress(map(itemgetter(2), toks), map(_UNCAPITALISED.__getitem__, codes)))
    out.update(
        t.norm
        for t in compress(toks, map(_NOT_LETTER.__getitem__, codes))
        if t.norm.isdigit() or not is_capitalised(text[t.start : t.end])  # "3rd": its first letter
    )
    return out


def plain_tokens(norms: list[str]) -> bool:
    """Whether every token's normal form is one non-empty word, as keys are built from (a
    ligature such as "ﷺ" folds to several words: such a text takes the reference path)."""
    return all(norms) and " " not in "".join(norms)


#: By gazetteer: the words from which ``longest_match_cached`` found no name, and never will
#: (no name, no longer name, no demonym, no inflected form: what it finds depends on the word
#: alone), which the scan skips. Emptied when it holds ``NOWHERE_SIZE`` words.
_NOWHERE: WeakKeyDictionary = WeakKeyDictionary()
NOWHERE_SIZE = 200_000


def dead_ends(gaz) -> set[str]:
    """The words ``longest_match_cached`` has found to start nothing in ``gaz`` (an empty set,
    not kept, for a gazetteer that takes no weak reference)."""
    try:
        found = _NOWHERE.get(gaz)
        if found is None:
            found = _NOWHERE[gaz] = set()
    except TypeError:
        return set()
    if len(found) >= NOWHERE_SIZE:
        found.clear()
    return found


def longest_match_cached(
    text: str,
    toks: list[Token],
    norms: list[str],
    i: int,
    gaz,
    language: str = "und",
    dead: set[str] | None = None,
) -> tuple[int, str, str | None] | None:
    """``match.longest_match`` with each key asked once: (end, key, demonym_cc) or None; a
    first word that starts nothing is added to ``dead`` (``dead_ends``)."""
    first = norms[i]
    article = first in ARTICLES
    if article and not article_can_start(text, toks, i):
        return None
    info = gaz.key_info
    best = None
    n = min(len(toks), i + gaz.max_tokens)
    if article:
        key = first  # asked only whether names go on from it; before a name, the name's key has none
    elif first.startswith(ARABIC_ARTICLE) and len(first) > 3:
        key = first[2:]
    else:
        key = first
    j = i + 1
    while True:
        named, continues, cc = info(key)
        lone_article = article and j == i + 1  # no name alone: "Al-Shabaab" holds no Ål
        if cc and not lone_article:
            best = (j, key, cc)  # "Iraqi" is a demonym before it is a village's other name
        elif named and not lone_article:
            best = (j, key, None)
        if (not continues and not lone_article) or j >= n:
            if j == i + 1 and dead is not None and not (named or continues or cc or article):
                if not "\u0400" <= first[0] <= "\u06ff":
                    dead.add(first)  # nothing below, nor in any other text
            break
        if not _joinable(text, toks[j - 1], toks[j]):
            break
        key = norms[j] if article and j == i + 1 else f"{key} {norms[j]}"
        j += 1
    if best is None and "\u0400" <= first[0] <= "\u06ff":  # inflected forms: Cyrillic and Arabic only
        best = _inflected_match(text, toks, norms, i, gaz, language)
    return best
