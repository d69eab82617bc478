"""A small town read abroad in a report about another country, read at home where it can be.

"Clashes near Mansoura" in a report whose other places are Raqqa and Tabqa: the resolver may
pick Egypt's Al Mansurah (the bigger namesake), hundreds of km from everything else the report
names, in a country it does not name. Such a town (a town or a site under ``BIG_TOWN`` people,
farther than ``ANCHOR_KM`` from each of the report's other towns and provinces, in none of their
countries nor a country the report names) is read as its namesake in the report's countries
(one of the resolver's other readings; the report's countries: those of its other places that it
names or its actors fight in), else as a town there that its name spells otherwise
(``geo.gazetteer.spelling``), the one nearest the report's other places within ``ANCHOR_KM``.
With neither it stays as the resolver read it.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace

from geo.gazetteer.distance import km_between
from geo.gazetteer.spelling import towns_spelt
from geo.model import Place, ResolvedPlace
from geo.parse.actors import where_few_fight
from geo.parse.respelt import ANCHOR_KM, CONFIDENCE, NOT_ANCHORS

#: A town this big is meant where the resolver put it, whatever else the report names.
BIG_TOWN = 100_000
_TOWNS = ("city", "feature")


def read_at_home(
    places: list[ResolvedPlace], gazetteer, actors: Sequence = (), keep: Collection[str] = ()
) -> list[ResolvedPlace]:
    """``places`` with each small town abroad read at home (see the module), every mention of
    its name alike; ``actors``: the report's actor mentions; names in ``keep`` (those a person
    chose a place for) stay as they are."""
    exact = [p for p in places if p.precision == "exact"]
    named = {p.place.country_code for p in exact if p.demonym or p.place.kind == "country"}
    said = named | where_few_fight(actors)
    if not said:
        return places
    anchors = [p for p in exact if not p.demonym and p.place.kind not in NOT_ANCHORS]
    moved: dict[str, Place | None] = {}
    for p in anchors:
        if p.key not in moved and p.key not in keep:
            others = [q.place for q in anchors if q.key != p.key]
            moved[p.key] = _home(p, others, named, said, gazetteer)
    out = []
    for p in places:
        home = moved.get(p.key) if p.precision == "exact" else None
        if home is not None and p.place.geonameid != home.geonameid:
            rest = tuple(a for a in p.alternatives if a.geonameid != home.geonameid)
            p = replace(
                p, place=home, confidence=min(p.confidence, CONFIDENCE), alternatives=(p.place, *rest)
            )
        out.append(p)
    return out


def _home(p: ResolvedPlace, others: list[Place], named: set[str], said: set[str], gazetteer) -> Place | None:
    """The reading at home of a small town abroad, else None; home: the countries of the other
    places that the report names or its actors fight in (``said``)."""
    place = p.place
    home = {o.country_code for o in others} & said
    if (
        place.kind not in _TOWNS
        or place.population >= BIG_TOWN
        or not home
        or place.country_code in home | named
        or any(km_between(place, o) <= ANCHOR_KM for o in others)
    ):
        return None
    readings = [a for a in p.alternatives if a.country_code in home and a.kind in _TOWNS]
    readings = readings or towns_spelt(gazetteer, p.mention, home)
    near = [(min(km_between(r, o) for o in others), r) for r in readings]
    best = min((pair for pair in near if pair[0] <= ANCHOR_KM), key=lambda pair: pair[0], default=None)
    return best[1] if best else None
