"""Geoparsing quality and speed: Tidemark against geotext on the shared evaluation corpora.

    python benchmarks/bench_geoparse.py [--corpus DIR] [--repeat 5]

Prints, per corpus and system: overlap and exact F1, acc@161 km, median error, AUC,
and documents per second on one core (median of --repeat timed passes); acc@161 of both
over the mentions both found (geotext finds fewer, easier ones); then ratios.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from geotext_peer import geotext_system  # noqa: E402

from geo.evaluate.geoparse import evaluate  # noqa: E402
from geo.evaluate.system import tidemark_system  # noqa: E402
from geo.gazetteer import default_gazetteer  # noqa: E402
from geo.text.jsonl import read_documents  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"


def common_accuracy(docs, ours, peer) -> tuple[int, float, float]:
    """acc@161 of both systems over the gold mentions both of them found and placed."""
    from geo.evaluate.geoparse import ACC_KM, haversine_km

    n = hits_ours = hits_peer = 0
    for d in docs:
        a_all, b_all = ours(d), [p for p in peer(d) if p.get("lat") is not None]
        for t in d.get("toponyms", []):
            a = [p for p in a_all if p["start"] < t["end"] and t["start"] < p["end"]]
            b = [p for p in b_all if p["start"] < t["end"] and t["start"] < p["end"]]
            if a and b:
                n += 1
                hits_ours += haversine_km(t["lat"], t["lon"], a[0]["lat"], a[0]["lon"]) <= ACC_KM
                hits_peer += haversine_km(t["lat"], t["lon"], b[0]["lat"], b[0]["lon"]) <= ACC_KM
    return n, hits_ours / max(n, 1), hits_peer / max(n, 1)


def docs_per_second(system, docs, repeat: int) -> float:
    rates = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for d in docs:
            system(d)
        rates.append(len(docs) / (time.perf_counter() - t0))
    return statistics.median(rates)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    t0 = time.perf_counter()
    gaz = default_gazetteer()
    print(f"gazetteer ready in {time.perf_counter() - t0:.2f} s", file=sys.stderr)
    systems = {"tidemark": tidemark_system(gaz), "geotext": geotext_system(gaz)}
    results = {}
    for name in ("geovirus", "lgl"):
        path = args.corpus / f"{name}.jsonl"
        if not path.exists():
            print(f"skip {name}: {path} not found", file=sys.stderr)
            continue
        docs = list(read_documents(path, strict=True))
        for sname, system in systems.items():
            report = evaluate(docs, system)
            report["docs_per_second"] = round(docs_per_second(system, docs, args.repeat), 1)
            results[(name, sname)] = report
            ov = report["overlap"]
            print(
                f"{name:9} {sname:9} overlap F1 {ov['f1']:.3f} (P {ov['precision']:.3f} R {ov['recall']:.3f})"
                f"  exact F1 {report['exact']['f1']:.3f}  acc@161 {report['acc_at_161km']:.3f}"
                f"  median {report['median_error_km']} km  AUC {report['auc']:.3f}"
                f"  {report['docs_per_second']} docs/s"
            )
        n, acc_ours, acc_peer = common_accuracy(docs, systems["tidemark"], systems["geotext"])
        print(
            f"{name:9} on the {n} gold mentions both found:"
            f" acc@161 tidemark {acc_ours:.3f}, geotext {acc_peer:.3f}"
        )
        t, g = results.get((name, "tidemark")), results.get((name, "geotext"))
        if t and g:
            print(
                f"{name:9} ratio     F1 x{t['overlap']['f1'] / max(g['overlap']['f1'], 1e-9):.2f}"
                f"  acc@161 x{t['acc_at_161km'] / max(g['acc_at_161km'], 1e-9):.2f}"
                f"  speed x{t['docs_per_second'] / max(g['docs_per_second'], 1e-9):.2f}"
            )
    if args.json:
        print(json.dumps({f"{c}/{s}": r for (c, s), r in results.items()}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
