"""Place-name recognition per language on the NER corpora (``../shared/eval/ner/*-dev.jsonl``).

    python benchmarks/bench_ner.py [--corpus DIR] [--repeat 3] [--limit N]

Prints one row per file: the recogniser that runs for its language, exact and overlap P/R/F1,
recall on country and town spans (gold counts beside), demonyms dropped, and documents per
second (median of --repeat passes, start-up not counted).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.evaluate.ner import default_recogniser, evaluate_ner  # noqa: E402
from geo.parse.toponyms import recogniser_for  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "ner"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    files = sorted(args.corpus.glob("*-dev.jsonl"))
    if not files:
        print(f"no *-dev.jsonl under {args.corpus}", file=sys.stderr)
        return 2
    recognise = default_recogniser()
    print(
        f"{'file':<22} {'recogniser':<10} {'exP':>5} {'exR':>5} {'exF1':>5} {'ovP':>5} {'ovR':>5} {'ovF1':>5}"
        f" {'gold':>5} {'ctR':>5} {'ctN':>5} {'dem':>4} {'docs/s':>7}"
    )
    for path in files:
        with path.open(encoding="utf-8") as fh:
            docs = [json.loads(line) for line in islice(fh, args.limit)]
        runs = [evaluate_ner(docs, recogniser=recognise) for _ in range(args.repeat)]
        r = runs[0]
        speed = statistics.median(x["docs_per_second"] for x in runs)
        ex, ov, pl = r["exact"], r["overlap"], r["plain_names"]
        print(
            f"{path.name.removesuffix('-dev.jsonl'):<22} {recogniser_for(r['language']).name:<10}"
            f" {ex['precision']:5.2f} {ex['recall']:5.2f} {ex['f1']:5.2f}"
            f" {ov['precision']:5.2f} {ov['recall']:5.2f} {ov['f1']:5.2f} {r['gold']:5d}"
            f" {pl['recall']:5.2f} {pl['gold']:5d} {r['demonyms_dropped']:4d} {speed:7.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
