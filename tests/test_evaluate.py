"""The evaluation measures, on small documents whose answers can be worked out by hand."""

import json
import math

import pytest

from geo.errors import InputError
from geo.evaluate.geoparse import auc_of_errors, evaluate, score_document
from geo.gazetteer.distance import haversine_km
from geo.text.jsonl import read_documents

MOSUL = (36.335, 43.11889)
BAGHDAD = (33.34058, 44.40088)


def test_haversine_known_distance():
    # Mosul to Baghdad is about 350 km as the crow flies.
    assert 340 < haversine_km(*MOSUL, *BAGHDAD) < 360
    assert haversine_km(*MOSUL, *MOSUL) == 0


def test_exact_and_overlap_matching():
    gold = [
        {"start": 0, "end": 5, "lat": MOSUL[0], "lon": MOSUL[1]},
        {"start": 10, "end": 17, "lat": BAGHDAD[0], "lon": BAGHDAD[1]},
    ]
    predicted = [
        {"start": 0, "end": 5, "lat": MOSUL[0], "lon": MOSUL[1]},  # exact, right place
        {"start": 9, "end": 17, "lat": MOSUL[0], "lon": MOSUL[1]},  # overlap only, wrong place
        {"start": 30, "end": 35, "lat": 0, "lon": 0},  # spurious
    ]
    c = score_document(gold, predicted)
    assert (c.gold, c.predicted, c.exact_tp, c.overlap_tp, c.resolved) == (2, 3, 1, 2, 2)
    assert c.errors_km[0] == 0
    assert 340 < c.errors_km[1] < 360


def test_one_prediction_matches_one_gold_only():
    gold = [{"start": 0, "end": 3, "lat": 0, "lon": 0}, {"start": 4, "end": 8, "lat": 0, "lon": 0}]
    c = score_document(gold, [{"start": 0, "end": 8, "lat": 0, "lon": 0}])
    assert c.overlap_tp == 1


def test_auc_bounds():
    assert auc_of_errors([0, 0, 0]) == 0
    assert auc_of_errors([20039, 20039]) == pytest.approx(1.0)
    assert 0 < auc_of_errors([0, 161, 1000]) < 1
    assert math.isnan(auc_of_errors([]))


def test_evaluate_over_a_real_file(tmp_path):
    docs = [
        {
            "id": "a",
            "text": "Mosul and Baghdad",
            "toponyms": [
                {"start": 0, "end": 5, "lat": MOSUL[0], "lon": MOSUL[1]},
                {"start": 10, "end": 17, "lat": BAGHDAD[0], "lon": BAGHDAD[1]},
            ],
        },
        {"id": "b", "text": "nothing here", "toponyms": []},
    ]
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(json.dumps(d) for d in docs) + "\n", encoding="utf-8")

    def system(doc):  # finds "Mosul" only, at the right place
        i = doc["text"].find("Mosul")
        return [] if i < 0 else [{"start": i, "end": i + 5, "lat": MOSUL[0], "lon": MOSUL[1]}]

    report = evaluate(read_documents(path), system, per_document=True)
    assert report["documents"] == 2
    assert report["overlap"] == {"precision": 1.0, "recall": 0.5, "f1": pytest.approx(0.6667, abs=1e-4)}
    assert report["acc_at_161km"] == 1.0
    assert report["coverage"] == 0.5
    assert [d["id"] for d in report["per_document"]] == ["a", "b"]


def test_bad_jsonl_line_is_named_and_the_rest_goes_on(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "ok"}\n{not json\n{"text": "after"}\n', encoding="utf-8")
    items = list(read_documents(path))
    assert isinstance(items[1], InputError) and "bad.jsonl:2: not valid JSON" in str(items[1])
    assert [d["text"] for d in items if isinstance(d, dict)] == ["ok", "after"]
    with pytest.raises(InputError, match=r"bad.jsonl:2: not valid JSON"):
        list(read_documents(path, strict=True))


def test_jsonl_lines_split_on_newline_only(tmp_path):
    """U+2028 and U+0085 inside a JSON string are not line breaks (JSON Lines splits on \\n)."""
    path = tmp_path / "seps.jsonl"
    path.write_text('{"text": "a\u2028b"}\n{"text": "c\u0085d"}\n{"text": "e"}\n', encoding="utf-8")
    assert [d["text"] for d in read_documents(path)] == ["a\u2028b", "c\u0085d", "e"]
