"""Geocoder speed: median look-up time for plain, qualified and structured queries, addresses
in another language, reverse look-ups, and the first use of each language's names.

    python benchmarks/bench_geocoder.py [--repeat 200]

Every query is answered once before timing (loads the gazetteer, the alternate names, the
word frequencies of each language); the medians are of warm look-ups. The first-use costs are
measured separately, in a fresh process each.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GROUPS = {
    "plain": [
        ("Mosul", {}),
        ("Ar-Raqqah", {}),
        ("Arbil", {}),
        ("Deir Ezzor", {}),
        ("Kyiv", {}),
        ("Irak", {}),
    ],
    "qualified": [
        ("Rawa, Iraq", {}),
        ("Paris, Texas", {}),
        ("Springfield, IL", {}),
        ("Tal Afar, Nineveh", {}),
        ("Mosul, العراق", {}),
        ("Bucha, Kyiv Oblast", {}),
    ],
    "structured": [
        ({"city": "Rawa", "country": "Iraq"}, {}),
        ({"city": "Paris", "state": "Texas"}, {}),
        ({"city": "Springfield", "state": "Illinois", "country": "USA"}, {}),
        ({"state": "Anbar", "country": "Iraq"}, {}),
    ],
    "language=": [
        ("Mosul", {"language": "ar"}),
        ("Aleppo", {"language": "fr"}),
        ("Kharkiv", {"language": "uk"}),
    ],
    "list (limit 10)": [
        ("Springfield", {"exactly_one": False, "limit": 10}),
        ("Paris", {"exactly_one": False}),
    ],
}

FIRST_USE = """
import time
from geo.gazetteer.geocoder import TidemarkGeocoder
g = TidemarkGeocoder()
g.geocode("Mosul")
t = time.perf_counter()
g.geocode({query!r}, **{options!r})
print(time.perf_counter() - t)
"""


def _median_ms(geocoder, cases, repeat: int) -> float:
    for query, options in cases:  # warm
        geocoder.geocode(query, **options)
    times = []
    for _ in range(repeat):
        for query, options in cases:
            t = time.perf_counter()
            geocoder.geocode(query, **options)
            times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def _first_use_ms(query, options) -> float:
    out = subprocess.run(
        [sys.executable, "-c", FIRST_USE.format(query=query, options=options)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout.strip().splitlines()[-1]) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()

    from geo.gazetteer.geocoder import TidemarkGeocoder

    geocoder = TidemarkGeocoder()
    for name, cases in GROUPS.items():
        ms = _median_ms(geocoder, cases, args.repeat)
        print(f"{name:18} median {ms:7.3f} ms per look-up ({len(cases)} queries x {args.repeat})")
    points = [(36.34, 43.13), (34.39, 40.99), (50.45, 30.52)]
    times = []
    for _ in range(args.repeat // 4 or 1):
        for p in points:
            t = time.perf_counter()
            geocoder.reverse(p)
            times.append(time.perf_counter() - t)
    print(f"{'reverse':18} median {statistics.median(times) * 1000:7.3f} ms per look-up")
    for query, options, what in [
        ("Mosul", {"language": "ar"}, "first language= (alternate names, Arabic word frequencies)"),
        ("Paris, Техас", {}, "first qualifier in another language (division names in every language)"),
    ]:
        print(f"{'first use':18} {_first_use_ms(query, options):9.0f} ms  {what}, fresh process")
    return 0


if __name__ == "__main__":
    sys.exit(main())
