"""What a person reads: names instead of codes, and text made safe to show.

- ``safe``: article text as HTML, escaped, with bidirectional control characters removed
  (a right-to-left override in a title must not turn "gpj.exe" into "exe.jpg");
- ``plain``: the same characters removed, for widgets that escape by themselves;
- ``country_name`` / ``language_name`` (CLDR via babel), ``actor_label``, ``status_label``.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape

from babel import Locale

from geo.parse import actors
from geo.text.articles import neutralise_bidi

_EN = Locale("en")
STATUS_LABELS = {
    "captured": "captured",
    "held": "holds",
    "contested": "contested",
    "offensive": "attacks",
    "withdrawn": "left",
}


def plain(text: object) -> str:
    """``text`` as a string without bidirectional control characters."""
    return neutralise_bidi("" if text is None else str(text))


def safe(text: object, quote: bool = True) -> str:
    """``text`` as HTML: bidirectional controls removed, then escaped."""
    return escape(plain(text), quote=quote)


@lru_cache(maxsize=512)
def country_name(code: str) -> str:
    """English name of an ISO 3166 alpha-2 code ("IQ" -> "Iraq"); the code when unknown."""
    code = plain(code).upper()
    return _EN.territories.get(code, code) if code else "Unknown country"


@lru_cache(maxsize=512)
def language_name(code: str) -> str:
    """English name of a language code ("ar" -> "Arabic"); the code when unknown."""
    code = plain(code)
    if not code or code == "und":
        return "Unknown language"
    return _EN.languages.get(code) or _EN.languages.get(code.split("-")[0], code)


@lru_cache(maxsize=256)
def actor_label(actor: str) -> str:
    """Readable name of an actor id ("iraqi_forces" -> "Iraqi government forces")."""
    if actor == "contested":
        return "Contested"
    if not actor:
        return "Unknown"
    return plain(actors.actor_name(actor))


def status_label(status: str) -> str:
    """The verb of a status as a sentence reads it ("offensive" -> "attacks")."""
    return STATUS_LABELS.get(status, plain(status))
