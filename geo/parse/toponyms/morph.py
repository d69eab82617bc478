"""Ukrainian and Russian morphology for the recogniser, where pymorphy3 and its dictionaries are
installed (optional: ``pip install pymorphy3 pymorphy3-dicts-uk``; the Russian dictionary comes
with pymorphy3).

Two questions are asked of a Cyrillic word as written: the nominative forms of its noun
readings ("Трускавці" -> "трускавець", "Старокостянтинова" -> "старокостянтинів", where the
recogniser's own case endings do not reach), and whether it is a given name or a surname
("Володимира", "Василя", "Макаров": OpenCorpora's and VESUM's Name, Surn and Patr tags).
Without pymorphy3 both answers are empty and recognition is as before.
"""

from __future__ import annotations

from functools import lru_cache

#: The languages whose dictionaries are read.
LANGUAGES = frozenset({"uk", "ru"})
_NAME_TAGS = frozenset({"Name"})
_SURNAME_TAGS = frozenset({"Surn", "Patr"})


@lru_cache(maxsize=4)
def _analyser(language: str):
    """pymorphy3's analyser for ``language``, or None where it or its dictionary is missing."""
    if language not in LANGUAGES:
        return None
    try:
        import pymorphy3

        return pymorphy3.MorphAnalyzer(lang=language)
    except (ImportError, ValueError, OSError, KeyError):
        return None


def available(language: str) -> bool:
    """Whether the morphology of ``language`` is installed."""
    return _analyser(language) is not None


@lru_cache(maxsize=100_000)
def _parses(word: str, language: str) -> tuple:
    analyser = _analyser(language)
    return tuple(analyser.parse(word)) if analyser is not None else ()


@lru_cache(maxsize=100_000)
def noun_lemmas(word: str, language: str) -> tuple[str, ...]:
    """The nominative singular of each noun reading of ``word`` (most likely first)."""
    return tuple(dict.fromkeys(p.normal_form for p in _parses(word, language) if p.tag.POS == "NOUN"))


def person_part(word: str, language: str) -> str | None:
    """ "given" when a reading of ``word`` is a given name ("Володимира"), "surname" when one is
    a surname or patronymic and none a given name ("Макаров", "Петрівна"); else None."""
    if language not in LANGUAGES:
        return None  # no dictionary, no readings
    grammemes: set[str] = set()
    for p in _parses(word, language):
        if p.is_known:  # a guessed reading ("Івано" as a name) says nothing
            grammemes |= p.tag.grammemes
    if grammemes & _NAME_TAGS:
        return "given"
    return "surname" if grammemes & _SURNAME_TAGS else None


def no_noun(word: str, language: str) -> bool:
    """Whether every reading of ``word`` is in the dictionary and none is a noun: a pronoun,
    adverb, verb or adjective ("Вони", they; "Нині", now; "Черкаське", of Cherkasy)."""
    if language not in LANGUAGES:
        return False
    parses = _parses(word, language)
    return bool(parses) and all(p.is_known and p.tag.POS != "NOUN" for p in parses)


def may_be_a_person(word: str, language: str) -> bool:
    """Whether ``word`` may name a person: a reading of it is animate, or the dictionary does not
    know it ("Кіровограда" is only a town's case; "Володимир" a town and a man)."""
    if language not in LANGUAGES:
        return True
    known = [p for p in _parses(word, language) if p.is_known]
    return not known or any("anim" in p.tag.grammemes for p in known)
