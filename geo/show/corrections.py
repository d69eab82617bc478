"""Corrections of a parsed article's places before it is saved.

The resolver keeps, for each mention, the gazetteer key it looked the name up by and the
other readings it weighed (``ResolvedPlace.key`` / ``.alternatives``), so the choices offered
are the resolver's own: "U.S.", "Мосуле" and "والموصل" get their candidates, and "AS"
(Indonesian for the US) is not offered Aš and Ås. A correction is made per name, and applies
to every mention of that name in the article.
"""

from __future__ import annotations

from geo.model import ParseResult, Place, ResolvedPlace


def place_candidates(resolved: ResolvedPlace) -> list[Place]:
    """Places a resolved mention could mean: the chosen one first, then the resolver's other readings."""
    seen = {resolved.place.geonameid}
    out = [resolved.place]
    for place in resolved.alternatives:
        if place.geonameid not in seen:
            seen.add(place.geonameid)
            out.append(place)
    return out


def names_to_correct(result: ParseResult) -> dict[str, list[ResolvedPlace]]:
    """The article's mentions grouped by the name they were resolved as, in order of first mention."""
    groups: dict[str, list[ResolvedPlace]] = {}
    for rp in result.places:
        groups.setdefault(rp.key or rp.mention, []).append(rp)
    return groups


def corrections_for(result: ParseResult, choices: dict[str, int]) -> dict[tuple[int, int], int]:
    """Character span -> chosen geonameid for every mention whose name the user re-pointed.

    ``choices`` maps a name (a key of ``names_to_correct``) to the geonameid chosen for it;
    a choice equal to the resolver's pick for the name's first mention (what the editor is
    shown) is no correction, even where later mentions of the name resolved elsewhere.
    """
    out: dict[tuple[int, int], int] = {}
    for name, mentions in names_to_correct(result).items():
        chosen = choices.get(name)
        if chosen is None or chosen == mentions[0].place.geonameid:
            continue
        for rp in mentions:
            if rp.place.geonameid != chosen:
                out[(rp.start, rp.end)] = chosen
    return out
