"""Places the gazetteer spells otherwise, read where the report says a place is named.

"Regime forces shelled Saraqab", "clashes in Buur Xakaba", "near Ozarianivka, Donetsk": the
gazetteer knows Saraqib, Buurhakaba and Ozeryanivka, but not these spellings, so the recogniser
finds nothing there. A capitalised name after a word that introduces a place (``data/claims/
<language>.json``: ``villages.spelt_after``: "in", "near", "shelled", "the village of" ...), or
in a bracket after a place ("Hawo-Cabdi village (Afgooye, Lower Shabelle)"), that
no place or actor covers is looked up by its transliteration-blind key
(``geo.gazetteer.spelling``) among the towns of the countries the report is about: the countries
of its towns and provinces that it names or its actors fight in (those of its actors that fight
in three countries or fewer), else all of these. A name that a town there matches is placed at
it: the one nearest the report's other places there, within ``ANCHOR_KM`` of one of them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Sequence
from functools import lru_cache

from geo.gazetteer.distance import km_between
from geo.gazetteer.spelling import towns_spelt
from geo.model import Place, ResolvedPlace
from geo.parse.actors import where_few_fight
from geo.parse.lexicon import lexicon
from geo.parse.resolve import WINDOW_CHARS
from geo.text.names import normalize_name

#: A place's name: up to three capitalised words, hyphenated or joined by an article ("Tal al-Hawa").
NAME = r"[A-Z][\w'’\-]*(?:\s+(?:(?:al|el|ad|as|ash|at|ar|an|de|du)[\s\-])?[A-Z][\w'’\-]*){0,2}"
#: How sure a place found by its spelling is.
CONFIDENCE = 0.6
#: Kinds of place that say which country, not where in it: no anchor for a town near them.
NOT_ANCHORS = ("country", "region")
#: A town found by its spelling lies this close to one of the report's other places, if it has any.
ANCHOR_KM = 200.0


@lru_cache(maxsize=16)
def _pattern(language: str) -> re.Pattern | None:
    words = lexicon(language).get("villages", {}).get("spelt_after", [])
    if not words:
        return None
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    listed = rf"{NAME}(?:\s*(?:,|\band\b|&)\s*{NAME})*"
    return re.compile(rf"(?:(?<![\w\-])(?i:{alt})\s+(?:the\s+)?|\(\s*)({listed})")


def report_countries(places: Sequence[ResolvedPlace], actors: Sequence = ()) -> set[str]:
    """The countries a report is about: those of its towns and provinces (not those only near a
    named parent) that it names or its actors fight in (``actors.where_few_fight``); where none is
    both, all of them ("Turkish forces shelled Tawila in Tal Tamer countryside", Tawila read in
    Yemen: Yemen, Turkey and Syria); where there are none, its demonyms' ("Kenyan troops": Kenya). A demonym
    says whose forces, not where: "Russian forces shelled near X, Donetsk" is in Ukraine."""
    return _about(*_sides(places, actors))


def _about(towns: set[str], said: set[str], demonyms: set[str]) -> set[str]:
    """``report_countries`` from a report's ``_sides``."""
    return (towns & said) or (towns | said) or demonyms


def _sides(places: Sequence[ResolvedPlace], actors: Sequence) -> tuple[set[str], set[str], set[str]]:
    """The countries of a report's towns and provinces, those it names or its actors fight in,
    and those of its demonyms."""
    exact = [p for p in places if p.precision == "exact" and p.place.country_code]
    towns = {p.place.country_code for p in exact if not p.demonym and p.place.kind not in NOT_ANCHORS}
    named = {p.place.country_code for p in exact if not p.demonym and p.place.kind == "country"}
    demonyms = {p.place.country_code for p in exact if p.demonym}
    return towns, named | where_few_fight(actors), demonyms


