"""Parsing time against an article's length: is it linear? (issue 15, "Linear in the text")

    python benchmarks/bench_length.py [--corpus DIR] [--sizes 10000,100000,1000000] [--repeat 3]

Builds long articles by concatenating real news texts, one paragraph block per report, from the
shared evaluation corpora (``../shared/eval/lgl.jsonl`` and ``geovirus.jsonl``, read from outside
this checkout; the benchmark is skipped with a message when they are absent). The reports are
shuffled with a fixed seed, so every size is a prefix of the same digest of US local news and
world health news, cut at a report's end once the size is reached.

Each article is parsed with the full pipeline (``geo.parse.pipeline.parse_article``: places,
actors, claims) and with places only (``geoparse_text``: recognise and resolve), the sizes
interleaved within each of --repeat rounds. Prints CPU seconds (``time.process_time``) as
medians, CPU seconds per 100 kB, and the ratios between consecutive sizes: linear parsing
gives 10x per tenfold size; issue 15 asks for <= 15x from 100 kB to 1 MB.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.gazetteer import default_gazetteer  # noqa: E402
from geo.parse.actors import find_actors  # noqa: E402
from geo.parse.pipeline import geoparse_text, parse_article  # noqa: E402
from geo.text.articles import make_article  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "eval"
CORPORA = ("lgl.jsonl", "geovirus.jsonl")


def load_reports(corpus: Path) -> list[str]:
    """The texts of the shared corpora's reports, shuffled with a fixed seed."""
    texts = []
    for name in CORPORA:
        with open(corpus / name, encoding="utf-8") as f:
            texts.extend(json.loads(line)["text"].strip() for line in f if line.strip())
    random.Random(15).shuffle(texts)
    return [t for t in texts if t]


def build_text(reports: list[str], size: int) -> str:
    """Reports joined by blank lines until the text holds at least ``size`` characters."""
    parts, n = [], 0
    for t in reports:
        if n >= size:
            break
        parts.append(t)
        n += len(t) + 2
    if n < size:
        raise SystemExit(f"the corpora hold only {n:,} characters; {size:,} asked")
    return "\n\n".join(parts)


def cpu(fn) -> tuple[float, object]:
    t0 = time.process_time()
    out = fn()
    return time.process_time() - t0, out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--sizes", default="10000,100000,1000000", help="characters, comma-separated")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    missing = [n for n in CORPORA if not (args.corpus / n).exists()]
    if missing:
        print(f"skipped: {', '.join(missing)} not found in {args.corpus} (the shared eval corpora)")
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    reports = load_reports(args.corpus)
    gaz = default_gazetteer()
    articles = {s: make_article(build_text(reports, s), language="en", name=f"{s}") for s in sizes}
    parse_article(make_article(build_text(reports, 2000), language="en"), gaz)  # warm: lazy tables
    full: dict[int, list[float]] = {s: [] for s in sizes}
    places: dict[int, list[float]] = {s: [] for s in sizes}
    counts: dict[int, tuple[int, int]] = {}
    for _ in range(args.repeat):
        for s, a in articles.items():
            t, n = cpu(lambda a=a: len(geoparse_text(a.text, a.language, gaz, actors=find_actors(a.text))))
            places[s].append(t)
            t, result = cpu(lambda a=a: parse_article(a, gaz))
            full[s].append(t)
            counts[s] = (len(result.places), len(result.claims))
    head = ("chars", "places", "claims", "places CPU-s", "full CPU-s", "full s/100kB")
    print("{:>10} {:>7} {:>7} {:>13} {:>11} {:>13}".format(*head))
    for s, a in articles.items():
        f, p, (n_places, n_claims) = statistics.median(full[s]), statistics.median(places[s]), counts[s]
        per = f / len(a.text) * 1e5
        print(f"{len(a.text):>10,} {n_places:>7} {n_claims:>7} {p:>13.2f} {f:>11.2f} {per:>13.2f}")
    for small, big in zip(sizes, sizes[1:]):
        rf = statistics.median(full[big]) / statistics.median(full[small])
        rp = statistics.median(places[big]) / statistics.median(places[small])
        print(
            f"ratio {big:,} / {small:,} chars: full x{rf:.1f}, places only x{rp:.1f} (linear x{big // small})"
        )
    print(f"medians of {args.repeat} interleaved rounds, CPU seconds (time.process_time)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
