"""Pick the place each mention means, using the whole article as context.

A careful reader of "al-Qaim and Rawa, on the border with Syria ... Iraqi forces" does not
look for Rawa in Poland. The ranker scores every candidate of a mention by:

- prior: what kind of place it is and how many people live there;
- countries the article names (country names, demonyms, unambiguous places);
- countries its actors fight in ("Iraqi forces", "ISIS": Iraq and Syria; data/actors);
- first-level divisions the article names ("Anbar" favours towns in Anbar);
- distance to the other places the article names (places in one story cluster);
- spelling: the mention is the place's main name rather than one of its variants.

Resolution runs twice: a first pass on priors and named countries, a second with the
first pass's choices as context. One name means one place within an article. The scores are
worked out in arrays, all of a window's candidates at once (``geo.parse.ranking``).

Context is local: a name is read with the mentions and actors within ``WINDOW_CHARS`` of its
own mentions. A news report is shorter than that, so all of it is one context, computed once
per pass; in a long text (a digest, a transcript) a place 900 kB away does not vote, as it would
not in a separate article, and resolving costs time in proportion to the text's length.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import islice
from operator import itemgetter

import numpy as np

from geo.gazetteer import is_seat_of
from geo.gazetteer.distance import haversine_km_matrix, km_between
from geo.model import Mention, Place, ResolvedPlace
from geo.parse.actors import ActorMention, find_actors, theatre_countries, where_few_fight
from geo.parse.ranking import KEY_CACHE_SIZE, WEIGHTS, Table, Weights

__all__ = ["WEIGHTS", "Weights", "rank_candidates", "resolve_mentions"]

MAX_CANDIDATES = 60
#: Readings kept beside the chosen one, for a person correcting it.
MAX_ALTERNATIVES = 12
#: A town this far from every other place a report names, in a country it does not name, is a
#: namesake abroad ("Ein" -> Eindhoven in a report on Raqqa): the name is left unresolved.
FAR_KM = 1500.0
#: Neighbours within ``FAR_KM`` that make a town of a country the report does not name one of its
#: anchors beside the towns of the countries it names (``_story``).
CLUSTER_NEIGHBOURS = 2
#: Confidence of a place a person chose for a name (``resolve_mentions(preferred=...)``).
PREFERRED_CONFIDENCE = 0.95
#: How far (in characters) a name's context reaches either side of its mentions, at least (up to
#: a ``BLOCK_CHARS`` more: names in one block share one window). Longer than any report in the
#: evaluation corpora (8.4k characters): a news report is read as a whole.
WINDOW_CHARS, BLOCK_CHARS = 20_000, 5_000


#: The row of a ranked (score, row) pair.
_ROW = itemgetter(1)


@dataclass
class _Context:
    countries: Counter
    admin1s: Counter
    anchors: dict[int, float]  # the places chosen for the names (rows of the text's table): weights
    theatre: dict[str, float]  # countries the text's actors fight in


def _ranked(table: Table, keys: list[str], ctx: _Context) -> dict[str, list[tuple[float, int]]]:
    """The candidates of ``keys`` ranked in ``ctx``, best first, as (score, row of ``table``)
    (``ranking.Table.score``)."""
    rows = table.rows(keys)
    scores = table.score(rows, ctx.countries, ctx.admin1s, ctx.theatre, ctx.anchors)
    return table.ranked(keys, rows, scores)


def _confidence(ranked: list[tuple[float, int]], places: list[Place]) -> float:
    """How sure the pick is (``ranked``: (score, row of ``places``), best first): by its margin
    over the best rival."""
    top = places[ranked[0][1]]
    # A town and the division it stands for are one answer to "where", not two (the geocoder's rule).
    rival = next(
        (
            s
            for s, r in islice(ranked, 1, None)
            if not (is_seat_of(top, places[r]) or is_seat_of(places[r], top))
        ),
        None,
    )
    if rival is None:
        return 0.95
    return 0.5 + 0.45 * math.tanh(1.5 * (ranked[0][0] - rival))


def _sole_rows(groups: dict[str, list[Mention]], table: Table) -> dict[str, int]:
    """The names that need no choosing: one place, or one country's namesakes of one kind (the
    row of the first in ``table``)."""
    return {key: table.span(key)[0] for key, ms in groups.items() if _sole(key, ms[0].candidates)}


#: ``_sole``'s answers by name: (the candidates asked about, the answer), kept between texts.
_SOLE: dict[str, tuple[tuple[Place, ...], bool]] = {}


def _sole(key: str, cands: tuple[Place, ...]) -> bool:
    """Whether ``cands`` are one place, or one country's namesakes of one kind (worked out once
    per name and candidates: a name has the same candidates in every text)."""
    hit = _SOLE.get(key)
    if hit is not None and hit[0] is cands:
        return hit[1]
    cc, kind = cands[0].country_code, cands[0].kind
    answer = all(c.country_code == cc and c.kind == kind for c in cands)
    if len(_SOLE) >= KEY_CACHE_SIZE:
        _SOLE.clear()
    _SOLE[key] = (cands, answer)
    return answer


def _chosen(
    picks: Mapping[str, tuple[int, float]], sole: Mapping[str, int], table: Table
) -> dict[str, tuple[int, float, str, tuple[str, str] | None]]:
    """Each name's choice (its pick, else its ``sole`` place, with confidence 1) as its row of
    ``table``, confidence, country and, for a division, its (country, admin1), once per pass."""
    out = {}
    for key, (row, conf) in [*((k, (r, 1.0)) for k, r in sole.items() if k not in picks), *picks.items()]:
        place = table.places[row]
        division = (place.country_code, place.admin1) if place.kind == "admin1" else None
        out[key] = (row, conf, place.country_code, division)
    return out


def _context(
    counts: Mapping[str, int],
    chosen: Mapping[str, tuple[int, float, str, tuple[str, str] | None]],
    theatre: dict[str, float] | None = None,
) -> _Context:
    """The context of the names mentioned ``counts[key]`` times: what was ``chosen`` for them
    (``_chosen``), their countries and divisions weighted by mentions and confidence."""
    countries: Counter = Counter()
    admin1s: Counter = Counter()
    anchors = {}
    for key, n in counts.items():
        found = chosen.get(key)
        if found is None:
            continue
        row, conf, country, division = found
        weight = n * conf
        countries[country] += weight
        if division is not None:
            admin1s[division] += weight
        anchors[row] = conf
    return _Context(countries, admin1s, anchors, theatre or {})


@dataclass
class _Window:
    """What a name is read with: how often each name is mentioned near its own, the actors there."""

    counts: Mapping[str, int]
    actors: list[ActorMention]
    theatre: dict[str, float]


def _spans(blocks: list[int], reach: int) -> tuple[tuple[int, int], ...]:
    """``reach`` characters either side of each of the sorted ``blocks``, overlapping ones merged."""
    out: list[tuple[int, int]] = []
    for b in blocks:
        lo, hi = b * BLOCK_CHARS - reach, (b + 1) * BLOCK_CHARS + reach
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return tuple(out)


def _windows(
    groups: dict[str, list[Mention]], actors: list[ActorMention], reach: int = WINDOW_CHARS
) -> dict[str, _Window]:
    """Each name's window: one shared by all names when the mentions lie within ``reach`` of
    each other (a news report), else the mentions and actors within ``reach`` of the blocks of
    ``BLOCK_CHARS`` that hold the name's own."""
    starts = [m.start for ms in groups.values() for m in ms]
    if not starts or max(starts) - min(starts) <= reach:
        whole = _Window({key: len(ms) for key, ms in groups.items()}, actors, theatre_countries(actors))
        return dict.fromkeys(groups, whole)
    mentions = sorted((m for ms in groups.values() for m in ms), key=lambda m: m.start)
    starts, keys = [m.start for m in mentions], [m.key for m in mentions]
    actors = sorted(actors, key=lambda a: a.start)
    actor_starts = [a.start for a in actors]
    out, made = {}, {}
    for key, ms in groups.items():
        spans = _spans(sorted({m.start // BLOCK_CHARS for m in ms}), reach)
        if spans not in made:
            counts: Counter = Counter()
            near_actors: list[ActorMention] = []
            for lo, hi in spans:
                counts.update(keys[bisect_left(starts, lo) : bisect_right(starts, hi)])
                near_actors += actors[bisect_left(actor_starts, lo) : bisect_right(actor_starts, hi)]
            made[spans] = _Window(counts, near_actors, theatre_countries(near_actors))
        out[key] = made[spans]
    return out


def _choose(
    table: Table,
    windows: dict[str, _Window],
    picks: dict[str, tuple[int, float]],
    sole: Mapping[str, int],
) -> dict[str, list[tuple[float, int]]]:
    """One pass: every name's candidates ranked in its window's context (computed once per
    window and scored for all the window's names at once), with ``picks`` as the context's
    choices."""
    shared: dict[int, list[str]] = defaultdict(list)
    for key, win in windows.items():
        shared[id(win)].append(key)
    out, chosen = {}, _chosen(picks, sole, table)
    for keys in shared.values():
        win = windows[keys[0]]
        out.update(_ranked(table, keys, _context(win.counts, chosen, win.theatre)))
    return out


def _drop_far_namesakes(
    picks: dict[str, tuple[Place | None, float]],
    ranked_by_key: dict[str, list[tuple[float, int]]],
    places: list[Place],
    windows: dict[str, _Window],
) -> None:
    """A pick thousands of km from the report's other places, in a country it does not name,
    gives way to its best candidate near them (``ranked_by_key``: (score, row of ``places``),
    best first), else to no place (``None``).

    The countries a report names: its country names and demonyms (resolved to the country; a
    town written as a modifier, "Komo-Mondah", is an adjective's mention but names no country),
    and the countries of actors that fight in three or fewer ("QSD": Syria). The report's other
    places: its towns in those countries and its towns amid two more of its towns (within
    ``FAR_KM``: "Texas ... Houston ... Dallas" in a profile of a Canadian-born doctor); with
    neither, its towns that have a neighbour within ``FAR_KM``. A lone town stays as it is: a
    country named beside it may be far ("migrants from Afghanistan" in Kilkis). The report is
    the name's window (``_windows``)."""
    chosen = dict(picks)
    stories: dict[int, _Story] = {}
    for key, (place, conf) in chosen.items():
        if place.kind in ("country", "region"):
            continue
        win = windows[key]
        story = stories.get(id(win))
        if story is None:
            story = stories[id(win)] = _Story(win, chosen)
        named = story.named
        if place.country_code in named:
            continue  # not far (``_far``), whatever the others
        others = [o for k, o in story.anchors().items() if k != key]
        if not _far(place, others, named):
            continue
        near = next((places[r] for _, r in ranked_by_key[key] if not _far(places[r], others, named)), None)
        picks[key] = (near, conf * 0.8) if near is not None else (None, 0.0)


class _Story:
    """The countries a window names and, worked out when first asked, its anchor towns (see
    ``_drop_far_namesakes``)."""

    def __init__(self, win: _Window, picks: dict[str, tuple[Place, float]]):
        mine = {key: picks[key][0] for key in win.counts if key in picks}
        countries = {p.country_code for p in mine.values() if p.kind == "country"}
        self.named = countries | where_few_fight(win.actors)
        self.towns = {key: p for key, p in mine.items() if p.kind not in ("country", "region")}
        self._anchors: dict[str, Place] | None = None

    def anchors(self) -> dict[str, Place]:
        if self._anchors is None:
            towns = self.towns
            anchors = {k: p for k, p in towns.items() if p.country_code in self.named}
            if len(towns) > 1:
                keys, places = list(towns), list(towns.values())
                lats, lons = np.array([p.lat for p in places]), np.array([p.lon for p in places])
                km = haversine_km_matrix(lats, lons, lats, lons)
                np.fill_diagonal(km, np.inf)
                least = CLUSTER_NEIGHBOURS if anchors else 1
                anchors |= {k: towns[k] for k, n in zip(keys, (km <= FAR_KM).sum(axis=1)) if n >= least}
            self._anchors = anchors
        return self._anchors


def _far(place: Place, others: list[Place], named: set[str]) -> bool:
    if place.kind in ("country", "region") or place.country_code in named or not others:
        return False
    return all(km_between(place, o) > FAR_KM for o in others)


def rank_candidates(
    mention: Mention, others: list[Mention] = (), weights: Weights = WEIGHTS
) -> list[tuple[float, Place]]:
    """Candidates of ``mention`` ranked in the context of ``others``, best first, with scores."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in [*others, mention]:
        groups[m.key].append(m)
    cands = {key: ms[0].candidates[:MAX_CANDIDATES] for key, ms in groups.items()}
    table = Table({**cands, mention.key: mention.candidates[:MAX_CANDIDATES]}, weights)
    counts = {key: len(ms) for key, ms in groups.items()}
    sole = _sole_rows({k: ms for k, ms in groups.items() if ms[0].candidates}, table)
    ctx = _context(counts, _chosen({}, sole, table))
    return [(score, table.places[row]) for score, row in _ranked(table, [mention.key], ctx)[mention.key]]


def resolve_mentions(
    mentions: list[Mention],
    gaz=None,
    text: str = "",
    weights: Weights = WEIGHTS,
    actors: list[ActorMention] | None = None,
    preferred: Mapping[str, int] | None = None,
) -> list[ResolvedPlace]:
    """One ResolvedPlace per mention (in order), each with a confidence in [0, 1].

    ``actors`` are the text's actor mentions (found in ``text`` when not given). ``preferred``
    maps a resolver key (``ResolvedPlace.key``) to a geonameid a person chose for it (the store's
    correction rules): where that place is among the mention's candidates it is the answer, with
    confidence ``PREFERRED_CONFIDENCE`` and the resolver's own readings as alternatives."""
    if not mentions:
        return []
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.candidates:
            groups[m.key].append(m)
    table = Table({key: ms[0].candidates[:MAX_CANDIDATES] for key, ms in groups.items()}, weights)
    actor_mentions = actors if actors is not None else find_actors(text) if text else []
    windows, sole = _windows(groups, actor_mentions), _sole_rows(groups, table)
    rows: dict[str, tuple[int, float]] = {}  # each name's pick, as a row of the table
    for _ in range(2):
        by_row = _choose(table, windows, rows, sole)
        rows = {k: (by_row[k][0][1], _confidence(by_row[k], table.places)) for k in groups}
    places = table.places
    picks: dict[str, tuple[Place | None, float]] = {k: (places[r], c) for k, (r, c) in rows.items()}
    alternatives = {
        k: tuple(map(places.__getitem__, map(_ROW, ranked[1 : MAX_ALTERNATIVES + 1])))
        for k, ranked in by_row.items()
    }
    _drop_far_namesakes(picks, by_row, places, windows)
    for key, gid in (preferred or {}).items():
        readings = [places[r] for _, r in by_row.get(key, ())]
        chosen = next((p for p in readings if p.geonameid == gid), None)
        if chosen is not None:
            picks[key] = (chosen, PREFERRED_CONFIDENCE)
            alternatives[key] = tuple([p for p in readings if p.geonameid != gid][:MAX_ALTERNATIVES])
    out = []
    for m in mentions:
        if m.key not in picks or picks[m.key][0] is None:
            continue
        place, conf = picks[m.key]
        out.append(
            ResolvedPlace(
                m.start, m.end, m.text, place, conf, m.demonym, key=m.key, alternatives=alternatives[m.key]
            )
        )
    return out
