"""Claims and places over the bundled chronicle (data/chronicle/reports.jsonl), per language.

    python benchmarks/bench_chronicle.py [--file PATH] [--repeat 1] [--errors N]

Runs ``geo.parse.pipeline.parse_article`` on every report and compares with each report's ``expected``:
- claim precision / recall / F1 (``geo.evaluate.claims``: same actor and status, place within 25 km,
  dates equal at the coarser precision);
- places within 25 km: of the places the expected claims name, the share the geoparser found
  (a resolved mention overlapping the name as written) and put within 25 km of the expected point;
- reports per second through the whole pipeline (median of --repeat passes).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.evaluate.claims import PLACE_KM, claim_matches, score  # noqa: E402
from geo.evaluate.geoparse import haversine_km  # noqa: E402
from geo.gazetteer import default_gazetteer  # noqa: E402
from geo.parse.pipeline import parse_article  # noqa: E402
from geo.text.articles import make_article  # noqa: E402

DEFAULT = ROOT / "data" / "chronicle" / "reports.jsonl"


def read_reports(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def parse_all(reports: list[dict], gaz) -> list[tuple[dict, object]]:
    """(report, ParseResult) for every report."""
    out = []
    for r in reports:
        article = make_article(
            r["text"],
            published=r["published"],
            language=r["language"],
            source=r.get("source", ""),
            title=r.get("title", ""),
            name=r["id"],
        )
        out.append((r, parse_article(article, gaz)))
    return out


def place_hits(report: dict, result) -> tuple[int, int]:
    """(expected places found within PLACE_KM, expected places) for one report."""
    text = result.article.text
    wanted = {(c["place"], c["lat"], c["lon"]) for c in report["expected"]}
    hits = 0
    for name, lat, lon in wanted:
        spans = []
        i = text.find(name)
        while i >= 0:
            spans.append((i, i + len(name)))
            i = text.find(name, i + 1)
        near = [
            p
            for p in result.places
            if any(p.start < e and s < p.end for s, e in spans)
            and haversine_km(p.place.lat, p.place.lon, lat, lon) <= PLACE_KM
        ]
        hits += bool(near)
    return hits, len(wanted)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--file", type=Path, default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--errors", type=int, default=0, help="print up to N missed expected claims")
    args = ap.parse_args()
    reports = read_reports(args.file)
    gaz = default_gazetteer(progress=False)
    rates, parsed = [], []
    for _ in range(max(1, args.repeat)):
        t = time.perf_counter()
        parsed = parse_all(reports, gaz)
        rates.append(len(reports) / (time.perf_counter() - t))

    pairs = [(r["language"], [c.to_dict() for c in res.claims], r["expected"]) for r, res in parsed]
    places = defaultdict(lambda: [0, 0])
    for r, res in parsed:
        h, n = place_hits(r, res)
        for key in (r["language"], "all"):
            places[key][0] += h
            places[key][1] += n
    expected = sum(len(r["expected"]) for r in reports)
    print(f"chronicle: {len(reports)} reports, {expected} expected claims ({args.file.name})")
    for lang, s in score(pairs).items():
        h, n = places[lang]
        share = h / n if n else 1.0
        print(
            f"{lang:4} claims P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}"
            f"  ({s['claims']} found, {s['expected']} expected)"
            f"   places within {PLACE_KM:.0f} km {share:.3f} ({h}/{n})"
        )
    print(f"speed: median {statistics.median(rates):.0f} reports/s ({len(rates)} passes)")
    shown = 0
    for (r, _), (_, claims, expected) in zip(parsed, pairs):
        for e in expected:
            if shown >= args.errors:
                break
            if not any(claim_matches(c, e) for c in claims):
                got = [(c["place"], c["actor"], c["status"], c["date"], c["date_precision"]) for c in claims]
                what = f"{e['place']} {e['actor']} {e['status']} {e['date']}/{e['date_precision']}"
                print(f"missed {r['id']} [{r['language']}] {what}  got {got}")
                shown += 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
