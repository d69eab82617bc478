"""How place names are compared: one normal form for "Al Qā’im", "al-Qaim", "AL QAIM" and "Qaim".

The recogniser tokenizes an article once and builds keys from runs of tokens with
``key_of``; the gazetteer indexes every name with ``normalize_name``. Both go through the
same two steps, so a name and its mention always meet:

1. ``tokenize``: words of letters and digits (any script); an elided article is cut off
   ("l'EI" -> "EI", "d'Alep" -> "Alep"), other apostrophes inside a word are dropped
   ("Qa'im" -> "qaim"), an English possessive is cut ("Mosul's" -> "mosul"); hyphens,
   spaces and punctuation separate tokens. Each token is case-folded and stripped of
   diacritics (Latin, Greek, Cyrillic and Arabic marks), keeping its script; Persian and
   Arabic spellings of one letter become one (ی ي, ک ك).
2. ``key_of``: tokens joined by one space, with a leading Arabic article dropped
   ("al", "el", "ar", "as", "ad", ... or the attached "ال"), so "Ar Raqqah" == "Raqqah".
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate, compress, repeat
from operator import itemgetter, not_
from typing import NamedTuple

#: Arabic article as romanised (sun letters assimilated: ar-, as-, ad-, ...).
ARTICLES = frozenset(
    {
        "al",
        "el",
        "ar",
        "as",
        "ad",
        "an",
        "at",
        "az",
        "ash",
        "adh",
        "ath",
        "ul",
        "ud",
        "ur",
        "аль",
        "эль",
        "эр",
        "ар",
        "ас",
        "ад",
        "ат",
        "аш",
        "ал",
        "ель",
        "ер",  # Russian / Ukrainian spellings
    }
)
#: The Arabic article as written onto its word ("الرقة").
ARABIC_ARTICLE = "ال"

_WORD = re.compile(r"[^\W_]+(?:['’ʼʻ`´‘][^\W_]+)*")
#: The same words, split around (possessive quantifiers: a word's letters never give one back,
#: which spares the engine the backtracking it would try at every word's end).
_WORD_SPLIT = re.compile(r"([^\W_]++(?:['’ʼʻ`´‘][^\W_]++)*+)")
#: ``_WORD_SPLIT`` for lower-case ASCII text without "`" (its letters and digits, its one
#: apostrophe), which the engine matches a third faster than the classes of every script.
_ASCII_WORD_SPLIT = re.compile(r"([a-z0-9]++(?:'[a-z0-9]++)*+)")
#: Tokens are made in C, a hundred thousand an article: ``tuple.__new__(Token, (start, end, norm))``.
_new_tuple = tuple.__new__
#: An apostrophe or a right quote between two letters: inside a word (the words that need
#: ``_apostrophe_token``), found without looking at every word.
_INNER_APOSTROPHE = re.compile(r"['’](?<=[^\W_].)(?=[^\W_])")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_APOSTROPHES = re.compile(r"['’ʼʻ`´‘]")
_SPECIAL = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "æ": "ae",
        "œ": "oe",
        "ß": "ss",
        "ё": "е",
        "ї": "і",
        "ة": "ه",
        "ى": "ي",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ی": "ي",  # Persian yeh and kaf are the Arabic letters in another shape: ایران = إيران
        "ک": "ك",
        "ـ": None,  # tatweel, a stretch of the line
    }
)


class Token(NamedTuple):
    """A word of the text: its character span and its normal form (a tuple: made by the
    hundred thousand, it costs half a frozen dataclass)."""

    start: int
    end: int
    norm: str


@lru_cache(maxsize=500_000)
def normalize_token(word: str) -> str:
    """Case-fold, drop diacritics and inner apostrophes, unify a few letters across spellings."""
    word = _POSSESSIVE.sub("", word) if len(word) > 3 else word
    word = _APOSTROPHES.sub("", word.casefold())
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    stripped = "".join(
        ch for ch in decomposed if not unicodedata.combining(ch) and unicodedata.category(ch) != "Mn"
    )
    return unicodedata.normalize("NFC", stripped).translate(_SPECIAL)


#: ``normalize_token`` of the words met so far, as a plain dict (``_norms`` reads it in C).
_NORMS: dict[str, str] = {}
#: ... emptied when it holds this many words.
NORMS_CACHE_SIZE = 500_000


def _norms(words: list[str]) -> list[str]:
    """``normalize_token`` of each of ``words``: the words not met before are normalised once,
    then all are read from ``_NORMS`` in one ``map``."""
    try:
        return list(map(_NORMS.__getitem__, words))
    except KeyError:
        new = set(words).difference(_NORMS)
        if len(_NORMS) + len(new) > NORMS_CACHE_SIZE:
            _NORMS.clear()
            new = set(words)
        for word in new:
            _NORMS[word] = normalize_token(word)
        return list(map(_NORMS.__getitem__, words))


#: Elided French and Italian words before an apostrophe: "l'EI", "d'Alep" are "EI", "Alep".
_ELISIONS = re.compile(r"^(?:l|d|j|m|n|s|t|c|qu|lorsqu|puisqu|jusqu|dell|all|sull|nell)['’]", re.IGNORECASE)


def tokenize(text: str) -> list[Token]:
    """The words of ``text`` with their offsets and normal forms (an elided article cut off).

    The words are split from the lower-cased text, which keeps every character's place and
    class (checked: its length is the text's, and no character turns a letter or an apostrophe
    by lower-casing): a word in ASCII there is its own normal form, the others are normalised
    from the text's own characters."""
    low = text.lower()
    if len(low) != len(text) or "`" in text:  # "İ" lower-cases to two characters; "`" is dropped
        return _tokens(text, _WORD_SPLIT.split(text), None)
    return _tokens(text, (_ASCII_WORD_SPLIT if low.isascii() else _WORD_SPLIT).split(low), low)


