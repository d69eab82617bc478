"""``python -m geo parse`` as a user runs it: a real process over the real seed article."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from geo.evaluate.geoparse import haversine_km

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "articles" / "antaranews-iraq-alqaim-rawa.txt"

# True positions (GeoNames) of what the seed names.
TRUTH = {
    "al-Qaim": (34.39251, 40.98945),
    "Rawa": (34.48229, 41.91898),
    "Mosul": (36.335, 43.11889),
    "Raqqa": (35.95283, 39.00788),
    "Baghdad": (33.34058, 44.40088),
}


def run_geo(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "geo", *args], cwd=cwd, capture_output=True, text=True, timeout=600
    )


@pytest.fixture(scope="module")
def seed_json() -> dict:
    proc = run_geo("parse", str(SEED), "--published", "2017-10-26", "--source", "antaranews.com", "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_seed_article_metadata(seed_json):
    art = seed_json["article"]
    assert art["language"] == "id"
    assert art["published"] == "2017-10-26"
    assert art["source"] == "antaranews.com"
    assert len(art["id"]) >= 16


def test_seed_places_with_coordinates(seed_json):
    places = seed_json["places"]
    for mention, (lat, lon) in TRUTH.items():
        found = [p for p in places if p["mention"] == mention]
        assert found, f"{mention} not found in {[p['mention'] for p in places]}"
        for p in found:
            assert haversine_km(lat, lon, p["lat"], p["lon"]) < 25, p
            assert p["kind"] == "city"
            assert 0 < p["confidence"] <= 1
            assert p["geonameid"] > 0
    countries = {p["country_code"] for p in places if p["kind"] == "country"}
    assert {"IQ", "SY"} <= countries


def test_seed_offsets_point_at_the_mentions(seed_json):
    # Offsets index the cleaned text; re-derive it the way the CLI does and check them.
    from geo.text.articles import read_text_file

    text = read_text_file(SEED).text
    for p in seed_json["places"]:
        assert text[p["start"] : p["end"]] == p["mention"]


def test_seed_has_a_claim_with_its_quote(seed_json):
    claims = seed_json["claims"]
    assert claims
    for c in claims:
        assert c["quote"] and c["place"] and c["actor"] and c["status"]
        assert c["lat"] is not None and c["lon"] is not None


def test_human_readable_output():
    proc = run_geo("parse", str(SEED), "--published", "2017-10-26")
    assert proc.returncode == 0, proc.stderr
    assert "Mosul" in proc.stdout


@pytest.mark.parametrize(
    "setup, args, message",
    [
        (None, ["parse", "no/such/article.txt"], "no such file"),
        ("empty", ["parse", "{path}"], "empty"),
        ("binary", ["parse", "{path}"], "binary"),
        ("text", ["parse", "{path}", "--published", "26/10/2017"], "not a date"),
        ("text", ["parse", "{path}", "--published", "2017-02-30"], "not a date"),
        ("punct", ["parse", "{path}"], "no words"),
    ],
)
def test_bad_input_gives_one_line(tmp_path, setup, args, message):
    path = tmp_path / "article.txt"
    if setup == "empty":
        path.write_bytes(b"")
    elif setup == "binary":
        path.write_bytes(bytes(range(256)) * 64)
    elif setup == "text":
        path.write_text("Iraqi forces retook Mosul in July.", encoding="utf-8")
    elif setup == "punct":
        path.write_text("... ,,, !!! 123", encoding="utf-8")
    proc = run_geo(*[a.format(path=path) for a in args])
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("error: ") and message in lines[0]
    assert "Traceback" not in proc.stderr


def test_latin1_article_is_read(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(
        "Les forces irakiennes ont repris Mossoul en juillet, a déclaré l'armée à Bagdad.".encode("latin-1")
    )
    proc = run_geo("parse", str(path), "--published", "2017-07-12", "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["article"]["language"] == "fr"
    assert any(p["mention"] == "Mossoul" for p in out["places"])


def test_parse_reads_html_as_ingest_does(tmp_path):
    """Only the page's article text is parsed: no place from its script, menu or markup."""
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Raqqa falls</title><script>var city = 'Mosul'; var x = '<p>Tikrit</p>';</script>"
        "</head><body><nav>Home | Baghdad desk</nav><article><h1>Raqqa falls</h1>"
        "<p>Raqqa fell to the SDF last week after a four-month battle, commanders said on Thursday.</p>"
        "<p>The Kurdish-led forces said they now control the whole city.</p></article>"
        "<script>document.title = 'Mosul';</script></body></html>",
        encoding="utf-8",
    )
    proc = run_geo("parse", str(page), "--published", "2017-10-26", "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    mentions = {p["mention"] for p in out["places"]}
    assert "Raqqa" in mentions and not mentions & {"Mosul", "Tikrit"}
    assert out["article"]["published"] == "2017-10-26" and out["article"]["title"] == "Raqqa falls"
