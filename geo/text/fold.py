"""Folding for cue matching: lower case without accents, one character for one.

Unlike ``geo.text.names.normalize_name`` (gazetteer keys, which may drop articles and
punctuation), ``fold`` keeps the text's length, so offsets in the folded text are those of
the original.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    low = ch.lower()
    base = unicodedata.normalize("NFD", low)[0] if low else ch
    return base if len(low) == 1 else low[0]


def fold(text: str) -> str:
    """Lower case without accents, Arabic and Persian digits as ASCII; same length as ``text``."""
    return "".join(_fold_char(ch) for ch in text.translate(_DIGITS))
