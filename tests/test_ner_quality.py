"""Recognition quality per language on the NER corpora of ``../shared/eval/ner`` (FORMAT.md
there), scored by ``geo.evaluate.ner``. The floors are the figures Tidemark reached, a little
below, so that a change that loses ground in any language fails here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import require_eval_data

from geo.evaluate.ner import evaluate_ner, format_ner
from geo.parse.toponyms import recogniser_for

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "ner"

#: (file, recogniser) -> (overlap F1, overlap precision, recall on country and town spans): the
#: figures of ``benchmarks/bench_ner.py`` less 0.02. Russian has two rows: natasha runs for it
#: where it is installed, the gazetteer matcher elsewhere.
FLOORS = {
    ("ar-anercorp", "gazetteer"): (0.75, 0.75, 0.91),
    ("de-germeval2014", "gazetteer"): (0.71, 0.78, 0.87),
    ("en-conll2003", "gazetteer"): (0.82, 0.75, 0.95),
    ("es-conll2002", "gazetteer"): (0.68, 0.59, 0.93),
    ("fa-arman", "gazetteer"): (0.64, 0.57, 0.92),
    ("fr-europeana", "gazetteer"): (0.61, 0.68, 0.9),
    ("id-nergrit", "gazetteer"): (0.64, 0.7, 0.84),
    ("id-nerp", "gazetteer"): (0.64, 0.6, 0.87),
    ("nl-conll2002", "gazetteer"): (0.73, 0.69, 0.91),
    ("ru-factrueval", "natasha"): (0.87, 0.96, 0.94),
    ("ru-factrueval", "gazetteer"): (0.81, 0.89, 0.93),
    ("tr-tur2003", "gazetteer"): (0.8, 0.79, 0.91),
    ("uk-neruk", "gazetteer"): (0.61, 0.7, 0.9),
}
#: Overlap recall on the lower-cased corpus (id-nerp): case-insensitive matching where text has none.
LOWER_CASED_RECALL = 0.68


def _docs(name: str) -> list[dict]:
    path = CORPUS / f"{name}-dev.jsonl"
    require_eval_data(path)
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.mark.parametrize("name", sorted({name for name, _ in FLOORS}))
def test_recognition_floor(name):
    docs = _docs(name)
    recogniser = recogniser_for(docs[0]["language"]).name
    report = evaluate_ner(docs)
    f1, precision, plain = FLOORS[(name, recogniser)]
    assert report["overlap"]["f1"] >= f1, format_ner(report)
    assert report["overlap"]["precision"] >= precision, format_ner(report)
    assert report["plain_names"]["recall"] >= plain, format_ner(report)
    if name == "id-nerp":
        assert report["overlap"]["recall"] >= LOWER_CASED_RECALL, format_ner(report)


def test_scoring_counts_exact_overlap_and_demonyms():
    """The measures themselves, on a hand-made document and recogniser."""

    class M:
        def __init__(self, start, end, demonym=False):
            self.start, self.end, self.demonym = start, end, demonym

    doc = {
        "text": "Paris and Lyon and Iraqi Nice",
        "language": "fr",
        "locations": [{"start": 0, "end": 5}, {"start": 10, "end": 14}, {"start": 25, "end": 29}],
    }
    found = [M(0, 5), M(10, 12), M(19, 24, demonym=True), M(15, 18)]
    report = evaluate_ner([doc], recogniser=lambda text, language: found)
    assert report["demonyms_dropped"] == 1 and report["system"] == 3 and report["gold"] == 3
    assert report["exact"]["precision"] == pytest.approx(1 / 3) and report["exact"][
        "recall"
    ] == pytest.approx(1 / 3)
    assert report["overlap"]["precision"] == pytest.approx(2 / 3) and report["overlap"][
        "recall"
    ] == pytest.approx(2 / 3)
    assert report["plain_names"]["gold"] == 3 and report["plain_names"]["recall"] == pytest.approx(2 / 3)
