"""Building the gazetteer from a user's full GeoNames dump (a small fixture in that format)."""

from pathlib import Path

from geo.gazetteer import Gazetteer, index
from geo.gazetteer.geonames_dump import read_dump
from geo.text.names import normalize_name

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "geonames"


def test_read_dump_kinds_names_and_bad_lines():
    warnings: list[str] = []
    recs = {r.geonameid: r for r in read_dump(FIXTURE, warnings)}
    assert set(recs) == {99072, 92138, 99594, 99110}
    assert recs[99072].kind == "city" and recs[99594].kind == "feature" and recs[99110].kind == "admin1"
    assert "الموصل" in recs[99072].names and "Эль-Каим" in recs[92138].names
    assert not any(n.startswith("http") for n in recs[99072].names)
    assert [w.split(":")[1] for w in warnings] == ["5", "6"]


def test_gazetteer_built_from_a_dump(tmp_path, monkeypatch):
    monkeypatch.setenv("TIDEMARK_GEONAMES_DIR", str(FIXTURE))
    folder = tmp_path / "gaz"
    warnings = index.build(folder, progress=False)
    assert len(warnings) == 2
    gaz = Gazetteer(folder, custom_places=tmp_path / "none.csv")
    assert gaz.lookup(normalize_name("Эль-Каим"))[0].geonameid == 92138
    assert gaz.lookup(normalize_name("Nineveh"))[0].geonameid == 99110
    assert gaz.lookup(normalize_name("Saddam Dam"))[0].kind == "feature"
    assert gaz.country("IQ").kind == "country"  # countries still come with every CLDR name
    assert gaz.lookup(normalize_name("Irak"))[0].country_code == "IQ"
