"""Claims and places on real conflict reports (../shared/eval/conflict/, see its FORMAT.md).

    python benchmarks/bench_conflict.py            # every 7th document of acled-dev.jsonl (1,978)
    python benchmarks/bench_conflict.py --every 1  # the whole file (13,841 documents, ~3 minutes)
    python benchmarks/bench_conflict.py --full     # the same
    python benchmarks/bench_conflict.py --json     # the report as JSON
    python benchmarks/bench_conflict.py --breakdown  # why truth claims are missed, per status

Prints every measure of geo.evaluate.conflict (overall and per group, hits/count beside each
rate) and the documents parsed per second. The sample is fixed: every k-th line, so each
source file and stratum keeps its share.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.evaluate.conflict import breakdown, evaluate_conflict, format_conflict  # noqa: E402
from geo.gazetteer import default_gazetteer  # noqa: E402
from geo.text.jsonl import read_documents  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "eval" / "conflict" / "acled-dev.jsonl"


def sample(path: Path, every: int) -> list[dict]:
    """Every ``every``-th document of ``path``, from the first."""
    return list(islice(read_documents(path, strict=True), 0, None, every))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--file", type=Path, default=DEFAULT)
    ap.add_argument("--every", type=int, default=7, help="take every k-th document (default 7)")
    ap.add_argument("--full", action="store_true", help="the whole file (same as --every 1)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--breakdown", action="store_true", help="why truth claims are missed, per status")
    args = ap.parse_args()
    if not args.file.exists():
        print(f"{args.file}: not found (the evaluation data lives outside the repository)", file=sys.stderr)
        return 2
    docs = sample(args.file, 1 if args.full else args.every)
    gaz = default_gazetteer(progress=False)
    if args.breakdown:
        for status, reasons in breakdown(docs, gazetteer=gaz).items():
            total = sum(reasons.values())
            print(
                f"{status} ({total}): " + ", ".join(f"{r} {n} ({n / total:.0%})" for r, n in reasons.items())
            )
        return 0
    t = time.perf_counter()
    report = evaluate_conflict(docs, gazetteer=gaz)
    elapsed = time.perf_counter() - t
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(f"{args.file.name}: every {1 if args.full else args.every} document(s)")
        print(format_conflict(report))
    print(f"{len(docs) / elapsed:.0f} documents/s ({elapsed:.1f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
