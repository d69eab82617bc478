"""Romanisation of Cyrillic words, the way names are spelled in Latin lists ("Володимир" ->
"volodymyr" in Ukrainian, "Владимир" -> "vladimir" in Russian): one letter at a time, the
Ukrainian national system for Ukrainian, the common English spelling for Russian."""

from __future__ import annotations

from functools import lru_cache

_COMMON = {
    "а": "a", "б": "b", "в": "v", "д": "d", "е": "e", "ж": "zh", "з": "z", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ю": "yu", "я": "ya", "ь": "",
    "ъ": "", "'": "", "’": "", "ʼ": "",
}  # fmt: skip
_UKRAINIAN = {**_COMMON, "г": "h", "ґ": "g", "и": "y", "і": "i", "ї": "yi", "й": "y", "є": "ye"}
_RUSSIAN = {**_COMMON, "г": "g", "и": "i", "й": "y", "ы": "y", "э": "e", "ё": "e"}
_TABLES = {"uk": str.maketrans(_UKRAINIAN), "ru": str.maketrans(_RUSSIAN)}


def is_cyrillic(word: str) -> bool:
    """Whether ``word`` starts with a Cyrillic letter."""
    return bool(word) and "\u0400" <= word[0] <= "\u04ff"


@lru_cache(maxsize=100_000)
def romanise(word: str, language: str = "ru") -> str:
    """``word`` in Latin letters, lower case, by ``language``'s system (Ukrainian for "uk",
    Russian otherwise); letters outside the alphabet stay as they are."""
    return word.lower().translate(_TABLES["uk" if language == "uk" else "ru"])
