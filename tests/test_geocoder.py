"""The offline gazetteer and its geopy geocoder, on the names the press really uses."""

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from geopy.exc import GeopyError
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geo.errors import InputError
from geo.evaluate.geoparse import haversine_km
from geo.gazetteer import Gazetteer, default_gazetteer, index, is_seat_of
from geo.gazetteer.geocoder import (
    AmbiguousPlaceError,
    GeocoderInputError,
    TidemarkGeocoder,
    UnknownQualifierError,
)
from geo.text.names import normalize_name, tokenize

ROOT = Path(__file__).resolve().parent.parent

# (query, country filter or None, true lat, lon) - positions from GeoNames / Wikipedia.
WITHIN_25_KM = [
    ("al-Qaim", None, 34.39251, 40.98945),
    ("Al Qaim", None, 34.39251, 40.98945),
    ("Al Qā’im", None, 34.39251, 40.98945),
    ("Qaim", None, 34.39251, 40.98945),
    ("Rawa", "IQ", 34.48229, 41.91898),
    ("Raqqa", None, 35.95283, 39.00788),
    ("Ar-Raqqah", None, 35.95283, 39.00788),
    ("al-Raqqa", None, 35.95283, 39.00788),
    ("الموصل", None, 36.335, 43.11889),
    ("Мосул", None, 36.335, 43.11889),
    ("Mossoul", None, 36.335, 43.11889),
    ("Mosul", None, 36.335, 43.11889),
    ("Bagdad", None, 33.34058, 44.40088),
    ("Багдад", None, 33.34058, 44.40088),
    ("بغداد", None, 33.34058, 44.40088),
    ("Deir ez-Zor", None, 35.33588, 40.14084),
    ("Kobani", None, 36.89095, 38.35347),
    ("Kobanê", None, 36.89095, 38.35347),
    ("Tal Afar", None, 36.37458, 42.44871),
    ("Tikrit", None, 34.61581, 43.67861),
    ("Ramadi", None, 33.42056, 43.30778),
    ("Fallujah", None, 33.34913, 43.77251),
    ("Falloujah", None, 33.34913, 43.77251),
    ("Palmyra", "SY", 34.56, 38.28),
    ("Tadmur", None, 34.56, 38.28),
    ("Manbij", None, 36.5281, 37.9549),
    ("Jarablus", None, 36.8175, 38.01111),
    ("Sinjar", None, 36.3209, 41.87656),
    ("Kirkuk", None, 35.46806, 44.39222),
    ("Erbil", None, 36.19257, 44.01062),
    ("Aleppo", None, 36.20278, 37.15861),
    ("Alep", None, 36.20278, 37.15861),
    ("حلب", None, 36.20278, 37.15861),
    ("Abu Kamal", None, 34.45226, 40.91854),
    ("Damaskus", None, 33.5102, 36.29128),
    ("Dimashq", None, 33.5102, 36.29128),
    ("Kyiv", None, 50.45466, 30.5238),
    ("Київ", None, 50.45466, 30.5238),
    ("Bakhmut", None, 48.59441, 38.00019),
    ("Mosul Dam", None, 36.6306, 42.8231),  # a custom place (data/gazetteer/custom.csv)
]

COUNTRIES = [
    ("Irak", "IQ"),
    ("Iraq", "IQ"),
    ("العراق", "IQ"),
    ("Ирак", "IQ"),
    ("Suriah", "SY"),
    ("Syrie", "SY"),
    ("Siria", "SY"),
    ("سوريا", "SY"),
    ("Amerika Serikat", "US"),
    ("United States", "US"),
    ("Rusia", "RU"),
    ("Россия", "RU"),
    ("Turki", "TR"),
    ("Türkiye", "TR"),
    ("Ukraine", "UA"),
    ("Україна", "UA"),
    ("Britain", "GB"),
]


@pytest.fixture(scope="module")
def geocoder():
    return TidemarkGeocoder()


def test_is_a_geopy_geocoder(geocoder):
    assert isinstance(geocoder, Geocoder)
    loc = geocoder.geocode("Mosul")
    assert isinstance(loc, Location)
    assert loc.raw["geonameid"] == 99072 and loc.raw["country_code"] == "IQ" and loc.raw["kind"] == "city"
    assert loc.raw["population"] > 1_000_000 and loc.raw["admin1"]


@pytest.mark.parametrize("query, country, lat, lon", WITHIN_25_KM)
def test_resolves_within_25_km(geocoder, query, country, lat, lon):
    loc = geocoder.geocode(query, country_codes=country, exactly_one=False)[0]
    assert haversine_km(lat, lon, loc.latitude, loc.longitude) <= 25, loc.raw


