"""The gazetteer's caches are content-addressed: a copied checkout or an image reuses them.

Issue 14.8: the fingerprint used to hold absolute paths and file times, so every clone rebuilt
the index (minutes on a busy machine)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from geo.gazetteer import index, pickled, sources

ROOT = Path(__file__).resolve().parent.parent


def test_fingerprint_ignores_file_times_and_paths(tmp_path):
    files = sources.fingerprint_inputs()
    before = index.fingerprint(files)
    # The same contents elsewhere, with other modification times, give the same fingerprint.
    copies = []
    for i, f in enumerate(files):
        if f.stat().st_size > index._HASHED_BYTES:
            copies.append(f)  # large packaged extracts count by name and size
            continue
        target = tmp_path / str(i) / f.name
        target.parent.mkdir()
        shutil.copyfile(f, target)
        os.utime(target, (1_000_000_000, 1_000_000_000))
        copies.append(target)
    assert index.fingerprint(copies) == before


def test_fingerprint_follows_contents(tmp_path):
    files = sources.fingerprint_inputs()
    small = next(f for f in files if f.suffix == ".csv")
    changed = tmp_path / small.name
    changed.write_bytes(small.read_bytes() + b"\n# one more line\n")
    assert index.fingerprint([changed if f == small else f for f in files]) != index.fingerprint(files)


def test_derived_pickles_are_stamped_by_name_and_size_not_place(tmp_path):
    a = tmp_path / "a" / "x.json"
    b = tmp_path / "b" / "x.json"
    for p in (a, b):
        p.parent.mkdir()
        p.write_text("{}", encoding="utf-8")
    os.utime(b, (1_000_000_000, 1_000_000_000))
    assert pickled.stamp([a]) == pickled.stamp([b])
    b.write_text("{ }", encoding="utf-8")
    assert pickled.stamp([a]) != pickled.stamp([b])


def test_tidemark_cache_is_the_one_cache_folder(tmp_path):
    # $TIDEMARK_CACHE moves the derived pickles with the index: both used to differ (the pickles
    # stayed in data/cache/). A fresh process, since the folder is chosen at import.
    probe = (
        "import sys; from pathlib import Path; from geo.gazetteer import index, pickled;"
        "print(index.CACHE_ROOT); print(pickled.cached('probe', [], lambda: 7));"
        "print(sorted(p.name for p in Path(sys.argv[1]).iterdir()))"
    )
    env = {**os.environ, "TIDEMARK_CACHE": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    root, value, files = out.stdout.splitlines()
    assert Path(root) == tmp_path and value == "7"
    assert files == repr([f"probe-{pickled.stamp([])}.pickle"])
