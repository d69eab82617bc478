"""Given names written in Cyrillic, in any case form: "Володимира", "Виктором", "Ларисою" are
looked up in gender-guesser's list of given names (``filters.is_first_name``) by their
romanisation, as written and with a case ending taken off ("Володимира" -> "volodymyr")."""

from __future__ import annotations

from functools import lru_cache

from geo.parse.toponyms.filters import is_first_name
from geo.text.translit import is_cyrillic, romanise

#: Case endings of given names (Ukrainian and Russian), longest first.
_ENDINGS = ("ові", "еві", "ою", "ею", "ом", "ем", "ой", "ей", "у", "ю", "а", "я", "і", "е", "и", "ы")
#: What a stem may take back in the nominative ("Василя" -> "Василь", "Валерия" -> "Валерий").
_NOMINATIVE = ("", "а", "я", "ь", "й")
#: A stem is at least this many letters.
MIN_STEM = 3


@lru_cache(maxsize=100_000)
def cyrillic_given_name(word: str, language: str) -> bool:
    """Whether the Cyrillic ``word`` is a given name in some case form (False for other scripts)."""
    if not is_cyrillic(word):
        return False
    low = word.lower()
    forms = [low] + [
        low[: -len(end)] + tail
        for end in _ENDINGS
        if low.endswith(end) and len(low) - len(end) >= MIN_STEM
        for tail in _NOMINATIVE
    ]
    return any(is_first_name(romanise(form, language)) for form in forms)
