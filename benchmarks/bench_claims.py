"""Claim extraction quality and speed on the claims test set (tests/data/claims_testset.jsonl).

    python benchmarks/bench_claims.py [--file PATH] [--repeat 3]

Prints precision / recall / F1 per language (see geo.evaluate.claims for what counts as a match)
and sentences per second through the whole pipeline (median of --repeat passes).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.evaluate.claims import score  # noqa: E402
from geo.gazetteer import default_gazetteer  # noqa: E402
from geo.parse.pipeline import parse_article  # noqa: E402
from geo.text.articles import make_article  # noqa: E402

DEFAULT = ROOT / "tests" / "data" / "claims_testset.jsonl"


def run(records, gaz):
    pairs = []
    for r in records:
        article = make_article(r["text"], published=r.get("published"), language=r.get("language"))
        claims = [c.to_dict() for c in parse_article(article, gaz).claims]
        pairs.append((r.get("language", "und"), claims, r.get("expected", [])))
    return pairs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--file", type=Path, default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    records = [
        json.loads(line) for line in args.file.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    gaz = default_gazetteer(progress=False)
    rates = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        pairs = run(records, gaz)
        rates.append(len(records) / (time.perf_counter() - t))
    for lang, s in score(pairs).items():
        print(
            f"{lang:4} precision {s['precision']:.3f}  recall {s['recall']:.3f}  F1 {s['f1']:.3f}"
            f"  ({s['claims']} claims, {s['expected']} expected)"
        )
    rate = statistics.median(rates)
    print(f"speed: median {rate:.0f} reports/s over {len(records)} reports ({args.repeat} passes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
