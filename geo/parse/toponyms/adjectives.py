"""Relational adjectives of place names in Ukrainian and Russian ("Черкаське територіальне
відділення", of Cherkasy; "Печерський райсуд"; "Подольский районный суд"): written as one word
before the noun they qualify, they name a body or a thing of the place, not the place, though the
matcher reads them as a town's other name or case form."""

from __future__ import annotations

import re

from geo.parse.toponyms.match import has_case

#: The languages read.
LANGUAGES = frozenset({"uk", "ru", "be"})
#: An adjective's ending on "-ськ-", "-цьк-", "-зьк-" (Ukrainian) or "-ск-", "-цк-" (Russian): not
#: "-а", "-у", which are also cases of towns in "-ськ" ("Донецька", "Донецьку").
_ADJECTIVE = re.compile(r"(?:с|ц|з)ь?к(?:ий|ій|е|ого|ої|им|ому|ая|ое|ой|ую|ие)$")


def qualifies_a_noun(word: str, next_word: str | None, language: str) -> bool:
    """Whether ``word`` is a relational adjective of a place right before the word it qualifies,
    written in lower case or as an acronym ("Черкаське ОТВ АМКУ")."""
    if language not in LANGUAGES or next_word is None or not has_case(next_word[0]):
        return False
    if not (next_word[0].islower() or (next_word.isupper() and len(next_word) > 1)):
        return False
    return bool(_ADJECTIVE.search(word.lower()))