@pytest.mark.parametrize("query, cc", COUNTRIES)
def test_countries_in_many_languages(geocoder, query, cc):
    loc = geocoder.geocode(query)
    assert loc.raw["kind"] == "country" and loc.raw["country_code"] == cc


@pytest.mark.parametrize(
    "query, cc, lat, lon",
    [
        ("Anbar", "IQ", 33.4, 43.1),
        ("Nineveh", "IQ", 36.2, 42.5),
        ("Ninawa", "IQ", 36.2, 42.5),
        ("California", "US", 37.0, -120.0),
    ],
)
def test_first_level_divisions(geocoder, query, cc, lat, lon):
    loc = geocoder.geocode(query, exactly_one=False)[0]
    assert loc.raw["kind"] == "admin1" and loc.raw["country_code"] == cc
    assert haversine_km(lat, lon, loc.latitude, loc.longitude) < 250


# GeoNames' points for the provinces: the middle of the land, where the towns' mean (crowding the
# coasts and the south) is not. Bounds leave room for a centre derived from towns.
@pytest.mark.parametrize(
    "query, cc, lat, lon, km",
    [
        ("Texas", "US", 31.25, -99.25, 100),
        ("California", "US", 37.25, -119.75, 150),
        ("New York", "US", 43.0, -75.5, 100),
        ("Ontario", "CA", 49.25, -84.5, 450),
        ("Queensland", "AU", -20.0, 145.0, 450),
    ],
)
def test_province_sits_in_the_middle_of_its_land(geocoder, query, cc, lat, lon, km):
    loc = [
        c for c in geocoder.geocode(query, exactly_one=False, country_codes=[cc]) if c.raw["kind"] == "admin1"
    ][0]
    assert haversine_km(lat, lon, loc.latitude, loc.longitude) < km


def test_counties_of_one_name_are_told_apart_by_state():
    gaz = default_gazetteer()
    butlers = [p for p in gaz.search("Butler County", country_codes=["US"]) if p.kind == "admin2"]
    assert len({p.admin1 for p in butlers}) == len(butlers) >= 5
    assert min(haversine_km(39.44, -84.58, p.lat, p.lon) for p in butlers) < 40  # Butler County, Ohio


# Regions, seas and disputed lands the news names that no administrative list holds.
@pytest.mark.parametrize(
    "query, cc, lat, lon",
    [
        ("Middle East", "", 29.0, 41.0),
        ("Timur Tengah", "", 29.0, 41.0),
        ("الشرق الأوسط", "", 29.0, 41.0),
        ("Moyen-Orient", "", 29.0, 41.0),
        ("Laut Hitam", "", 43.4, 34.0),
        ("Чорне море", "", 43.4, 34.0),
        ("Donbas", "UA", 48.0, 38.5),
        ("Донбасс", "UA", 48.0, 38.5),
        ("Eastern Ghouta", "SY", 33.55, 36.4),
        ("الغوطة الشرقية", "SY", 33.55, 36.4),
        ("Jalur Gaza", "PS", 31.42, 34.37),
        ("Tepi Barat", "PS", 31.95, 35.25),
        ("Krimea", "UA", 45.3, 34.4),
        ("Darfur", "SD", 13.5, 24.0),
    ],
)
def test_regions_seas_and_disputed_lands(geocoder, query, cc, lat, lon):
    loc = geocoder.geocode(query, exactly_one=False)[0]
    assert loc.raw["kind"] in ("region", "admin1") and loc.raw["country_code"] == cc
    assert haversine_km(lat, lon, loc.latitude, loc.longitude) < 100


def test_ambiguous_name_returns_candidates_not_a_hamlet(geocoder):
    with pytest.raises(AmbiguousPlaceError) as err:
        geocoder.geocode("Rawa")
    cands = err.value.candidates
    assert len(cands) >= 2 and "IQ" in {c.raw["country_code"] for c in cands}
    assert all("population" in c.raw for c in cands)
    assert "ambiguous" in str(err.value)
    everything = geocoder.geocode("Rawa", exactly_one=False)
    pops = [c.raw["population"] for c in everything if c.raw["kind"] == "city"]
    assert pops == sorted(pops, reverse=True)


def test_reverse(geocoder):
    loc = geocoder.reverse("34.39, 40.99")
    assert loc.raw["geonameid"] == 92138 and loc.raw["distance_km"] < 2
    assert len(geocoder.reverse((36.34, 43.12), exactly_one=False, limit=3)) == 3


