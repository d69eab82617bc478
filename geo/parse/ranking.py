"""The resolver's scores in arrays: every candidate of every name in a text, in one table.

What a candidate scores whatever the text (its kind and population, a town named like its
province, the main name) is worked out once per name and kept for the next texts
(``KEY_CACHE_SIZE`` names); what the text adds (the countries and divisions it names, its actors'
countries, the closeness to its other places) is scored for a whole window of context in a few
numpy operations, and each name's candidates are ranked in one stable sort. The arithmetic is
the per-candidate sum ``resolve`` documents, term by term in the same order, so the scores are
the same floats.
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import accumulate, chain

import numpy as np

from geo.gazetteer import main_keys
from geo.gazetteer.distance import closeness, halves
from geo.model import Place
from geo.text import names

#: Names whose context-free scores are kept between texts (the dict is emptied when full).
KEY_CACHE_SIZE = 20_000
#: Columns of a name's cached block: the context-free score, the main-name bonus, whether the
#: candidate is no country (1.0: proximity counts), the ``distance.halves`` of its position,
#: and the ids of its country and its first-level division (0: none) in ``_IDS``.
STATIC, MAIN, TOWN, HALF_LAT, HALF_LON, COS, COUNTRY, DIVISION = range(8)


@dataclass(frozen=True)
class Weights:
    """How much each kind of evidence counts; tuned on general news, not on one corpus."""

    country: float = 3.2
    admin1: float = 3.0
    feature: float = 2.0
    population: float = 0.42  # per log10 inhabitant
    named_country: float = 1.6
    actor_country: float = 0.8  # "Iraqi forces ... Rawa": the actors' countries, a weaker hint
    named_admin1: float = 1.2
    proximity: float = 1.4
    proximity_km: float = 350.0
    main_name: float = 0.25
    namesake_seat: float = 1.2  # "Raqqa": the city, over the province named after it
    capital: float = 1.0  # "Washington said": the capital, over the state of that name
    region: float = 3.5  # "Red Sea", "Sahel": the sea or the region, over a province named after it


WEIGHTS = Weights()


def prior(p: Place, w: Weights) -> float:
    """What a place scores before any context: its kind, its people, a capital."""
    if p.kind == "country":
        return w.country + 0.1 * math.log10(p.population + 10)
    if p.kind in ("admin1", "region"):
        return (w.region if p.kind == "region" else w.admin1) + 0.05 * math.log10(p.population + 10)
    if p.kind == "admin2":
        return w.feature + 0.05 * math.log10(p.population + 10)
    base = w.population * math.log10(p.population + 10)
    if p.feature_code == "PPLC":
        base += w.capital
    return max(base, w.feature) if p.kind == "feature" else base


def static_scores(key: str, cands: tuple[Place, ...], w: Weights) -> list[float]:
    """Each candidate's prior plus the namesake bonus: a town named like its province among
    ``cands`` ("Raqqa"), a country over a state named after it ("Mexico"), a division so named
    over its country ("England")."""
    provinces = {(c.country_code, c.admin1): main_keys(c) | {key} for c in cands if c.kind == "admin1"}
    nations = {c.country_code: key in main_keys(c) for c in cands if c.kind == "country"}
    with_provinces = {cc for cc, _ in provinces}
    out = []
    for cand in cands:
        s = prior(cand, w)
        named = provinces.get((cand.country_code, cand.admin1), frozenset())
        if cand.kind == "city" and main_keys(cand) & named:
            s += w.namesake_seat
        elif cand.kind == "country" and cand.country_code in with_provinces and key in main_keys(cand):
            s += w.namesake_seat
        elif cand.kind == "admin1" and key in main_keys(cand) and nations.get(cand.country_code) is False:
            s += w.namesake_seat
        out.append(s)
    return out


@dataclass(frozen=True)
class _Block:
    """One name's candidates and their context-free columns (``STATIC`` ...)."""

    cands: tuple[Place, ...]
    columns: np.ndarray  # (len(cands), 8) floats


_BLOCKS: dict[str, tuple[Weights, _Block]] = {}
#: Country codes and (country, admin1) pairs, numbered as blocks meet them (a few thousand at most).
_IDS: dict[str | tuple[str, str] | None, int] = {None: 0}
_IDS_LOCK = threading.Lock()


def _id(value: str | tuple[str, str] | None) -> int:
    found = _IDS.get(value)
    if found is None:
        with _IDS_LOCK:
            found = _IDS.setdefault(value, len(_IDS))
    return found


def _block(key: str, cands: tuple[Place, ...], w: Weights) -> _Block:
    """``key``'s block, from the cache when it holds these candidates and weights."""
    hit = _BLOCKS.get(key)
    if hit is not None and (hit[0] is w or hit[0] == w) and hit[1].cands == cands:
        return hit[1]
    columns = np.zeros((len(cands), 8))
    if cands:
        columns[:, STATIC] = static_scores(key, cands, w)
        columns[:, MAIN] = [w.main_name if names.normalize_name(c.name) == key else 0.0 for c in cands]
        columns[:, TOWN] = [c.kind != "country" for c in cands]
        columns[:, HALF_LAT], columns[:, HALF_LON], columns[:, COS] = halves(
            np.array([c.lat for c in cands]), np.array([c.lon for c in cands])
        )
        columns[:, COUNTRY] = [_id(c.country_code) for c in cands]
        columns[:, DIVISION] = [_id((c.country_code, c.admin1) if c.admin1 else None) for c in cands]
    block = _Block(cands, columns)
    if len(_BLOCKS) >= KEY_CACHE_SIZE:
        _BLOCKS.clear()
    _BLOCKS[key] = (w, block)
    return block