def _tokens(text: str, parts: list[str], low: str | None) -> list[Token]:
    """``tokenize``'s tokens from the split ``parts`` (gap, word, gap, ..., gap: offsets by
    summing lengths) of ``text``, or of ``low``, its lower-cased form."""
    ends = list(accumulate(map(len, parts)))
    starts, stops = ends[0:-1:2], ends[1::2]
    if low is None:
        norms = _norms(parts[1::2])
    else:
        norms = parts[1::2]
        if not low.isascii():
            odd = list(compress(range(len(norms)), map(not_, map(str.isascii, norms))))
            for k, norm in zip(odd, _norms([text[starts[k] : stops[k]] for k in odd])):
                norms[k] = norm
    out = list(map(_new_tuple, repeat(Token), zip(starts, stops, norms)))
    if "'" in text or "’" in text:  # only these elide ("l'EI") or make a possessive ("Mosul's")
        inner = {bisect_right(starts, m.start()) - 1 for m in _INNER_APOSTROPHE.finditer(text)}
        for k in sorted(inner):
            out[k] = _apostrophe_token(starts[k], stops[k], text[starts[k] : stops[k]])
    return out


def _apostrophe_token(start: int, end: int, word: str) -> Token:
    """A word with an apostrophe: an elided article cut off, a possessive ("Mosul's") too."""
    cut = _APOSTROPHE_CUTS.get(word)
    if cut is None:
        if len(_APOSTROPHE_CUTS) >= NORMS_CACHE_SIZE:
            _APOSTROPHE_CUTS.clear()
        cut = _APOSTROPHE_CUTS[word] = _apostrophe_cut(word)
    return _new_tuple(Token, (start + cut[0], end - cut[1], cut[2]))


#: ``_apostrophe_cut`` by word (the same words come back in every text).
_APOSTROPHE_CUTS: dict[str, tuple[int, int, str]] = {}


def _apostrophe_cut(word: str) -> tuple[int, int, str]:
    """What ``_apostrophe_token`` cuts from ``word``: (characters at the start, at the end, the
    normal form of what stays)."""
    head = tail = 0
    elided = _ELISIONS.match(word)
    if elided and len(word) > elided.end():
        head, word = elided.end(), word[elided.end() :]
    if len(word) > 3 and _POSSESSIVE.search(word):  # "Mosul's": the name ends before the 's
        tail, word = 2, word[:-2]
    return head, tail, normalize_token(word)


def key_of(norms: list[str] | tuple[str, ...]) -> str:
    """The lookup key of a run of normalised tokens (a leading article dropped)."""
    if not norms:
        return ""
    first = norms[0]
    if len(norms) > 1 and first in ARTICLES:
        norms = norms[1:]
    elif first.startswith(ARABIC_ARTICLE) and len(first) > 3:
        norms = (first[2:], *norms[1:])
    return " ".join(norms)


