"""Claim precision and recall on the test set (tests/data/claims_testset.jsonl), per language.

Floors sit under today's figures (printed by benchmarks/bench_claims.py) so a change that makes
extraction worse fails; the test set was written without looking at the lexicons.
"""

import json
from pathlib import Path

import pytest

from geo.evaluate.claims import score
from geo.gazetteer import default_gazetteer
from geo.parse.pipeline import parse_article
from geo.text.articles import make_article

TESTSET = Path(__file__).resolve().parent / "data" / "claims_testset.jsonl"


@pytest.fixture(scope="module")
def scores():
    gaz = default_gazetteer()
    pairs = []
    for line in TESTSET.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        article = make_article(r["text"], published=r["published"], language=r["language"])
        pairs.append(
            (r["language"], [c.to_dict() for c in parse_article(article, gaz).claims], r["expected"])
        )
    return score(pairs)


def test_the_set_is_big_and_multilingual(scores):
    assert scores["all"]["expected"] >= 140
    assert {"id", "en", "fr", "es", "ar", "ru", "uk"} <= set(scores)


def test_overall_floor(scores):
    assert scores["all"]["precision"] >= 0.88 and scores["all"]["recall"] >= 0.85, scores["all"]


@pytest.mark.parametrize("language", ["id", "en", "fr", "es", "ar", "ru", "uk"])
def test_every_language_finds_claims(scores, language):
    s = scores[language]
    assert s["precision"] >= 0.7 and s["recall"] >= 0.5, s
