"""How the gazetteer keys names at build time as at look-up time: generic words of division
names ("Province", "Governorate", "Zizhiqu") stripped the same way, and ``normalize_name`` of a
million names at once (``name_keys``)."""

from __future__ import annotations

import re
import unicodedata

from geo.text.names import ARABIC_ARTICLE, ARTICLES, normalize_name, normalize_token

_GENERIC = {
    "governorate",
    "province",
    "state",
    "region",
    "oblast",
    "muhafazat",
    "mayorality of",
    "district",
    "county",
    "prefecture",
    "department",
    "provincia",
    "estado",
    "wilayah",
    "provinsi",
    "sheng",
    "shi",
    "zhuangzu zizhiqu",
    "uygur zizhiqu",
    "huizu zizhiqu",
    "zizhiqu",
    "autonomous region",
    "area",
}

#: The generic words, normalised, longest first so that every build strips the same way.
_GENERIC_KEYS = tuple(normalize_name(w) for w in sorted(_GENERIC, key=lambda w: (-len(w), w)))


def strip_generic(name: str) -> str:
    """The name's key without its generic words ("Xinjiang Uygur Zizhiqu" -> "xinjiang")."""
    key = normalize_name(name)
    for w in _GENERIC_KEYS:
        if key.endswith(" " + w):
            key = key[: -len(w) - 1]
        if key.startswith(w + " "):
            key = key[len(w) + 1 :]
    return key


#: Characters that take part in ``tokenize``'s apostrophe rules (elisions, possessives,
#: "Qa'im"): a name holding one is keyed by ``normalize_name`` itself.
_APOSTROPHE_LIKE = frozenset("'’ʼʻ`´‘")
_WORD_CHAR = re.compile(r"[^\W_]")
#: Conjoining Hangul jamo compose with their neighbours under NFC, so are not keyed one by one.
_JAMO = re.compile("[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\ud7b0-\ud7ff\uffa0-\uffdc]")
_UNSAFE = "\x01"


def name_keys(names: set[str]) -> dict[str, str]:
    """``normalize_name`` of many names at once (``keys_of``), as a dict."""
    order = list(names)
    return dict(zip(order, keys_of(order)))


class _CharKeys(dict):
    """``_char_key`` of each character ``str.translate`` meets, worked out at its first meeting
    (no pass over the text to list its characters first)."""

    def __missing__(self, code: int) -> str:
        out = self[code] = _char_key(chr(code))
        return out


def keys_of(names: list[str]) -> list[str]:
    """``normalize_name`` of each of ``names`` (repeats allowed), in order: the same keys in a
    fraction of the time.

    ``normalize_name`` tokenises a name at its non-word characters and normalises each token
    (case-fold, NFKD, marks dropped, NFC, a few letters unified). Without apostrophes that is
    the same as normalising each character on its own, so all names are keyed by one
    ``str.translate`` (word characters to their normal form, the others to a space) and a few
    regular expressions over the joined text (``key_of``'s spaces and articles); a name with a
    character for which that does not hold is keyed by ``normalize_name`` itself."""
    if not names:
        return []
    for sep in map(chr, range(2, 32)):  # a separator no name holds
        text = sep.join(names)
        if text.count(sep) == len(names) - 1:
            break
    else:
        return [normalize_name(n) for n in names]
    keys = _join_tokens(text.translate(_CharKeys({ord(sep): sep})), sep).split(sep)
    for i in [i for i, key in enumerate(keys) if _UNSAFE in key]:
        keys[i] = normalize_name(names[i])
    return keys


def _join_tokens(text: str, sep: str) -> str:
    """``key_of`` of every ``sep``-separated run of space-separated tokens at once: one space
    between tokens, and a leading article dropped (a romanised one before another token, else
    the attached "ال" of a word of four letters or more)."""
    s = re.escape(sep)
    text = sep + re.sub("  +", " ", text).replace(f" {sep}", sep).replace(f"{sep} ", sep).strip(" ")
    articles = "|".join(sorted(map(re.escape, ARTICLES), key=lambda a: (-len(a), a)))
    article = f"{s}(?:(?:{articles}) (?=[^ {s}])|{ARABIC_ARTICLE}(?=[^ {s}]{{2}}))"
    return re.sub(article, sep, text)[1:]


def _char_key(ch: str) -> str:
    """What a character becomes in a key: its token's normal form, a space for a separator, or
    ``_UNSAFE`` where that depends on its neighbours."""
    if ch in _APOSTROPHE_LIKE:
        return _UNSAFE
    if not _WORD_CHAR.match(ch):
        return " "
    out = normalize_token(ch)
    if not out or any(c.isspace() for c in out) or unicodedata.category(out[0]) in ("Mc", "Mn"):
        return _UNSAFE
    return _UNSAFE if _JAMO.search(unicodedata.normalize("NFKD", ch)) else out
