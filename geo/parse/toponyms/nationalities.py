"""Nationality codes in results lists: "Marrero (Spa) - Van Roost", "Sidot (Fra)", "Hewitt (AUS)".

Sports and election pages write a competitor's country as three letters in brackets after the
name: an ISO 3166 alpha-3 code ("(ARG)", "(Aus)"), or the first three letters of the country's
name in the paper's language (Dutch "(Spa)" for Spanje, "(Kro)" for Kroatië). Such a form names
the country; one that begins several countries' names ("(Chi)": Chili, China) is left alone.
The words inside the brackets are looked up as written: a town found there by its name
("Spa", Belgium) gives way to the country (``find_mentions`` merges these first), and the name
before the code is a competitor, a person or a team ("Marrero", "Kremer"), not a town.
"""

from __future__ import annotations

import re
from functools import lru_cache

from geo.model import Mention
from geo.text import names

#: Three letters in brackets after a capitalised word: "Marrero (Spa)", "Hewitt (AUS)".
_BRACKETED = re.compile(r"(?<=[^\W\d_]) \(([^\W\d_]{3})\)")


def nationality_mentions(text: str, gaz, language: str) -> list[Mention]:
    """The countries named by bracketed three-letter codes in ``text`` (see the module's docstring)."""
    if "(" not in text:
        return []
    codes = _codes(language)
    out = []
    for m in _BRACKETED.finditer(text):
        word = m.group(1)
        if not (word[0].isupper() and (word[1:].islower() or word.isupper())):
            continue  # "(Spa)", "(SPA)"; not "(spa)" nor "(sPa)"
        cc = codes.get(word.lower())
        place = gaz.country(cc) if cc else None
        if place is not None:
            out.append(Mention(m.start(1), m.end(1), word, names.normalize_name(place.name), False, (place,)))
    return out


def without_competitors(mentions: list[Mention], nationals: list[Mention]) -> list[Mention]:
    """``mentions`` but those right before a nationality code ("Marrero (Spa)": the competitor)."""
    if not nationals:
        return mentions
    before = {m.start - 2 for m in nationals}  # where " (" starts
    return [m for m in mentions if m.end not in before]


@lru_cache(maxsize=64)
def _codes(language: str) -> dict[str, str]:
    """Three letters -> country code: ISO 3166 alpha-3 codes, and the first three letters of the
    country names of ``language`` (CLDR, through babel) that begin one country's name only."""
    import pycountry
    from babel import Locale, UnknownLocaleError

    by_prefix: dict[str, set[str]] = {}
    try:
        territories = Locale.parse(language if language != "und" else "en").territories
    except (UnknownLocaleError, ValueError, TypeError):
        territories = {}
    for cc, name in territories.items():
        key = names.normalize_name(name)
        if len(cc) == 2 and cc.isalpha() and len(key) >= 3 and key[:3].isalpha():
            by_prefix.setdefault(key[:3], set()).add(cc)
    out = {prefix: next(iter(ccs)) for prefix, ccs in by_prefix.items() if len(ccs) == 1}
    out.update({c.alpha_3.lower(): c.alpha_2 for c in pycountry.countries})
    return out