def respelt(
    text: str,
    places: list[ResolvedPlace],
    gazetteer,
    language: str = "en",
    actors: Sequence = (),
    keep: Collection[str] = (),
) -> list[ResolvedPlace]:
    """``places`` with the names the gazetteer spells otherwise placed (see the module), in
    text order; a name in ``keep`` (one a person chose a place for) is never replaced. A name is
    read with the places and actors within ``REACH`` characters of it (the whole of a report;
    in a long text its part around the name, so the work grows with the text, not its square)."""
    language = (language or "en")[:2]
    pattern = _pattern(language)
    if pattern is None or not report_countries(places, actors):
        return places
    base = sorted(places, key=lambda p: p.start)  # what a name is read with
    starts = [p.start for p in base]
    actors = sorted(actors, key=lambda a: a.start)
    actor_starts = [a.start for a in actors]
    out = list(base)
    taken: list[tuple[int, int]] = []  # the names placed here
    for start, end, name in _named(text, pattern, language):
        lo, hi = start - REACH, end + REACH
        near = base[bisect_left(starts, lo) : bisect_right(starts, hi)]
        near_actors = actors[bisect_left(actor_starts, lo) : bisect_right(actor_starts, hi)]
        if any(a.start < end and start < a.end for a in near_actors) or any(
            s < end and start < e for s, e in taken
        ):
            continue
        inside = [p for p in near if p.start < end and start < p.end]
        if not all(_within(p, start, end, keep) for p in inside):
            continue
        # the fragments a name holds say nothing of where it is ("Ras" of "Ras al-Ain": Rasht, Iran)
        others = [p for p in near if all(p is not q for q in inside)] if inside else near
        sides = _sides(others, near_actors)
        place = _spelt(gazetteer, name, _about(*sides), _anchors(others, *sides[:2]))
        if place is not None:
            out = [p for p in out if all(p is not q for q in inside)]  # "Jebel" of "Jebel Zawiya" is no place
            key = normalize_name(name)
            out.append(ResolvedPlace(start, end, name, place[0], CONFIDENCE, key=key, alternatives=place[1]))
            taken.append((start, end))
    return sorted(out, key=lambda p: p.start) if taken else places


#: How far (in characters) either side of a name its report reaches: as far as the resolver's
#: context (longer than any news report).
REACH = WINDOW_CHARS


def _anchors(places: Sequence[ResolvedPlace], towns: set[str], said: set[str]) -> list[Place]:
    """The places a name spelt otherwise is placed near: the towns and provinces, exactly
    placed, of the countries where the others lie (those both named and of its towns, else
    those named, else those of its towns; ``_sides``)."""
    home = (towns & said) or said or towns
    return [
        p.place
        for p in places
        if p.precision == "exact" and p.place.kind not in NOT_ANCHORS and p.place.country_code in home
    ]


def _within(p: ResolvedPlace, start: int, end: int, keep: Collection[str]) -> bool:
    """Whether ``p`` is a shorter part of the name at ``start``-``end`` that no person chose."""
    return start <= p.start and p.end <= end and p.end - p.start < end - start and p.key not in keep


def _named(text: str, pattern: re.Pattern, language: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of each name after a word that introduces a place (lists included),
    but for the words that open no name ("Monday", "Government")."""
    not_names = {w.lower() for w in lexicon(language).get("not_names", [])}
    out = []
    for m in pattern.finditer(text):
        for n in re.finditer(NAME, m[1]):
            if n[0].split()[0].lower() not in not_names:
                out.append((m.start(1) + n.start(), m.start(1) + n.end(), n[0]))
    return out


def _spelt(
    gazetteer, name: str, countries: set[str], anchors: list[Place]
) -> tuple[Place, tuple[Place, ...]] | None:
    """The town of ``countries`` that ``name`` spells otherwise, nearest the ``anchors`` (else
    the most populous), and the others; None when the gazetteer knows the name as spelt (the
    recogniser has weighed it) or no town matches."""
    key = normalize_name(name)
    if not key or key in gazetteer:
        return None
    towns = towns_spelt(gazetteer, name, countries)
    if not towns:
        return None
    if anchors:
        far = {t.geonameid: min(km_between(t, a) for a in anchors) for t in towns}
        towns = sorted((t for t in towns if far[t.geonameid] <= ANCHOR_KM), key=lambda t: far[t.geonameid])
    return (towns[0], tuple(towns[1:])) if towns else None
