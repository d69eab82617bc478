"""The store and ingestion on real files and the real pipeline, each store test on a real SQLite
file and on a real PostgreSQL server (see conftest.py; skipped with its reason when none starts)."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from geo.parse.pipeline import parse_article
from geo.store import CLAIM_COLUMNS, Store
from geo.store.ingest import ingest_paths
from geo.text.articles import make_article, read_text_file

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT / "data" / "articles"
SEED = SEED_DIR / "antaranews-iraq-alqaim-rawa.txt"

REPORTS = [
    ("Iraqi forces retook Mosul in July after a nine-month battle, the army said.", "2017-07-12", "en"),
    ("Raqqa fell to the SDF last week, ending three years of Islamic State rule.", "2017-10-26", "en"),
    ("Les forces irakiennes ont repris Tal Afar la semaine dernière.", "2017-09-05", "fr"),
    ("Pasukan Irak merebut kembali Ramadi pada Desember.", "2016-01-10", "id"),
]


def run_geo(*args, timeout=600):
    return subprocess.run(
        [sys.executable, "-m", "geo", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )


def write_jsonl(path: Path, n: int = 4) -> Path:
    lines = []
    for i in range(n):
        text, published, lang = REPORTS[i % len(REPORTS)]
        lines.append(
            json.dumps(
                {
                    "text": f"{text} (report {i})",
                    "published": published,
                    "language": lang,
                    "source": f"desk-{i % 3}",
                    "expected": [],
                }
            )
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_cli_ingest_twice_changes_nothing(db):
    first = run_geo("ingest", str(SEED_DIR), "--db", db, "--no-progress")
    assert first.returncode == 0, first.stderr
    assert "1 stored (1 new, 0 updated), 0 unchanged, 0 skipped" in first.stdout
    store = Store(db)
    before = store.counts()
    claims_before = store.claims_frame()
    second = run_geo("ingest", str(SEED_DIR), "--db", db, "--no-progress")
    assert "0 stored (0 new, 0 updated), 1 unchanged, 0 skipped" in second.stdout
    assert store.counts() == before
    pd.testing.assert_frame_equal(store.claims_frame(), claims_before)
    assert before["claims"] >= 4 and before["articles"] == 1


def test_seed_claims_as_stored(db):
    store = Store(db)
    assert (
        store.add(parse_article(read_text_file(SEED, published="2017-10-26", source="antaranews.com")))
        == "new"
    )
    df = store.claims_frame()
    assert list(df.columns) == CLAIM_COLUMNS
    got = {(r.place, r.actor, r.status, str(r.date), r.date_precision) for r in df.itertuples()}
    assert ("Mosul", "iraqi_forces", "captured", "2017-07-01", "month") in got
    assert ("Al Qā’im", "islamic_state", "held", "2017-10-25", "day") in got
    assert ("Rāwah", "islamic_state", "held", "2017-10-25", "day") in got
    assert ("Al Qā’im", "iraqi_forces", "offensive", "2017-10-25", "day") in got
    raqqa = df[df.place == "Ar Raqqah"].iloc[0]
    assert (raqqa.status, str(raqqa.date), str(raqqa.date_end), raqqa.date_precision) == (
        "captured",
        "2017-10-16",
        "2017-10-22",
        "week",
    )
    assert "Baghdad" not in set(df.place)
    assert len(df) == len(got)  # each claim once, though every paragraph appears twice
    for r in df.itertuples():
        text = store.article_text(r.article_id)
        assert (
            text[r.quote_start : r.quote_end] == r.quote
            and text[r.mention_start : r.mention_end] == r.mention
        )


def test_filters(db):
    store = Store(db)
    for text, published, lang in REPORTS:
        store.add(parse_article(make_article(text, published=published, language=lang, source=lang)))
    all_claims = store.claims_frame()
    assert set(all_claims.language) == {"en", "fr", "id"}
    assert set(store.claims_frame(languages=["fr"]).place) == {"Tall ‘Afar"}
    assert set(store.claims_frame(actors=["sdf"]).place) == {"Ar Raqqah"}
    assert set(store.claims_frame(countries=["SY"]).place) == {"Ar Raqqah"}
    from datetime import date

    july = store.claims_frame(date_from=date(2017, 7, 1), date_to=date(2017, 7, 31))
    assert set(july.place) == {"Mosul"}
    assert (
        store.claims_frame(min_confidence=1.01).empty
        and list(store.claims_frame(min_confidence=1.01).columns) == CLAIM_COLUMNS
    )
    lo, hi = store.date_span()
    assert str(lo) == "2015-12-01" and str(hi) >= "2017-10-22"


def test_correction_survives_reparse(db):
    store = Store(db)
    result = parse_article(read_text_file(SEED, published="2017-10-26"))
    store.add(result)
    rawa = next(p for p in result.places if p.mention == "Rawa")
    store.set_correction(result.article.id, rawa.start, rawa.end, 760584)  # say it meant Rawa Mazowiecka
    assert "Rawa Mazowiecka" in set(store.claims_frame().place)
    assert store.add(result, replace=True) == "updated"
    assert "Rawa Mazowiecka" in set(store.claims_frame().place) and "Rāwah" not in set(
        store.claims_frame().place
    )


def test_bad_files_are_reported_and_the_batch_goes_on(tmp_path, db):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 100)
    (folder / "huge.txt").write_bytes(b"Mosul " * (9 * 1024 * 1024))
    (folder / "latin1.txt").write_bytes(
        "Les forces irakiennes ont repris Mossoul en juillet, a déclaré l'armée.".encode("latin-1")
    )
    (folder / "broken.json").write_text('{"text": "Mosul", ', encoding="utf-8")
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    write_jsonl(folder / "records.jsonl", 3)
    with (folder / "records.jsonl").open("a", encoding="utf-8") as fh:
        fh.write("{not json}\n")
    store = Store(db)
    store.add(parse_article(read_text_file(SEED, published="2017-10-26")))
    before = store.claims_frame()
    summary = ingest_paths([folder], store, progress=False)
    reasons = dict(summary.failed)
    assert summary.new == 4  # latin1.txt and three records
    assert {Path(n).name for n in reasons} == {
        "empty.txt",
        "binary.txt",
        "huge.txt",
        "broken.json",
        "records.jsonl",
    }
    assert "empty" in reasons[str(folder / "empty.txt")] and "binary" in reasons[str(folder / "binary.txt")]
    assert (
        "too large" in reasons[str(folder / "huge.txt")]
        and "not valid JSON" in reasons[str(folder / "broken.json")]
    )
    assert "records.jsonl:4" in reasons[str(folder / "records.jsonl")]
    assert all("\n" not in r for r in reasons.values())
    after = store.claims_frame()
    assert set(before.claim_id) <= set(after.claim_id)  # nothing stored was harmed
    assert "Mosul" in set(after[after.language == "fr"].place)


def test_html_and_feed_files(tmp_path, db):
    html = tmp_path / "page.html"
    html.write_text(
        "<html><head><title>Raqqa falls</title></head><body><nav>Home | World</nav>"
        "<article><h1>Raqqa falls</h1>"
        "<p>Raqqa fell to the SDF last week after a four-month battle, commanders said on Thursday.</p>"
        "<p>The Kurdish-led forces said they now control the whole city.</p><script>alert(1)</script>"
        "</article></body></html>",
        encoding="utf-8",
    )
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>'
        "<item><title>Mosul retaken</title><description>&lt;p&gt;Iraqi forces retook Mosul in July.&lt;/p&gt;"
        "&lt;img src=x onerror=alert(1)&gt;</description>"
        "<pubDate>Wed, 12 Jul 2017 10:00:00 GMT</pubDate><link>https://example.org/a</link></item></channel></rss>",
        encoding="utf-8",
    )
    store = Store(db)
    summary = ingest_paths([html, feed], store, progress=False)
    assert summary.new == 2 and not summary.failed
    texts = [store.article_text(i) for i in store.articles_frame().id]
    assert not any("<" in t for t in texts)
    claims = store.claims_frame()
    assert {"Ar Raqqah", "Mosul"} <= set(claims.place)
    assert "https://example.org/a" in set(claims.url)


def test_two_ingests_at_once_store_each_article_once(tmp_path):
    path = write_jsonl(tmp_path / "batch.jsonl", 24)
    url = f"sqlite:///{tmp_path / 'shared.sqlite'}"
    Store(url)  # create the schema first, as a deployed store would have
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "geo", "ingest", str(path), "--db", url, "--no-progress"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=600) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    assert Store(url).counts()["articles"] == 24
    ids = Store(url).articles_frame().id
    assert ids.is_unique


def test_killed_ingest_leaves_a_consistent_database(tmp_path):
    # Enough articles that the kill lands between two of the ingest's batches (it stores up to 500
    # articles, or a second's worth, per transaction).
    n = 3000
    path = write_jsonl(tmp_path / "many.jsonl", n)
    db_path = tmp_path / "killed.sqlite"
    url = f"sqlite:///{db_path}"
    store = Store(url)
    proc = subprocess.Popen(
        [sys.executable, "-m", "geo", "ingest", str(path), "--db", url, "--no-progress"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 120
    while time.time() < deadline and store.counts()["articles"] < 5:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    con = sqlite3.connect(db_path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # every stored article has its mentions: none was stored half-way
    orphans = con.execute(
        "SELECT count(*) FROM articles a"
        " WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id)"
    ).fetchone()[0]
    stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    con.close()
    assert 5 <= stored < n and orphans == 0
    again = run_geo("ingest", str(path), "--db", url, "--no-progress")  # the batch can simply be run again
    assert again.returncode == 0 and Store(url).counts()["articles"] == n


@pytest.mark.parametrize(
    "fmt, suffix", [("csv", "csv"), ("geojson", "geojson"), ("gpkg", "gpkg"), ("acled", "csv")]
)
def test_exports(tmp_path, db, fmt, suffix):
    store = Store(db)
    store.add(parse_article(read_text_file(SEED, published="2017-10-26", source="antaranews.com")))
    out = tmp_path / f"claims.{suffix}"
    proc = run_geo("export", "--db", db, "-o", str(out), "--format", fmt)
    assert proc.returncode == 0, proc.stderr
    n = len(store.claims_frame())
    if fmt in ("geojson", "gpkg"):
        gdf = gpd.read_file(out)
        assert (
            len(gdf) == n
            and gdf.crs.to_epsg() == 4326
            and {"quote", "actor", "date_precision"} <= set(gdf.columns)
        )
    else:
        frame = pd.read_csv(out)
        assert len(frame) == n
        if fmt == "acled":
            assert {
                "event_date",
                "time_precision",
                "sub_event_type",
                "actor1",
                "geo_precision",
                "notes",
            } <= set(frame.columns)
            assert "Government regains territory" in set(frame.sub_event_type)


def test_bad_database_url_is_one_line(tmp_path):
    proc = run_geo("ingest", str(SEED_DIR), "--db", "nosuchdriver://x/y")
    assert proc.returncode == 2 and proc.stderr.startswith("error: ") and "Traceback" not in proc.stderr


def test_urls_need_online(tmp_path):
    url = f"sqlite:///{tmp_path / 'u.sqlite'}"
    proc = run_geo("ingest", "https://example.org/feed.xml", str(SEED), "--db", url, "--no-progress")
    assert proc.returncode == 0, proc.stderr
    assert "needs --online" in proc.stderr and "1 stored (1 new" in proc.stdout and "1 skipped" in proc.stdout


def test_a_rule_change_reparses(db):
    store = Store(db)
    result = parse_article(read_text_file(SEED, published="2017-10-26"))
    assert store.add(result, parser_version="0.0.1+old") == "new"
    assert store.add(result) == "updated"  # today's rules differ from "old": replaced in one go
    assert store.add(result) == "unchanged"


def test_version_changes_with_any_write(db):
    store = Store(db)
    v0 = store.version()
    result = parse_article(read_text_file(SEED, published="2017-10-26"))
    store.add(result)
    v1 = store.version()
    assert v1 != v0
    other = Store(db)  # another session, another process would see the same
    rawa = next(p for p in result.places if p.mention == "Rawa")
    other.set_correction(result.article.id, rawa.start, rawa.end, 760584)
    v2 = store.version()
    assert v2 != v1
    other.undo(int(other.changes().change_id.iloc[0]), editor="bob")  # the correction, undone
    assert store.version() not in (v2, v1)


def test_add_with_corrections_records_who_and_undo_reverts(db):
    store = Store(db)
    result = parse_article(read_text_file(SEED, published="2017-10-26"))
    rawa = next(p for p in result.places if p.mention == "Rawa")
    assert store.add(result, corrections={(rawa.start, rawa.end): 760584}, editor="alice") == "new"
    assert "Rawa Mazowiecka" in set(store.claims_frame().place)
    log = store.changes()
    assert list(log.columns) == ["change_id", "at", "editor", "action", "article_id", "detail", "undone"]
    assert list(log.action) == ["correct", "add"] and set(log.editor) == {"alice"} and not log.undone.any()
    assert store.place_rules() == {rawa.key: 760584}
    rules = store.rules_frame()
    assert list(rules.columns) == [
        "rule_id",
        "key",
        "mention",
        "geonameid",
        "place",
        "country_code",
        "editor",
        "created_at",
    ]
    assert rules.iloc[0].place == "Rawa Mazowiecka" and rules.iloc[0].editor == "alice"
    correct = int(log.change_id.iloc[0])
    said = store.undo(correct, editor="bob")
    assert "Rawa" in said and "\n" not in said
    places = set(store.claims_frame().place)
    assert "Rāwah" in places and "Rawa Mazowiecka" not in places and store.place_rules() == {}
    from geo.errors import InputError

    with pytest.raises(InputError, match="already undone"):
        store.undo(correct)
    latest = store.changes().iloc[0]
    assert latest.action == "undo" and latest.editor == "bob"
    add = int(store.changes().query("action == 'add'").change_id.iloc[0])
    assert "removed article" in store.undo(add)
    assert store.counts()["articles"] == 0 and store.counts()["claims"] == 0


def test_a_removed_rule_comes_back_with_undo(db):
    store = Store(db)
    result = parse_article(read_text_file(SEED, published="2017-10-26"))
    store.add(result)
    rawa = next(p for p in result.places if p.mention == "Rawa")
    store.set_correction(result.article.id, rawa.start, rawa.end, 760584, editor="carol")
    rule_id = int(store.rules_frame().rule_id.iloc[0])
    store.remove_rule(rule_id, editor="dan")
    assert store.place_rules() == {}
    assert "restored the rule" in store.undo(int(store.changes().change_id.iloc[0]))
    assert store.place_rules() == {rawa.key: 760584}


def test_dates_outside_the_plausible_range_never_get_in(db):
    from dataclasses import replace
    from datetime import date

    from geo.store import PLAUSIBLE_DATES

    store = Store(db)
    result = parse_article(read_text_file(SEED, published="2017-10-26"))
    bad_claim = replace(result.claims[0], date=date(1500, 1, 1), date_end=date(1500, 1, 1))
    bad_article = replace(result.article, published=date(1, 1, 1))
    hostile = replace(result, article=bad_article, claims=(bad_claim, *result.claims[1:]))
    rejected: list[str] = []
    assert store.add(hostile, rejected=rejected) == "new"
    assert len(rejected) == 2 and all("\n" not in r for r in rejected)
    assert "publication date 0001-01-01" in rejected[0] and "1500-01-01" in rejected[1]
    assert len(store.claims_frame()) == len(result.claims) - 1  # the rest of the article kept
    assert store.articles_frame().published.isna().all()
    lo, hi = store.date_span()
    assert PLAUSIBLE_DATES[0] <= lo and hi <= PLAUSIBLE_DATES[1]


def test_ingest_passes_the_rules_to_a_parser_that_takes_them(tmp_path, db):
    store = Store(db)
    result = parse_article(read_text_file(SEED, published="2017-10-26"))
    store.add(result)
    rawa = next(p for p in result.places if p.mention == "Rawa")
    store.set_correction(result.article.id, rawa.start, rawa.end, 760584)
    seen = []

    def parse(article, gazetteer=None, *, preferred=None):
        seen.append(dict(preferred or {}))
        return parse_article(article)

    summary = ingest_paths([write_jsonl(tmp_path / "r.jsonl", 2)], store, parse=parse, progress=False)
    assert summary.new == 2 and seen == [{rawa.key: 760584}] * 2


def test_a_claims_place_is_stored_even_when_no_mention_names_it(db):
    store = Store(db)
    result = parse_article(read_text_file(SEED, published="2017-10-26"))
    from dataclasses import replace

    assert store.add_many([replace(result, places=())]) == ["new"]
    assert len(store.claims_frame()) == len(result.claims)


def test_a_place_drawn_near_its_parent_stays_marked_near_until_corrected(db):
    """A village placed at its named parent (``precision == "near"``) is stored as such, so the page
    can draw it as approximate; one the editor corrected to a real place is exact."""
    from dataclasses import replace

    store = Store(db)
    result = parse_article(read_text_file(SEED, published="2017-10-26"))
    spans = sorted({(c.place.start, c.place.end) for c in result.claims})
    assert len(spans) >= 2
    corrected, left = spans[0], spans[1]
    claims = tuple(
        replace(c, place=replace(c.place, precision="near"))
        if (c.place.start, c.place.end) in spans[:2]
        else c
        for c in result.claims
    )
    baghdad = next(p.place.geonameid for p in result.places if p.place.name == "Baghdad")
    store.add(replace(result, claims=claims), corrections={corrected: baghdad})
    frame = store.claims_frame()
    by_span = dict(zip(zip(frame["mention_start"], frame["mention_end"]), frame["place_precision"]))
    assert by_span[left] == "near" and by_span[corrected] == "exact"
    assert all(by_span[s] == "exact" for s in spans[2:])
