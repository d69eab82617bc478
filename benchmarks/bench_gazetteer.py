"""Gazetteer speed and size: build time, cold load, look-ups per second, memory.

    python benchmarks/bench_gazetteer.py [--builds 1] [--loads 5] [--repeat 5]

Cold load and memory (peak resident set, VmHWM) are measured in fresh subprocesses
(nothing warm), each a median.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
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
    args = ap.parse_args()
    from geo.gazetteer import default_gazetteer, index
    from geo.text.names import normalize_name

    builds = []
    for _ in range(args.builds):
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            index.build(Path(tmp) / "g", progress=False)
            builds.append(time.perf_counter() - t)
            size = sum(f.stat().st_size for f in (Path(tmp) / "g").iterdir())
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
        f"build            median {statistics.median(builds):.1f} s over {len(builds)} build(s);"
        f" index on disk {size / 1e6:.1f} MB"
    )
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
