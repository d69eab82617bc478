"""A name that a province and its seat share, read as the town where the report does not say
province.

"A protest march in Tataouine", "drones struck Vinnytsia", "clashes in Odessa": the gazetteer
has a governorate or an oblast of that name and the town that is its seat, the resolver may pick
the province (both are one answer to "where", ``geo.gazetteer.is_seat_of``), and the province's
point is its middle, tens of km from the town the report is about. Such a name is read as the
seat town unless the text calls it a division ("Tataouine governorate", "the province of
Odessa": the lexicon's ``divisions``) or it qualifies the name before it ("Pisky, Donetsk"), each
mention as its words say ("struck Vinnytsia, Vinnytsia": the town, then its province).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace
from functools import lru_cache

from geo.gazetteer import is_seat_of
from geo.model import Place, ResolvedPlace
from geo.parse.lexicon import lexicon

_DIVISIONS = ("admin1", "admin2")
#: Right after the name before it: a qualifier ("Pisky, Donetsk", "Mzuzu (Mzimba").
_QUALIFYING = re.compile(r"[,(]\s*$")


@lru_cache(maxsize=16)
def _called_division(language: str) -> tuple[re.Pattern, re.Pattern] | None:
    words = lexicon(language).get("divisions", [])
    if not words:
        return None
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    after = re.compile(rf"[\s\-]+(?i:{alt})s?(?!\w)")
    before = re.compile(rf"(?<!\w)(?i:{alt})\s+of\s+(?:the\s+)?$")
    return after, before


def towns_for_seats(
    text: str, places: list[ResolvedPlace], language: str = "en", keep: Collection[str] = ()
) -> list[ResolvedPlace]:
    """``places`` with each province whose seat shares its name read as that town (see the module);
    the province becomes the town's first alternative. Names in ``keep`` (those a person chose a
    place for) stay as they are."""
    words = _called_division((language or "en")[:2])
    if words is None:
        return places
    after, before = words
    out = []
    for p in places:
        divided = p.place.kind in _DIVISIONS and p.key not in keep
        seat = _seat(p) if divided and not _called(text, p, after, before) else None
        if seat is not None:
            rest = tuple(a for a in p.alternatives if a is not seat)
            p = replace(p, place=seat, alternatives=(p.place, *rest))
        out.append(p)
    return out


def _called(text: str, p: ResolvedPlace, after: re.Pattern, before: re.Pattern) -> bool:
    """Whether the text calls ``p`` a division or uses it to qualify the name before it."""
    head = text[max(0, p.start - 40) : p.start]
    return bool(after.match(text, p.end) or before.search(head) or _QUALIFYING.search(head))


def _seat(p: ResolvedPlace) -> Place | None:
    """The town among ``p``'s readings that is the seat of the province chosen, in it."""
    if p.demonym or p.precision != "exact":
        return None
    division = p.place
    return next(
        (
            a
            for a in p.alternatives
            if is_seat_of(a, division)
            and a.admin1 == division.admin1
            and a.country_code == division.country_code
        ),
        None,
    )
