"""``python -m geo parse --jsonl`` and ``python -m geo evaluate`` on real files."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_geo(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "geo", *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )


def write_docs(path: Path) -> Path:
    docs = [
        {
            "id": "d1",
            "language": "en",
            "published": "2017-07-10",
            "text": "Iraqi forces retook Mosul after nine months; fighting moved to Tal Afar.",
            "toponyms": [
                {"start": 20, "end": 25, "text": "Mosul", "lat": 36.335, "lon": 43.11889, "geonameid": 99072},
                {
                    "start": 60,
                    "end": 68,
                    "text": "Tal Afar",
                    "lat": 36.37458,
                    "lon": 42.44871,
                    "geonameid": None,
                },
            ],
        },
        {
            "id": "d2",
            "language": "fr",
            "published": None,
            "text": "Les forces kurdes sont entrées dans Raqqa, selon des sources à Bagdad.",
            "toponyms": [
                {
                    "start": 36,
                    "end": 41,
                    "text": "Raqqa",
                    "lat": 35.95283,
                    "lon": 39.00788,
                    "geonameid": 172955,
                }
            ],
        },
        {"id": "d3", "language": "en", "published": None, "text": "!!! ???", "toponyms": []},
    ]
    path.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs) + "\n", encoding="utf-8")
    return path


def test_parse_jsonl_prints_one_line_per_document(tmp_path):
    proc = run_geo("parse", "--jsonl", str(write_docs(tmp_path / "docs.jsonl")))
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["d1", "d2", "d3"]
    first = {p["mention"]: p for p in lines[0]["places"]}
    assert first["Mosul"]["geonameid"] == 99072 and (first["Mosul"]["start"], first["Mosul"]["end"]) == (
        20,
        25,
    )
    assert set(first["Mosul"]) >= {
        "start",
        "end",
        "mention",
        "geonameid",
        "name",
        "country_code",
        "lat",
        "lon",
        "kind",
        "confidence",
    }
    assert [p["mention"] for p in lines[1]["places"]] == ["Raqqa", "Bagdad"]
    assert lines[2]["places"] == []


def test_evaluate_reports_the_measures(tmp_path):
    proc = run_geo("evaluate", str(write_docs(tmp_path / "docs.jsonl")), "--json", "--per-document")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["documents"] == 3 and report["documents_gold_mentions"] == 3
    assert report["overlap"]["recall"] == 1.0 and report["acc_at_161km"] == 1.0
    for key in ("exact", "overlap", "median_error_km", "mean_error_km", "auc", "coverage"):
        assert key in report
    assert [d["id"] for d in report["per_document"]] == ["d1", "d2", "d3"]


def test_bad_batch_line_is_reported_and_the_batch_goes_on(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(
        '{"id": "ok", "text": "Mosul"}\n{broken\n{"id": "after", "text": "Raqqa"}\n', encoding="utf-8"
    )
    proc = run_geo("parse", "--jsonl", str(path))
    assert proc.returncode == 2
    assert [json.loads(line)["id"] for line in proc.stdout.splitlines()] == ["ok", "after"]
    assert "bad.jsonl:2" in proc.stderr and "Traceback" not in proc.stderr
