"""Concurrent first open and interrupted ingests, with real processes, on SQLite and PostgreSQL.

Four ingests started at once into a database that does not exist yet: the schema is upgraded
once (a file lock beside the SQLite file, an advisory lock on PostgreSQL), every article is
stored, no process fails.
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geo.store import Store

ROOT = Path(__file__).resolve().parent.parent
TOWNS = ["Mosul", "Tikrit", "Ramadi", "Fallujah", "Baiji", "Hit", "Haditha", "Samarra", "Kirkuk", "Sinjar"]


def write_batch(path: Path, n: int, tag: str) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            town = TOWNS[i % len(TOWNS)]
            text = f"Iraqi forces retook {town} on Tuesday, the army said. Report {tag}-{i}."
            fh.write(json.dumps({"text": text, "published": "2017-07-12", "language": "en"}) + "\n")
    return path


def start_ingest(path: Path, url: str, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "geo",
            "ingest",
            str(path),
            "--db",
            url,
            "--no-progress",
            "--workers",
            "1",
            *extra,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def four_at_once(tmp_path: Path, url: str) -> None:
    files = [write_batch(tmp_path / f"part{k}.jsonl", 50, str(k)) for k in range(4)]
    procs = [start_ingest(f, url) for f in files]
    outs = [p.communicate(timeout=600) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0 and "Traceback" not in err and "error" not in err, err
        assert "50 stored (50 new, 0 updated), 0 unchanged, 0 skipped" in out, out
    store = Store(url)
    assert store.counts()["articles"] == 200
    assert store.articles_frame().id.is_unique


def test_four_first_opens_of_a_new_sqlite_file(tmp_path):
    db = tmp_path / "new" / "fresh.sqlite"
    assert not db.exists()
    four_at_once(tmp_path, f"sqlite:///{db}")


def test_four_first_opens_of_a_new_postgresql_database(tmp_path, postgres_server):
    from conftest import new_postgres_database

    four_at_once(tmp_path, new_postgres_database(postgres_server))


def test_killed_ingest_on_postgresql_leaves_whole_articles(tmp_path, postgres_server):
    from conftest import new_postgres_database
    from sqlalchemy import text

    # Enough articles that the kill lands between two of the ingest's batches (it stores up to 500
    # articles, or a second's worth, per transaction); one engine polls, so each look is cheap.
    n = 3000
    url = new_postgres_database(postgres_server)
    path = write_batch(tmp_path / "many.jsonl", n, "k")
    store = Store(url)
    proc = start_ingest(path, url)
    deadline = time.time() + 120
    while time.time() < deadline and store.counts()["articles"] < 5:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    with store.engine.connect() as conn:
        orphans = conn.execute(
            text(
                "SELECT count(*) FROM articles a"
                " WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id)"
            )
        ).scalar()
    stored = store.counts()["articles"]
    assert 5 <= stored < n and orphans == 0
    again = start_ingest(path, url)
    out, err = again.communicate(timeout=600)
    assert again.returncode == 0, err
    assert Store(url).counts()["articles"] == n


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_second_ingest_of_unchanged_files_parses_nothing(tmp_path, kind, request):
    """2,000 files: the second ingest finds each by its content hash and parses none."""
    from geo.store.ingest import ingest_paths

    if kind == "sqlite":
        url = f"sqlite:///{tmp_path / 'hash.sqlite'}"
    else:
        from conftest import new_postgres_database

        url = new_postgres_database(request.getfixturevalue("postgres_server"))
    folder = tmp_path / "files"
    folder.mkdir()
    for i in range(2000):
        (folder / f"r{i:04d}.txt").write_text(
            f"Iraqi forces retook {TOWNS[i % len(TOWNS)]} on Tuesday, the army said. Report {i}.",
            encoding="utf-8",
        )
    store = Store(url)
    calls = []

    def parse(article):
        from geo.model import ParseResult

        calls.append(article.id)
        return ParseResult(article, (), ())

    first = ingest_paths([folder], store, parse=parse, progress=False)
    assert first.new == 2000 and len(calls) == 2000
    (folder / "r0007.txt").write_text(
        "Kurdish forces held Kirkuk on Monday, officials said.", encoding="utf-8"
    )
    second = ingest_paths([folder], store, parse=parse, progress=False)
    assert second.parsed == 1 and len(calls) == 2001  # only the changed file was read again
    assert second.unchanged == 1999 and second.new == 1 and not second.failed
