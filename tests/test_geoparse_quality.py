"""Geoparsing quality on the shared evaluation corpora, against the geotext peer.

The floors sit a little under today's figures (see the README's benchmark table) so that a
change which makes recognition or resolution worse fails here; `benchmarks/bench_geoparse.py`
prints the full figures.
"""

import sys
from pathlib import Path

import pytest
from conftest import require_eval_data

from geo.evaluate.geoparse import evaluate
from geo.evaluate.system import tidemark_system
from geo.gazetteer import default_gazetteer
from geo.text.jsonl import read_documents

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

FLOORS = {"geovirus": {"f1": 0.90, "acc": 0.87}, "lgl": {"f1": 0.79, "acc": 0.83}}


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_quality_floor_and_ahead_of_geotext(gaz, corpus):
    path = EVAL / f"{corpus}.jsonl"
    require_eval_data(path)
    from geotext_peer import geotext_system

    docs = list(read_documents(path, strict=True))
    ours = evaluate(docs, tidemark_system(gaz))
    peer = evaluate(docs, geotext_system(gaz))
    assert ours["overlap"]["f1"] >= FLOORS[corpus]["f1"], ours
    assert ours["acc_at_161km"] >= FLOORS[corpus]["acc"], ours
    assert ours["overlap"]["f1"] > peer["overlap"]["f1"] + 0.1
    assert ours["overlap"]["recall"] > peer["overlap"]["recall"]
