"""Many processes, then many machines: ``parse --jsonl --workers``, ``ingest --workers`` and the
Dask path (``geo.store.distributed``) on a local cluster, each checked against one process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from geo.store import Store
from geo.store.ingest import ingest_paths

ROOT = Path(__file__).resolve().parent.parent
CHRONICLE = ROOT / "data" / "chronicle" / "reports.jsonl"


def run_geo(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "geo", *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )


@pytest.fixture(scope="module")
def feed(tmp_path_factory) -> Path:
    """30 real reports of the chronicle with bad lines among them: broken JSON, no text, a bad date."""
    from geo.gazetteer.index import ensure_built

    ensure_built(progress=False)  # built here, so no command below prints a build's progress
    lines = [line for line in CHRONICLE.read_text(encoding="utf-8").split("\n") if line.strip()][:30]
    bad = [
        "{broken",
        json.dumps({"id": "notext", "title": "x"}),
        json.dumps({"text": "Mosul", "published": 5}),
    ]
    lines[4:4] = bad[:1]
    lines[12:12] = bad[1:2]
    lines[25:25] = bad[2:]
    path = tmp_path_factory.mktemp("feed") / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_parse_jsonl_with_two_workers_prints_what_one_prints(feed):
    one = run_geo("parse", "--jsonl", str(feed), "--workers", "1")
    two = run_geo("parse", "--jsonl", str(feed), "--workers", "2")
    assert one.returncode == two.returncode == 2  # bad lines: reported, and the batch went on
    assert two.stdout == one.stdout and two.stderr == one.stderr
    out = [json.loads(line) for line in two.stdout.splitlines()]
    assert len(out) == 30 and sum(len(d["claims"]) for d in out) > 10
    errors = two.stderr.splitlines()
    assert len(errors) == 3 and all(line.startswith("error: ") for line in errors)
    says = (f"{feed}:5: not valid JSON", f"{feed}:13: a document needs", f"{feed}: feed-26: published")
    assert [said in line for said, line in zip(says, errors)] == [True] * 3, errors
    assert "Traceback" not in two.stderr


def test_parse_workers_must_be_one_or_more(feed):
    proc = run_geo("parse", "--jsonl", str(feed), "--workers", "0")
    assert proc.returncode == 2 and proc.stderr.strip() == "error: --workers: say 1 or more"


def _contents(url: str) -> tuple[list, list]:
    """The stored articles (id, language, published, path) and claims, in a fixed order (not the
    parser version, which any edit of the code changes)."""
    store = Store(url)
    arts = store.articles_frame()[["id", "language", "published", "path"]]
    arts = sorted(map(tuple, arts.astype(str).values.tolist()))
    claims = store.claims_frame().drop(columns=["claim_id"]).astype(str)  # ids follow the writing order
    store.close()
    return arts, sorted(map(tuple, claims.values.tolist()))


@pytest.fixture(scope="module")
def plain(feed, tmp_path_factory) -> tuple[list, list]:
    """What one process stores from the feed."""
    url = f"sqlite:///{tmp_path_factory.mktemp('plain') / 'plain.sqlite'}"
    summary = ingest_paths([feed], Store(url), progress=False, workers=1)
    assert summary.new == 30 and len(summary.failed) == 3
    return _contents(url)


def test_ingest_with_two_workers_stores_what_one_stores(feed, plain, tmp_path):
    url = f"sqlite:///{tmp_path / 'two.sqlite'}"
    proc = run_geo("ingest", str(feed), "--db", url, "--workers", "2", "--no-progress")
    assert proc.returncode == 0, proc.stderr
    assert "30 stored (30 new, 0 updated), 0 unchanged, 3 skipped" in proc.stdout
    assert _contents(url) == plain


@pytest.fixture(scope="module")
def cluster():
    """A Dask cluster on this machine: a scheduler and two worker processes."""
    distributed = pytest.importorskip("distributed", reason="Dask's 'distributed' is not installed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local.scheduler_address


def test_dask_on_a_local_cluster_stores_what_ingest_stores_and_nothing_twice(feed, plain, db, cluster):
    from geo.store.distributed import blocks, ingest_dask

    assert len(blocks(str(feed), block_bytes=4_000)) >= 4  # several partitions, spread over both workers
    summary = ingest_dask([feed], db, scheduler=cluster, block_bytes=4_000)
    assert (summary.new, summary.unchanged, len(summary.failed)) == (30, 0, 3)
    assert [reason.split(": ")[0] for _, reason in summary.failed] == [  # in the file's order
        f"{feed}:{n}" for n in (5, 13, 26)
    ]
    assert _contents(db) == plain
    again = ingest_dask([feed], db, scheduler=cluster, block_bytes=4_000)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 30)
    assert _contents(db) == plain


def test_ingest_dask_command_skips_a_clean_file_the_second_time(tmp_path):
    pytest.importorskip("dask.bag", reason="Dask is not installed")
    clean = tmp_path / "clean.jsonl"
    clean.write_text(
        "\n".join(CHRONICLE.read_text(encoding="utf-8").split("\n")[:6]) + "\n", encoding="utf-8"
    )
    url = f"sqlite:///{tmp_path / 'dask.sqlite'}"
    first = run_geo("ingest", str(clean), "--db", url, "--dask", "processes")
    assert first.returncode == 0, first.stderr
    assert "6 stored (6 new, 0 updated), 0 unchanged, 0 skipped" in first.stdout
    second = run_geo("ingest", str(clean), "--db", url, "--dask", "processes")
    assert "0 stored (0 new, 0 updated), 6 unchanged, 0 skipped" in second.stdout, second.stderr


def test_a_reader_that_stops_early_does_not_hang_the_pool():
    # The pool's feeding thread waits for room; a consumer that stops (a store error, Ctrl-C)
    # must let it go, or closing the pool waits for ever.
    script = (
        "from geo.store.pool import ordered_map\n"
        "results = ordered_map(abs, range(100_000), 2, ahead=2)\n"
        "for n, _ in enumerate(results):\n"
        "    if n == 50:\n"
        "        break\n"
        "results.close()\n"
        "print('closed')\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0 and "closed" in proc.stdout, proc.stderr


@pytest.mark.parametrize(
    "extra, says",
    [
        (["--dask", "local:abc"], "--dask local:abc: say local:N"),
        (["--dask", "processes", "--online"], "--dask: the cluster parses"),
        (["--dask", "processes", "--workers", "2"], "--dask: the cluster parses"),
    ],
)
def test_dask_options_that_cannot_be_honoured_get_one_line(feed, tmp_path, extra, says):
    proc = run_geo("ingest", str(feed), "--db", f"sqlite:///{tmp_path / 'd.sqlite'}", *extra)
    assert proc.returncode == 2 and says in proc.stderr and "Traceback" not in proc.stderr, proc.stderr


def _lines_file(path: Path) -> Path:
    """JSON Lines with what a reader must get right: a byte-order mark, CRLF, blank lines, a
    broken line, a U+2028 inside a string (no line end in JSON Lines), long and short records."""
    records = [json.dumps({"text": f"Report {i}: " + "word " * (i * 7 % 40)}) for i in range(40)]
    records[3] = "{broken"
    records[9] = json.dumps({"text": "a\u2028b"}, ensure_ascii=False)
    body = "\n".join(records[:20]) + "\n\n  \n" + "\r\n".join(records[20:]) + "\n"
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    return path


@pytest.mark.parametrize("block_bytes, first", [(1, None), (50, 1), (333, None), (1 << 20, 1)])
def test_blocks_of_lines_read_what_the_whole_file_reads(tmp_path, block_bytes, first):
    from geo.store.blocks import block_records, line_blocks
    from geo.text.jsonl import read_json_lines

    path = _lines_file(tmp_path / "lines.jsonl")
    found = list(line_blocks(path, block_bytes, first=first))
    assert found[0].start == 0 and found[-1].end == path.stat().st_size
    assert all(a.end == b.start for a, b in zip(found, found[1:]))  # no gap, no overlap
    if first == 1:
        assert found[0].end == path.read_bytes().index(b"\n") + 1  # the first line alone
    got = [(n, str(v)) for b in found for n, v in block_records(b)]
    assert got == [(n, str(v)) for n, v in read_json_lines(path)]


def test_a_line_over_the_limit_is_named_and_skipped_in_a_block(tmp_path, monkeypatch):
    import geo.store.blocks as blocks_module
    import geo.text.jsonl as jsonl_module

    monkeypatch.setattr(jsonl_module, "MAX_LINE_BYTES", 100)
    path = tmp_path / "long.jsonl"
    path.write_text('{"text": "a"}\n{"text": "' + "x" * 300 + '"}\n{"text": "b"}\n', encoding="utf-8")
    got = [
        (n, str(v)) for b in blocks_module.line_blocks(path, 1000) for n, v in blocks_module.block_records(b)
    ]
    assert got == [(n, str(v)) for n, v in jsonl_module.read_json_lines(path)]
    assert [n for n, _ in got] == [1, 2, 3] and "line too long" in got[1][1]


@pytest.fixture(scope="module")
def folder(feed, tmp_path_factory) -> Path:
    """Files of every kind the workers get: the feed (blocks of lines), one-article text files
    with sidecars (read by a worker), an RSS feed (read by the parent, handed out in chunks)."""
    where = tmp_path_factory.mktemp("mixed")
    (where / "feed.jsonl").write_bytes(feed.read_bytes())
    lines = [json.loads(line) for line in CHRONICLE.read_text(encoding="utf-8").split("\n")[40:52] if line]
    for i, doc in enumerate(lines[:8]):
        (where / f"report-{i}.txt").write_text(doc["text"], encoding="utf-8")
        (where / f"report-{i}.meta.json").write_text(json.dumps({"published": doc["published"]}))
    items = "".join(
        f"<item><title>Report {i}</title><description>{doc['text']}</description>"
        f"<pubDate>Wed, 12 Jul 2017 10:00:00 GMT</pubDate><link>https://example.org/{i}</link></item>"
        for i, doc in enumerate(lines[8:])
    )
    (where / "desk.rss").write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>{items}</channel></rss>',
        encoding="utf-8",
    )
    (where / "empty.txt").write_text("", encoding="utf-8")
    return where


def test_workers_that_store_their_own_share_store_what_one_process_stores(folder, tmp_path):
    one, two = (f"sqlite:///{tmp_path / f'{n}.sqlite'}" for n in ("one", "two"))
    first = ingest_paths([folder], Store(one), progress=False, workers=1)
    second = ingest_paths([folder], Store(two), progress=False, workers=2)
    assert (first.new, first.read) == (second.new, second.read) == (42, 42)
    assert first.failed == second.failed and len(second.failed) == 4  # the feed's 3 bad lines, the empty file
    assert _contents(two) == _contents(one)
    again = ingest_paths([folder], Store(two), progress=False, workers=2)
    # the clean files were recorded by their hash: skipped unread; the others read, found stored
    assert (again.new, again.updated, again.unchanged) == (0, 0, 42) and again.parsed == 30