@lru_cache(maxsize=300_000)
def normalize_name(name: str) -> str:
    """The key a whole name is indexed under: ``key_of`` its tokens (cached: the same candidate
    names come back in every article)."""
    return key_of([t.norm for t in tokenize(name)])


def indexable(key: str) -> bool:
    """Whether a name's key can name a place in running text: not one character nor a number, as
    a name may be once its article goes ("An-i" is "i", "El 15" is "15") or as GeoNames gives it
    ("Å"): every "I" and "A" would be looked up as a town."""
    return len(key) > 1 and not key.isdigit()


@lru_cache(maxsize=300_000)
def name_variants(name: str) -> frozenset[str]:
    """Keys a name is indexed under: its key, plus the common transliteration variants the
    press uses for Arabic names (Raqqah/Raqqa, Rawah/Rawa, Qa'im/Qaim)."""
    key = normalize_name(name)
    if not indexable(key):
        return frozenset()
    out = {key}
    last = key.rsplit(" ", 1)[-1]
    if last.isascii() and len(last) > 4 and last.endswith("ah"):
        out.add(key[:-1])  # Raqqah -> Raqqa, Rawah -> Rawa
    if key.startswith("abu "):
        out.add("abou " + key[4:])  # French spelling: Abou Kamal
    return frozenset(out)


_CLITIC_APOSTROPHE = re.compile(r"['’ʼ]")


def split_clitics(text: str, toks: list[Token], known) -> list[Token]:
    """Cut elisions and suffixes joined by an apostrophe when the whole word is not ``known``
    (anything with ``in``: the gazetteer, an alias index): French "d'Alep" -> "Alep", Turkish
    "Musul'u" -> "Musul", "IŞİD'in" -> "IŞİD" (but "Qa'im" stays whole)."""
    out = list(toks)
    marks = [m.start() for m in _CLITIC_APOSTROPHE.finditer(text)]
    if not marks:
        return out
    start = itemgetter(0)  # the tokens, bisected by their starts (no list of them made)
    for k in sorted({k for k in (bisect_right(toks, p, key=start) - 1 for p in marks) if k >= 0}):
        t = toks[k]
        q = bisect_left(marks, t.start)  # the first apostrophe from the token's start: inside it?
        if q < len(marks) and marks[q] < t.end:
            out[k] = _split_clitic_cached(text, t, known)
    return out


#: ``_split_clitic``'s cuts by word and normal form, per ``known`` (a gazetteer: the same words
#: come back in every text): (the start's shift, the end's shift, the normal form), or None.
_CLITIC_CUTS: dict[int, tuple[object, dict[tuple[str, str], tuple[int, int, str] | None]]] = {}


def _split_clitic_cached(text: str, t: Token, known) -> Token:
    """``_split_clitic``, its cut remembered per word."""
    entry = _CLITIC_CUTS.get(id(known))
    if entry is None or entry[0] is not known:
        if len(_CLITIC_CUTS) >= 8:
            _CLITIC_CUTS.clear()
        entry = _CLITIC_CUTS[id(known)] = (known, {})
    cuts = entry[1]
    word = text[t.start : t.end]
    cut = cuts.get((word, t.norm), False)
    if cut is False:
        new = _split_clitic(text, t, known)
        cut = None if new is t else (new.start - t.start, new.end - t.end, new.norm)
        if len(cuts) >= NORMS_CACHE_SIZE:
            cuts.clear()
        cuts[(word, t.norm)] = cut
    return t if cut is None else Token(t.start + cut[0], t.end + cut[1], cut[2])


def _split_clitic(text: str, t: Token, known) -> Token:
    word = text[t.start : t.end]
    m = _CLITIC_APOSTROPHE.search(word)
    if m is None:
        return t
    head, tail = word[: m.start()], word[m.end() :]
    head_norm, tail_norm = normalize_token(head), normalize_token(tail)
    if len(head) <= 2 and len(tail) > 2 and (tail_norm in known or t.norm not in known):  # d'Alep, l'Irak
        return Token(t.start + m.end(), t.end, tail_norm)
    if len(tail) <= 4 and len(head) > 2 and (head_norm in known or t.norm not in known):  # Musul'u, Bağdat'ta
        return Token(t.start, t.start + m.start(), head_norm)
    return t
