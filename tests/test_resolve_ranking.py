"""The resolver's scores in arrays (``geo.parse.ranking``) against the sum they stand for, term
by term, on real candidates from the real gazetteer; the distance forms against each other; and
the cache of context-free scores, which must not serve one name's scores for other candidates."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest

from geo.gazetteer import default_gazetteer, main_keys
from geo.gazetteer.distance import closeness, halves, haversine_km, haversine_km_halves, haversine_km_matrix
from geo.model import Mention
from geo.parse import ranking
from geo.parse.ranking import WEIGHTS, Table, Weights, prior
from geo.parse.resolve import rank_candidates, resolve_mentions
from geo.parse.toponyms import recognise
from geo.text.names import normalize_name

TEXT = (
    "Iraqi forces retook Rawa and al-Qaim in Anbar near the Syrian border, officials in Baghdad "
    "said. Fighting went on around Raqqa and Deir ez-Zor, and in Springfield and Paris, Texas."
)


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


def plain_score(key, cand, cands, countries, divisions, theatre, towns, w):
    """The resolver's sum for one candidate, written out as its docstring describes it."""
    s = prior(cand, w)
    provinces = {(c.country_code, c.admin1): main_keys(c) | {key} for c in cands if c.kind == "admin1"}
    nations = {c.country_code: key in main_keys(c) for c in cands if c.kind == "country"}
    if cand.kind == "city" and main_keys(cand) & provinces.get((cand.country_code, cand.admin1), set()):
        s += w.namesake_seat
    elif (
        cand.kind == "country" and cand.country_code in {cc for cc, _ in provinces} and key in main_keys(cand)
    ):
        s += w.namesake_seat
    elif cand.kind == "admin1" and key in main_keys(cand) and nations.get(cand.country_code) is False:
        s += w.namesake_seat
    if countries:
        s += w.named_country * (countries.get(cand.country_code, 0) / max(countries.values()))
    if theatre:
        s += w.actor_country * theatre.get(cand.country_code, 0) / max(theatre.values())
    if cand.admin1 and divisions.get((cand.country_code, cand.admin1)):
        s += w.named_admin1
    if towns and cand.kind != "country":
        votes = [
            weight * math.exp(-haversine_km(cand.lat, cand.lon, p.lat, p.lon) / w.proximity_km)
            for owner, p, weight in towns
            if owner != key
        ]
        s += w.proximity * max([0.0, *votes])
    if normalize_name(cand.name) == key:
        s += w.main_name
    return s


def test_the_table_scores_every_candidate_as_the_plain_sum(gaz):
    mentions = [m for m in recognise(TEXT, gaz, "en") if m.candidates]
    cands = {m.key: m.candidates[:60] for m in mentions}
    assert len(cands) >= 8 and sum(map(len, cands.values())) > 50
    table = Table(cands, WEIGHTS)
    firsts = {k: table.span(k)[0] for k in cands}
    anchors = {row: 0.5 + 0.05 * i for i, row in enumerate(firsts.values())}
    places = {k: table.places[row] for k, row in firsts.items()}
    countries = Counter(p.country_code for p in places.values())
    divisions = Counter((p.country_code, p.admin1) for p in places.values() if p.kind == "admin1")
    theatre = {"IQ": 2.0, "SY": 1.0}
    towns = [(k, places[k], anchors[firsts[k]]) for k in cands if places[k].kind != "country"]
    rows = table.rows(list(cands))
    got = table.score(rows, countries, divisions, theatre, anchors).tolist()
    want = [
        plain_score(k, c, cands[k], countries, divisions, theatre, towns, WEIGHTS)
        for k in cands
        for c in cands[k]
    ]
    assert np.allclose(got, want, rtol=0, atol=1e-9)
    assert divisions and any(p.kind == "admin1" for p in places.values())  # the division term was met


def test_ranked_is_each_names_candidates_best_first_ties_in_gazetteer_order(gaz):
    cands = {k: gaz.places_named(k)[:60] for k in ("springfield", "paris", "rawa")}
    table = Table(cands, WEIGHTS)
    rows = table.rows(list(cands))
    scores = np.round(table.score(rows, Counter(), Counter(), {}, {}), 1)  # rounding makes ties
    ranked = table.ranked(list(cands), rows, scores)
    for key, found in ranked.items():
        lo, hi = table.span(key)
        want = sorted(((float(scores[r - rows[0]]), r) for r in range(lo, hi)), key=lambda t: -t[0])
        assert found == want
        assert len({s for s, _ in found}) < len(found)  # ties there were, kept in gazetteer order


def test_a_cached_name_with_other_candidates_or_weights_is_scored_afresh(gaz):
    iraq = gaz.country("IQ")
    towns = tuple(p for p in gaz.places_named("rawa") if p.kind == "city")[:2]
    assert iraq is not None and len(towns) == 2
    first = Table({"rawa": towns}, WEIGHTS)
    second = Table({"rawa": (iraq, *towns)}, WEIGHTS)
    assert second.places == [iraq, *towns] and len(second.columns) == 3
    assert second.columns[0, ranking.STATIC] == prior(iraq, WEIGHTS)
    heavier = Weights(population=1.0)
    third = Table({"rawa": towns}, heavier)
    assert third.columns[0, ranking.STATIC] == prior(towns[0], heavier) != first.columns[0, ranking.STATIC]


def test_rank_candidates_and_resolve_agree_on_a_report(gaz):
    mentions = recognise(TEXT, gaz, "en")
    resolved = {p.key: p.place for p in resolve_mentions(mentions, gaz, text=TEXT)}
    qaim = next(m for m in mentions if m.key == "qaim")
    assert resolved["qaim"].country_code == "IQ"
    ranked = rank_candidates(qaim, [m for m in mentions if m is not qaim])
    assert ranked[0][1].country_code == "IQ"
    assert [s for s, _ in ranked] == sorted((s for s, _ in ranked), reverse=True)
    alone = rank_candidates(Mention(0, 4, "Rawa", "rawa", False, gaz.places_named("rawa")))
    assert alone and all(isinstance(s, float) for s, _ in alone)


def test_the_distance_forms_agree():
    rng = np.random.default_rng(15)
    lats, lons = rng.uniform(-90, 90, 40), rng.uniform(-180, 180, 40)
    matrix = haversine_km_matrix(lats[:25], lons[:25], lats[25:], lons[25:])
    scalar = [
        [haversine_km(a, b, c, d) for c, d in zip(lats[25:], lons[25:])] for a, b in zip(lats[:25], lons[:25])
    ]
    assert np.allclose(matrix, scalar, rtol=1e-12, atol=1e-9)
    halved = haversine_km_halves(*halves(lats[:25], lons[:25]), *halves(lats[25:], lons[25:]))
    assert np.array_equal(matrix, halved)
    owners, anchor_owners = np.arange(25) % 3, np.arange(15) % 3
    weights = rng.uniform(0.5, 1.0, 15)
    near = closeness(
        halves(lats[:25], lons[:25]), owners, halves(lats[25:], lons[25:]), anchor_owners, weights, 350.0
    )
    want = [
        max(
            [
                0.0,
                *(
                    weights[j] * math.exp(-scalar[i][j] / 350.0)
                    for j in range(15)
                    if anchor_owners[j] != owners[i]
                ),
            ]
        )
        for i in range(25)
    ]
    assert np.allclose(near, want, rtol=1e-12, atol=1e-15)
