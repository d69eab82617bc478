"""The README's promise on a corpus of hostile inputs (``tests/fixtures/hostile``): bad input
never ends in a traceback, it is named in one line, and the other files go on.

Each case runs the real command line as a subprocess on a copy of a store that already holds
the seed article, with the bad file beside ``good.txt``, and checks the exit status, the one
line naming the file, the good article stored and the seed's claims untouched. Big or binary
cases are generated here, not committed.
"""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from geo.store import Store

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
SEED = ROOT / "data" / "articles"


def run_geo(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "geo", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    """An SQLite store holding the seed article, made once and copied per test."""
    path = tmp_path_factory.mktemp("seeded") / "seed.sqlite"
    proc = run_geo("ingest", str(SEED), "--db", str(path), "--no-progress", "--workers", "1")
    assert proc.returncode == 0, proc.stderr
    return path


def copy_store(seeded: Path, tmp_path: Path) -> str:
    target = tmp_path / "store.sqlite"
    shutil.copy(seeded, target)
    return f"sqlite:///{target}"


def deep_json(folder: Path) -> Path:
    path = folder / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    return path


def deep_jsonl(folder: Path) -> Path:
    path = folder / "deep.jsonl"
    path.write_text('{"text": ' + "[" * 100_000 + "]" * 100_000 + "}\n", encoding="utf-8")
    return path


def big_feed(folder: Path) -> Path:
    path = folder / "big.rss"
    item = (
        "<item><title>Mosul</title><description>"
        + "Iraqi forces retook Mosul. " * 400
        + "</description></item>"
    )
    with path.open("w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>')
        while fh.tell() < 55 * 1024 * 1024:
            fh.write(item * 50)
        fh.write("</channel></rss>")
    return path


def fixture(name: str):
    def make(folder: Path) -> Path:
        shutil.copy(HOSTILE / name, folder / name)
        meta = (HOSTILE / name).with_suffix(".meta.json")
        if meta.exists():
            shutil.copy(meta, folder / meta.name)
        return folder / name

    return make


# (case, how to make the bad file, what its one line says, articles it still stores)
INGEST_CASES = [
    ("json nested 10^5 deep", deep_json, "JSON nested too deeply", 0),
    ("jsonl line nested 10^5 deep", deep_jsonl, ":1: JSON nested too deeply", 0),
    ("a 55 MB feed", big_feed, "too large", 0),
    ("feed entries of only <!-- ad -->", fixture("ad-only.rss"), "entry 1: empty article", 1),
    ("published 0001-01-01 with 'yesterday'", fixture("year-one.jsonl"), "not a plausible date", 0),
    ("a sidecar dated 0001-01-01", fixture("year-one-sidecar.txt"), "not a plausible date", 0),
    ("published as a number", fixture("not-dates.jsonl"), ":1: published: '5' is not a date", 0),
    ("html with text only in <script>", fixture("script-only.html"), "no article text", 0),
]


@pytest.mark.parametrize("case, make, says, stores", INGEST_CASES, ids=[c[0] for c in INGEST_CASES])
def test_ingest_names_the_bad_file_in_one_line_and_goes_on(tmp_path, seeded, case, make, says, stores):
    url = copy_store(seeded, tmp_path)
    before = Store(url).claims_frame()
    folder = tmp_path / "in"
    folder.mkdir()
    bad = make(folder)
    fixture("good.txt")(folder)
    proc = run_geo("ingest", str(folder), "--db", url, "--no-progress")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    naming = [line for line in lines if str(bad) in line]
    assert naming and all(line.startswith("skipped: ") for line in naming), proc.stderr
    assert any(says in line for line in naming), proc.stderr
    assert (
        f"{1 + stores} stored ({1 + stores} new, 0 updated), 0 unchanged, {len(naming)} skipped"
        in proc.stdout
    )
    store = Store(url)
    assert store.counts()["articles"] == 2 + stores  # the seed, good.txt and what the bad file still had
    assert "Al Fallūjah" in set(store.claims_frame().place)
    after = store.claims_frame().query("article_id in @before.article_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(after, before)


def test_a_claim_dated_1500_is_rejected_and_its_article_kept(tmp_path, seeded):
    url = copy_store(seeded, tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    bad = fixture("year-1500.txt")(folder)
    proc = run_geo("ingest", str(folder), "--db", url, "--no-progress")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    rejected = [line for line in proc.stderr.splitlines() if line.startswith("rejected: ")]
    assert len(rejected) == 1 and str(bad) in rejected[0] and "1500-01-01" in rejected[0]
    assert "1 stored (1 new, 0 updated), 0 unchanged, 0 skipped, 1 dates rejected" in proc.stdout
    store = Store(url)
    assert store.counts()["articles"] == 2
    lo, hi = store.date_span()
    assert lo.year >= 1900 and hi.year <= 2100


def test_a_lone_surrogate_is_stored_as_a_replacement_character(tmp_path, seeded):
    url = copy_store(seeded, tmp_path)
    proc = run_geo("ingest", str(HOSTILE / "surrogate.jsonl"), "--db", url, "--no-progress")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    store = Store(url)
    texts = [store.article_text(i) or "" for i in store.articles_frame().id]
    assert any("Ramadi \ufffd on Monday" in t for t in texts)


def test_json_lines_split_only_on_newline(tmp_path, seeded):
    """U+2028 and U+0085 inside a record are text, not line ends: all three records stored."""
    url = copy_store(seeded, tmp_path)
    path = tmp_path / "separators.jsonl"
    texts = [
        "Iraqi forces retook Mosul\u2028on Tuesday, the army said.",
        "Kurdish forces held Kirkuk\u0085on Monday, officials said.",
        "Iraqi forces retook Tikrit on Sunday, the army said.",
    ]
    path.write_text(
        "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts), encoding="utf-8"
    )
    proc = run_geo("ingest", str(path), "--db", url, "--no-progress")
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    assert "3 stored (3 new, 0 updated), 0 unchanged, 0 skipped" in proc.stdout
    assert Store(url).counts()["articles"] == 4


def random_bytes(path: Path) -> Path:
    path.write_bytes(bytes((i * 7919) % 251 for i in range(100_000)))
    return path


def truncated_sqlite(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 200)
    con.commit()
    con.close()
    data = bytearray(path.read_bytes())
    data[0:16] = b"not sqlite here!"  # the header's magic string gone
    path.write_bytes(bytes(data))
    return path


DB_CASES = [
    ("random bytes", random_bytes),
    ("a corrupt header", truncated_sqlite),
    ("a text file", lambda p: Path(shutil.copy(HOSTILE / "not-a-database.sqlite", p))),
]


@pytest.mark.parametrize("case, make", DB_CASES, ids=[c[0] for c in DB_CASES])
@pytest.mark.parametrize("command", ["ingest", "export"])
def test_a_file_that_is_no_database_is_one_line_without_its_path(tmp_path, case, make, command):
    db = make(tmp_path / "bad.sqlite")
    before = db.read_bytes()
    args = (
        ["ingest", str(HOSTILE / "good.txt")]
        if command == "ingest"
        else ["export", "-o", str(tmp_path / "x.csv")]
    )
    proc = run_geo(*args, "--db", str(db), "--no-progress" if command == "ingest" else "--format=csv")
    assert proc.returncode == 2
    assert proc.stderr.strip() == "error: the database cannot be opened: file is not a database"
    assert db.read_bytes() == before  # nothing written into it


def test_an_unreachable_postgresql_is_one_line_without_its_address():
    url = "postgresql+psycopg://someone:secret@127.0.0.1:1/tidemark"
    proc = run_geo("ingest", str(HOSTILE / "good.txt"), "--db", url, "--no-progress")
    assert proc.returncode == 2
    assert proc.stderr.strip() == "error: the database cannot be opened: the database server does not answer"
    assert "secret" not in proc.stderr and "127.0.0.1" not in proc.stderr


def test_store_raises_one_line_input_error_for_the_page(tmp_path):
    from geo.errors import InputError

    db = random_bytes(tmp_path / "bad.sqlite")
    with pytest.raises(InputError) as info:
        Store(f"sqlite:///{db}")
    assert str(info.value) == "the database cannot be opened: file is not a database"


@pytest.mark.parametrize("target", ["/nonexistent/x.csv", "{tmp}"])
def test_export_to_an_unwritable_place_is_one_line(tmp_path, seeded, target):
    url = copy_store(seeded, tmp_path)
    out = target.format(tmp=tmp_path)
    proc = run_geo("export", "--db", url, "-o", out, "--format", "csv")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith(f"error: {out}: ")


@pytest.mark.parametrize(
    "name, says", [("deep", "JSON nested too deeply"), ("year-one-sidecar.txt", "plausible")]
)
def test_parse_names_the_bad_file_in_one_line(tmp_path, name, says):
    path = deep_json(tmp_path) if name == "deep" else fixture(name)(tmp_path)
    proc = run_geo("parse", str(path), "--json")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and str(path) in proc.stderr and says in proc.stderr


def test_exports_are_safe_in_a_spreadsheet(tmp_path, seeded):
    url = copy_store(seeded, tmp_path)
    proc = run_geo("ingest", str(HOSTILE / "formula.jsonl"), "--db", url, "--no-progress")
    assert proc.returncode == 0, proc.stderr
    for fmt in ("csv", "acled"):
        out = tmp_path / f"{fmt}.csv"
        assert run_geo("export", "--db", url, "-o", str(out), "--format", fmt).returncode == 0
        raw = out.read_text(encoding="utf-8")
        assert "\u202e" not in raw
        rows = list(csv.DictReader(raw.splitlines()))
        cells = [v for row in rows for v in row.values() if v]
        assert not [v for v in cells if v.startswith(("=", "+", "@", "\t", "\r"))], cells
        assert any(v.startswith("'@SUM") for v in cells)
        lat = "lat" if fmt == "csv" else "latitude"
        assert all(float(row[lat]) == float(row[lat]) for row in rows)  # numbers stay numbers
        if fmt == "csv":
            assert "evil =1+1" in {row["title"] for row in rows}  # U+202E gone, no formula left
    geojson = tmp_path / "claims.geojson"
    assert run_geo("export", "--db", url, "-o", str(geojson)).returncode == 0
    assert "\u202e" not in json.dumps(json.loads(geojson.read_text(encoding="utf-8")), ensure_ascii=False)