@pytest.mark.parametrize("bad", ["", "   ", None, 42, "x" * 5000, "!!!"])
def test_bad_queries_get_one_line(geocoder, bad):
    with pytest.raises(InputError) as err:
        geocoder.geocode(bad)
    assert "\n" not in str(err.value)


def test_reverse_bad_point(geocoder):
    with pytest.raises(InputError):
        geocoder.reverse("north of Mosul")


def test_online_fallback_is_off_by_default(geocoder, monkeypatch):
    monkeypatch.delenv("TIDEMARK_ONLINE", raising=False)
    assert TidemarkGeocoder().online is False
    assert geocoder.geocode("Xqzzyqz Nowhereville") is None


def test_name_normal_form():
    forms = ["al-Qaim", "Al Qā’im", "AL QAIM", "Qaim", "al-Qa'im", "Al-Qaïm"]
    assert {normalize_name(f) for f in forms} == {"qaim"}
    assert normalize_name("Ar Raqqah") == normalize_name("ar-Raqqah") == "raqqah"
    toks = tokenize("Fighting in Mosul's old city")
    assert [(t.start, t.end, t.norm) for t in toks][2] == (12, 17, "mosul")  # the possessive stays out


def test_custom_csv_bad_rows_are_reported(tmp_path):
    csv = tmp_path / "custom.csv"
    csv.write_text(
        "name,alternate_names,lat,lon,country,kind\n"
        "Camp Speicher,COB Speicher,34.6,43.5,IQ,feature\n"
        "Broken Row,,north,43.5,IQ,feature\n"
        ",,34.6,43.5,IQ,feature\n"
        "Far Away,,123,43.5,IQ,feature\n"
        "Wrong Kind,,34.6,43.5,IQ,castle\n"
        "Qayyarah Bridge,Qayyarah Bridge|جسر القيارة,35.80,43.29,IQ,feature\n",
        encoding="utf-8",
    )
    gaz = Gazetteer(index.ensure_built(progress=False), custom_places=csv)
    lines = [w for w in gaz.warnings if str(csv) in w]
    assert [w.split(":")[1] for w in lines] == ["3", "4", "5", "6"]
    assert gaz.lookup(normalize_name("COB Speicher"))[0].name == "Camp Speicher"
    assert gaz.lookup(normalize_name("جسر القيارة"))[0].kind == "feature"
    assert "qayyarah" in gaz and gaz.has_prefix("qayyarah")


def test_cache_is_reused_and_follows_its_sources(tmp_path):
    folder = index.ensure_built(progress=False)
    assert index.ensure_built(progress=False) == folder
    fake = tmp_path / "source.csv"
    fake.write_text("a\n", encoding="utf-8")
    before = index.fingerprint([fake])
    fake.write_text("a,b\n", encoding="utf-8")
    assert index.fingerprint([fake]) != before


def test_default_gazetteer_is_shared():
    assert default_gazetteer() is default_gazetteer()