class Table:
    """Every candidate of every name of a text, name by name (``span(key)``), for ``weights``."""

    def __init__(self, cands: Mapping[str, tuple[Place, ...]], weights: Weights):
        self.weights = weights
        self.keys = list(cands)
        self.index = {k: i for i, k in enumerate(self.keys)}
        blocks = [_block(k, cs, weights) for k, cs in cands.items()]
        self.places: list[Place] = list(chain.from_iterable(b.cands for b in blocks))
        sizes = [len(b.cands) for b in blocks]
        self._spans = {k: (end - n, end) for k, n, end in zip(self.keys, sizes, accumulate(sizes))}
        self.owner = np.repeat(np.arange(len(blocks)), sizes)
        self.columns = np.concatenate([b.columns for b in blocks]) if blocks else np.zeros((0, 8))
        self.ids = self.columns[:, COUNTRY : DIVISION + 1].astype(np.intp)
        self._rows: dict[tuple[str, ...], np.ndarray] = {}

    def span(self, key: str) -> tuple[int, int]:
        """The rows of ``key``'s candidates."""
        return self._spans[key]

    def rows(self, keys: list[str]) -> np.ndarray:
        """The rows of the candidates of ``keys``, in the table's order (worked out once per list):
        all the table's names give all its rows, in order."""
        found = self._rows.get(tuple(keys))
        if found is None:
            if self.index.keys() == set(keys):
                found = np.arange(len(self.places))  # the spans of all names, end to end
            else:
                spans = sorted(self._spans[k] for k in keys)
                found = np.concatenate([np.arange(lo, hi) for lo, hi in spans]) if spans else np.zeros(0, int)
            self._rows[tuple(keys)] = found
        return found

    def score(
        self,
        rows: np.ndarray,
        countries: Counter,
        divisions: Counter,
        theatre: Mapping[str, float],
        anchors: Mapping[int, float],
    ) -> np.ndarray:
        """The scores of ``rows`` in a context: the countries and divisions it names (weighted
        counts), its actors' countries, and the places chosen for its names (``anchors``: their
        rows, each with its weight, the choice's confidence):
        ``prior + namesake + named country + actors' country + named division + proximity +
        main name``, each term as ``resolve`` describes it."""
        w = self.weights
        whole = len(rows) == len(self.places)  # the rows in order (``rows``): no copies needed
        col, ids, owner = (
            (self.columns, self.ids, self.owner)
            if whole
            else (self.columns[rows], self.ids[rows], self.owner[rows])
        )
        s = col[:, STATIC]
        if countries:
            top = max(countries.values())
            s = s + _terms({cc: w.named_country * (n / top) for cc, n in countries.items()})[ids[:, 0]]
        if theatre:
            most = max(theatre.values())
            s = s + _terms({cc: w.actor_country * n / most for cc, n in theatre.items()})[ids[:, 0]]
        if divisions:
            s = s + _terms({d: w.named_admin1 for d, n in divisions.items() if n})[ids[:, 1]]
        at = np.fromiter(anchors, np.intp, len(anchors))
        towns = self.columns[at, TOWN] > 0
        if np.count_nonzero(towns):
            at, weights = at[towns], np.fromiter(anchors.values(), float, len(anchors))[towns]
            points, there = col[:, HALF_LAT : COS + 1].T, self.columns[at, HALF_LAT : COS + 1].T
            near = closeness(points, owner, there, self.owner[at], weights, w.proximity_km)
            s = s + (w.proximity * near) * col[:, TOWN]
        return s + col[:, MAIN]

    def ranked(
        self, keys: list[str], rows: np.ndarray, scores: np.ndarray
    ) -> dict[str, list[tuple[float, int]]]:
        """Each of ``keys``' candidates as (score, row), best first, ties in gazetteer order
        (``rows``: ``self.rows(keys)``): one stable sort by name, then score."""
        order = np.lexsort((-scores, self.owner[rows]))
        ordered = list(zip(scores[order].tolist(), rows[order].tolist()))
        out, at = {}, 0
        for key in sorted(keys, key=self.index.__getitem__):
            lo, hi = self._spans[key]
            out[key], at = ordered[at : at + hi - lo], at + hi - lo
        return out


def _terms(by_value: Mapping) -> np.ndarray:
    """A term per id of ``_IDS``: ``by_value``'s for the values it holds, 0.0 for the others
    (what the context adds to a candidate whose country or division it does not name)."""
    out = np.zeros(len(_IDS))
    for value, term in by_value.items():
        i = _IDS.get(value)
        if i is not None:
            out[i] = term
    return out
