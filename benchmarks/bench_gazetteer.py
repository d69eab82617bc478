"""Gazetteer speed and size: build time, cold load, look-ups per second, memory.

    python benchmarks/bench_gazetteer.py [--builds 1] [--loads 5] [--repeat 5] [--against REV]

Each build runs in a fresh subprocess: wall time, and CPU seconds of it and the processes it
starts. ``--against REV`` also builds with the gazetteer code of a git revision (its ``geo/``
and ``data/gazetteer/``, from ``git archive``), interleaved with this checkout's builds, and
checks the two indexes are equal: every key to the same rows, the same prefixes, the same
place columns. Cold load and memory (peak resident set, VmHWM) are measured in fresh
subprocesses (nothing warm), each a median.
"""

from __future__ import annotations

import argparse
import io
import pickle
import resource
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LOAD_PROBE = """
import time
t = time.perf_counter()
from geo.gazetteer import default_gazetteer
g = default_gazetteer(progress=False)
g.lookup("mosul")
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")][0].split()[1]
print(time.perf_counter() - t, int(hwm) / 1024)
"""

BUILD_PROBE = """
import sys
from pathlib import Path
from geo.gazetteer import index
index.build(Path(sys.argv[1]), progress=False)
"""


def timed_build(tree: Path, target: Path) -> tuple[float, float]:
    """(wall s, CPU s) of one build by the code in ``tree``, in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", BUILD_PROBE, str(target)], cwd=tree, check=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def checkout(rev: str, into: Path) -> Path:
    """The gazetteer code and data of a git revision, unpacked into ``into``."""
    paths = ["geo", "data/gazetteer", "data/naturalearth"]
    blob = subprocess.run(["git", "archive", rev, *paths], cwd=ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(blob)) as tar:
        tar.extractall(into, filter="data")
    return into


def index_content(folder: Path) -> tuple[dict[str, list[int]], set[str], dict]:
    """What an index holds, in either layout (format 3's pickle and record trie, or today's
    arrays): key -> rows, the prefixes, the place columns."""
    import marisa_trie

    prefixes = set(marisa_trie.Trie().mmap(str(folder / "prefixes.marisa")).keys())
    if not (folder / "places.pickle").exists():
        from geo.gazetteer import columns

        places = columns.Places(folder)
        cols = {name: places.column(name) for name in columns.COLUMNS}
        cols.update((k, places.meta[k]) for k in ("demonyms", "max_tokens", "warnings"))
        return columns.NameIndex(folder).items(), prefixes, cols
    keys: dict[str, list[int]] = {}
    for key, (row,) in marisa_trie.RecordTrie("<I").mmap(str(folder / "names.marisa")).items():
        keys.setdefault(key, []).append(row)
    keys = {k: sorted(v) for k, v in keys.items()}
    with (folder / "places.pickle").open("rb") as fh:
        return keys, prefixes, pickle.load(fh)


def compare_builds(rev: str, runs: int, tmp: Path) -> tuple[list, list, bool]:
    """Builds by ``rev``'s code and this checkout's, interleaved; whether the indexes are equal."""
    old_tree = checkout(rev, tmp / "old")
    old, new = [], []
    for i in range(runs):
        old.append(timed_build(old_tree, tmp / f"old-{i}"))
        new.append(timed_build(ROOT, tmp / f"new-{i}"))
    same = index_content(tmp / "old-0") == index_content(tmp / "new-0")
    return old, new, same


def report_builds(label: str, runs: list[tuple[float, float]]) -> None:
    wall, cpu = statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)
    print(f"build {label:10s} median {wall:.1f} s wall, {cpu:.1f} CPU-s over {len(runs)} build(s)")


QUERIES = [
    "mosul",
    "raqqa",
    "qaim",
    "rawa",
    "irak",
    "suriah",
    "baghdad",
    "deir ez zor",
    "springfield",
    "paris",
    "موصل",
    "мосул",
    "kobani",
    "tal afar",
    "london",
    "nonexistentplace",
    "new york",
    "california",
    "anbar",
    "georgia",
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--builds", type=int, default=1)
    ap.add_argument("--loads", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--against", metavar="REV", help="also build with this git revision's code and compare")
    args = ap.parse_args()
    from geo.gazetteer import default_gazetteer, index
    from geo.text.names import normalize_name

    with tempfile.TemporaryDirectory() as tmp:
        if args.against:
            old, builds, same = compare_builds(args.against, args.builds, Path(tmp))
            report_builds(args.against[:10], old)
            print(f"index equal      {'yes' if same else 'NO'} (keys -> rows, prefixes, place columns)")
        else:
            builds = [timed_build(ROOT, Path(tmp) / f"new-{i}") for i in range(args.builds)]
        report_builds("(this)", builds)
        size = sum(f.stat().st_size for f in (Path(tmp) / "new-0").iterdir())
        print(f"index on disk    {size / 1e6:.1f} MB")
    index.ensure_built(progress=False)
    loads, rss = [], []
    for _ in range(args.loads):
        out = subprocess.run(
            [sys.executable, "-c", LOAD_PROBE], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.split()
        loads.append(float(out[0]))
        rss.append(float(out[1]))
    gaz = default_gazetteer(progress=False)
    keys = [normalize_name(q) for q in QUERIES] * 5000
    rates, search_rates = [], []
    for _ in range(args.repeat):
        t = time.perf_counter()
        for k in keys:
            gaz.lookup(k)
        rates.append(len(keys) / (time.perf_counter() - t))
        t = time.perf_counter()
        for q in QUERIES * 500:
            gaz.search(q)
        search_rates.append(len(QUERIES) * 500 / (time.perf_counter() - t))
    print(
        f"cold load        median {statistics.median(loads) * 1000:.0f} ms"
        f" (fresh process, import included), {len(loads)} runs"
    )
    print(f"peak memory      median {statistics.median(rss):.0f} MB resident after load")
    print(
        f"lookup(key)      median {statistics.median(rates):,.0f} per second"
        f" ({1e6 / statistics.median(rates):.1f} µs each)"
    )
    print(
        f"search(name)     median {statistics.median(search_rates):,.0f} per second (normalisation included)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
