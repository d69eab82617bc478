"""Building the gazetteer: the progress a first start shows (issue 15)."""

from __future__ import annotations

from pathlib import Path

from geo.gazetteer import Gazetteer, index
from geo.text.names import normalize_name

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
