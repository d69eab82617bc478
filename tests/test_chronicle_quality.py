"""Claim precision/recall and place accuracy on the bundled chronicle, through the real pipeline.

Floors sit under today's figures (printed per language by benchmarks/bench_chronicle.py).
"""

import json
from pathlib import Path

import pytest

from geo.evaluate.claims import score
from geo.evaluate.geoparse import haversine_km
from geo.gazetteer import default_gazetteer
from geo.parse.pipeline import parse_article
from geo.text.articles import make_article

REPORTS = Path(__file__).resolve().parent.parent / "data" / "chronicle" / "reports.jsonl"


@pytest.fixture(scope="module")
def parsed():
    gaz = default_gazetteer()
    out = []
    for line in REPORTS.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        article = make_article(
            r["text"], published=r["published"], language=r["language"], source=r["source"]
        )
        out.append((r, parse_article(article, gaz)))
    return out


def test_claims_precision_and_recall(parsed):
    s = score([(r["language"], [c.to_dict() for c in res.claims], r["expected"]) for r, res in parsed])
    assert s["all"]["precision"] >= 0.95 and s["all"]["recall"] >= 0.85, s["all"]
    for lang in ("en", "id", "ar", "fr"):
        assert s[lang]["precision"] >= 0.85 and s[lang]["recall"] >= 0.7, (lang, s[lang])


def test_places_found_within_25_km(parsed):
    found = total = 0
    for r, res in parsed:
        for e in r["expected"]:
            total += 1
            found += any(haversine_km(e["lat"], e["lon"], p.place.lat, p.place.lon) <= 25 for p in res.places)
    assert found / total >= 0.9, (found, total)
