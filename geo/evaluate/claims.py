"""Scoring extracted claims against expected ones (the claims test set, the chronicle).

A claim matches an expected one when actor and status agree, the place lies within 25 km,
and the dates agree at the coarser of the two precisions (same day, same ISO week, same
month, same year); each expected claim matches at most one claim.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any, Callable, Sequence

from geo.gazetteer.distance import haversine_km

PLACE_KM = 25.0
_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3}


def same_date(a: date | None, a_prec: str | None, b: date | None, b_prec: str | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    prec = max(a_prec or "day", b_prec or "day", key=lambda p: _ORDER.get(p, 0))
    if prec == "day":
        return a == b
    if prec == "week":
        return a.isocalendar()[:2] == b.isocalendar()[:2]
    if prec == "month":
        return (a.year, a.month) == (b.year, b.month)
    return a.year == b.year


def within_km(claim: dict[str, Any], expected: dict[str, Any], km: float = PLACE_KM) -> bool:
    """Whether two records with ``lat``/``lon`` lie within ``km`` of each other."""
    return haversine_km(claim["lat"], claim["lon"], float(expected["lat"]), float(expected["lon"])) <= km


def match_one_to_one(
    expected: Sequence[Any], claims: Sequence[Any], matches: Callable[[Any, Any], bool]
) -> list[int | None]:
    """For each expected item, the index of the claim it matches (or None), greedily in order;
    each claim matches at most one expected item."""
    used: set[int] = set()
    out: list[int | None] = []
    for e in expected:
        hit = next((i for i, c in enumerate(claims) if i not in used and matches(c, e)), None)
        if hit is not None:
            used.add(hit)
        out.append(hit)
    return out


def claim_matches(claim: dict[str, Any], expected: dict[str, Any]) -> bool:
    """Whether an extracted claim (``Claim.to_dict()``) says what an expected claim says."""
    if claim["actor"] != expected["actor"] or claim["status"] != expected["status"]:
        return False
    if not within_km(claim, expected):
        return False
    got = date.fromisoformat(claim["date"]) if claim.get("date") else None
    want = date.fromisoformat(expected["date"]) if expected.get("date") else None
    return same_date(got, claim.get("date_precision"), want, expected.get("date_precision"))


def score(pairs: list[tuple[str, list[dict], list[dict]]]) -> dict[str, dict[str, float]]:
    """Precision, recall and F1 per language (and "all") from (language, claims, expected) triples."""
    tallies: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # matched, predicted, expected
    for language, claims, expected in pairs:
        matched = sum(hit is not None for hit in match_one_to_one(expected, claims, claim_matches))
        for key in (language, "all"):
            t = tallies[key]
            t[0] += matched
            t[1] += len(claims)
            t[2] += len(expected)
    out = {}
    for key, (m, p, e) in sorted(tallies.items()):
        prec = m / p if p else 1.0
        rec = m / e if e else 1.0
        out[key] = {
            "precision": round(prec, 3),
            "recall": round(rec, 3),
            "f1": round(2 * prec * rec / (prec + rec), 3) if prec + rec else 0.0,
            "claims": p,
            "expected": e,
        }
    return out