def test_geocode_cli_json():
    proc = subprocess.run(
        [sys.executable, "-m", "geo", "geocode", "Ar-Raqqah", "--limit", "3", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["candidates"][0]["name"] == "Ar Raqqah" and out["candidates"][0]["country_code"] == "SY"
    assert len(out["candidates"]) <= 3


def test_geocode_cli_bad_name():
    proc = subprocess.run(
        [sys.executable, "-m", "geo", "geocode", "   "], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert (
        proc.returncode == 2
        and proc.stderr.startswith("error: ")
        and len(proc.stderr.strip().splitlines()) == 1
    )


def test_every_amended_place_exists():
    """place_names.csv amends GeoNames places by id: an id the packaged data lacks is a typo."""
    gaz = default_gazetteer()
    with (ROOT / "data" / "gazetteer" / "place_names.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows
    for row in rows:
        place = gaz.get(int(row["geonameid"]))
        assert place is not None, row
        assert gaz.search(row["names"].split("|")[0])[0].geonameid == place.geonameid, row


def test_division_ids_survive_a_change_of_sources():
    """A correction names a place by id: a province's id must not move when other provinces come
    or go in the sources (they did when ids were row numbers)."""
    from geo.gazetteer import sources

    towns = [t for t in sources.cities() if t.country_code in ("IQ", "SY", "JO", "AF")]
    fewer = [t for t in towns if t.country_code != "AF"]
    before = {(r.country_code, r.name): r.geonameid for r in sources.admin1(towns)}
    after = {(r.country_code, r.name): r.geonameid for r in sources.admin1(fewer)}
    assert len(after) < len(before) and ("IQ", "Anbar") in after
    assert {k: before[k] for k in after} == after


def test_a_custom_place_is_one_candidate_under_all_its_names():
    """custom.csv's Baghuz has several names that meet in one key: it must stand once among the
    candidates, or it rivals itself and its confidence halves."""
    from geo.parse.pipeline import geoparse_text

    gaz = default_gazetteer()
    assert len(gaz.search("Baghuz")) == 1
    baghuz = [
        p
        for p in geoparse_text("The SDF declared the fall of Baghuz on Saturday.", "en", gaz)
        if p.mention == "Baghuz"
    ][0]
    assert baghuz.confidence >= 0.9


def test_places_by_kind():
    gaz = default_gazetteer()
    big = gaz.places("city", min_population=5_000_000)
    assert big and all(p.kind == "city" and p.population >= 5_000_000 for p in big)
    assert {"Baghdad", "Istanbul"} <= {p.name for p in big}
    assert len(gaz.places("country")) > 200


# --- geopy's and geopandas' own entry points -------------------------------------------------


def test_options_are_keyword_only_as_in_geopy(geocoder):
    with pytest.raises(TypeError):
        geocoder.geocode("Mosul", False)
    with pytest.raises(TypeError):
        geocoder.reverse((36.34, 43.13), False)


def test_limit_as_geopy_defines_it(geocoder):
    assert len(geocoder.geocode("Springfield", exactly_one=False, limit=3)) == 3
    assert geocoder.geocode("Mosul", limit=3).raw["geonameid"] == 99072  # exactly_one: one answer
    for bad in (0, -1):
        with pytest.raises(GeocoderInputError) as err:
            geocoder.geocode("Springfield", exactly_one=False, limit=bad)
        assert isinstance(err.value, ValueError) and "limit" in str(err.value)


def test_errors_are_geopy_errors_and_input_errors(geocoder):
    for cls in (AmbiguousPlaceError, UnknownQualifierError, GeocoderInputError):
        assert issubclass(cls, GeopyError) and issubclass(cls, InputError)
    with pytest.raises(GeopyError):
        geocoder.geocode("Rawa")
    with pytest.raises(UnknownQualifierError) as err:
        geocoder.geocode("Rawa, Narnia")
    assert err.value.qualifier == "Narnia" and "\n" not in str(err.value)
    with pytest.raises(GeopyError):
        geocoder.geocode({"street": "1 Main Street", "city": "Mosul"})
    with pytest.raises(GeopyError):
        geocoder.geocode("Mosul", featuretype="planet")


def test_a_known_qualifier_with_nothing_of_that_name_in_it_is_no_answer(geocoder):
    assert geocoder.geocode("Paris, Iraq") is None
    assert geocoder.geocode({"city": "Rawa", "country": "Chile"}) is None


def test_structured_fields_are_read_as_what_they_say(geocoder):
    # A country field must name a country: "Atlantis" is a town in Florida, not a country.
    with pytest.raises(UnknownQualifierError):
        geocoder.geocode({"city": "Rawa", "country": "Atlantis"})
    anbar = geocoder.geocode({"state": "Anbar"})
    assert anbar.raw["kind"] == "admin1" and anbar.raw["country_code"] == "IQ"


@pytest.mark.parametrize("provider", ["class", "instance"])
def test_geopandas_geocode_drives_the_geocoder(provider):
    geopandas = pytest.importorskip("geopandas")
    coder = TidemarkGeocoder if provider == "class" else TidemarkGeocoder(default_gazetteer())
    queries = ["Rawa, Iraq", "Paris, Texas", "Arbil", "Rawa", "Rawa, Narnia", "Xqzzyqz Nowhereville"]
    df = geopandas.tools.geocode(queries, provider=coder)
    assert list(df.index) == list(range(len(queries))) and df.crs.to_epsg() == 4326
    assert haversine_km(34.48, 41.92, df.geometry[0].y, df.geometry[0].x) < 5
    assert haversine_km(33.66, -95.56, df.geometry[1].y, df.geometry[1].x) < 10
    assert haversine_km(36.19, 44.01, df.geometry[2].y, df.geometry[2].x) < 5  # the city, not the province
    assert df.address[0] == "Rāwah, Anbar, Iraq"
    # Ambiguous, unknown qualifier, unknown name: geopandas' empty point, no exception.
    assert all(df.geometry[i].is_empty and df.address.isna()[i] for i in (3, 4, 5))


def test_geopandas_reverse_geocode_drives_the_geocoder():
    geopandas = pytest.importorskip("geopandas")
    from shapely.geometry import Point as ShapelyPoint

    df = geopandas.tools.reverse_geocode([ShapelyPoint(43.13, 36.34)], provider=TidemarkGeocoder)
    assert df.address[0].startswith("Mosul")


def test_rate_limiter_wraps_geocode_and_reverse(geocoder):
    from geopy.extra.rate_limiter import RateLimiter

    geocode = RateLimiter(geocoder.geocode, min_delay_seconds=0.01)
    assert geocode("Rawa, Iraq").raw["geonameid"] == 92004
    assert len(geocode("Springfield", exactly_one=False, limit=2)) == 2
    assert geocode({"city": "Paris", "state": "Texas"}).raw["admin1"] == "TX"
    # A query error is not a service failure: RateLimiter raises it at once, without retrying.
    with pytest.raises(AmbiguousPlaceError):
        RateLimiter(geocoder.geocode, min_delay_seconds=0.01, max_retries=0)("Rawa")
    reverse = RateLimiter(geocoder.reverse, min_delay_seconds=0.01)
    assert reverse((34.39, 40.99), language="ar").raw["geonameid"] == 92138


def test_an_instance_answers_geopandas_call_with_itself():
    coder = TidemarkGeocoder(default_gazetteer())
    assert coder() is coder
    assert isinstance(coder(user_agent="x"), TidemarkGeocoder)


# --- the seat rule, addresses -----------------------------------------------------------------


def test_seat_predicate():
    gaz = default_gazetteer()
    arbil = next(p for p in gaz.lookup("arbil") if p.kind == "admin1")
    erbil = gaz.get(95446)
    assert is_seat_of(erbil, arbil) and not is_seat_of(arbil, erbil)
    rawah, anbar = gaz.get(92004), next(p for p in gaz.lookup("anbar") if p.kind == "admin1")
    assert (rawah.country_code, rawah.admin1) == (anbar.country_code, anbar.admin1)
    assert not is_seat_of(rawah, anbar)  # a town of 13,000 does not stand for a province of 500,000
    assert not is_seat_of(gaz.get(99072), arbil)  # Mosul lies in another province
    assert gaz.seat_of(arbil) == erbil


@pytest.mark.parametrize(
    "query, options, kind",
    [
        ("Arbil", {}, "city"),
        ("Arbil Governorate", {}, "admin1"),
        ("Arbil", {"featuretype": "state"}, "admin1"),
        ({"state": "Arbil"}, {}, "admin1"),
        ("Deir Ezzor", {}, "city"),
        ("Deir Ezzor", {"featuretype": "state"}, "admin1"),
    ],
)
def test_the_city_unless_the_query_says_province(geocoder, query, options, kind):
    loc = geocoder.geocode(query, **options)
    assert loc.raw["kind"] == kind and loc.raw["country_code"] in ("IQ", "SY")


@pytest.mark.parametrize("name", ["Aleppo", "Raqqa", "Paris", "Springfield", "Washington"])
def test_distinct_results_read_differently(geocoder, name):
    found = geocoder.geocode(name, exactly_one=False, limit=8)
    keys = [normalize_name(loc.address) for loc in found]
    assert len(set(keys)) == len(keys), [loc.address for loc in found]


def test_aleppo_city_and_province_read_differently(geocoder):
    city, province = geocoder.geocode("Aleppo", exactly_one=False)[:2]
    assert city.address == "Aleppo, Syria" and province.raw["kind"] == "admin1"
    assert province.address != city.address and "Syria" in province.address


@pytest.mark.parametrize(
    "language, address",
    [("ar", "الموصل، نينوى، العراق"), ("ru", "Мосул"), ("fr", "Mossoul"), ("en", "Mosul, Ninawa, Iraq")],
)
def test_addresses_in_the_language_asked_for(geocoder, language, address):
    assert geocoder.geocode("Mosul", language=language).address.startswith(address)
    assert geocoder.reverse((36.34, 43.13), language=language).address.startswith(address)


def test_an_unknown_language_falls_back_to_english(geocoder):
    assert geocoder.geocode("Mosul", language="qq").address == geocoder.geocode("Mosul").address


def test_geocode_cli_answers_a_qualified_query():
    proc = subprocess.run(
        [sys.executable, "-m", "geo", "geocode", "Rawa, Iraq", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    first = json.loads(proc.stdout)["candidates"][0]
    assert first["name"] == "Rāwah" and first["geonameid"] == 92004


def test_addressdetails_as_nominatim_names_them(geocoder):
    parts = geocoder.geocode("Rawa, Iraq", addressdetails=True, language="ar").raw["address"]
    assert parts == {"city": "راوة", "state": "الأنبار", "country": "العراق", "country_code": "iq"}
    assert geocoder.reverse((36.34, 43.13)).raw["address"]["city"] == "Mosul"
    assert "address" not in geocoder.geocode("Rawa, Iraq").raw
