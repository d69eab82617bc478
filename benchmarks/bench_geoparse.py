"""Geoparsing quality and speed: Tidemark against geotext on the shared evaluation corpora.

    python benchmarks/bench_geoparse.py [--corpus DIR] [--repeat 5] [--compare] [--no-scan]

Prints, per corpus and system: overlap and exact F1, acc@161 km, median error, AUC,
and documents per CPU-second (``time.process_time``: the median of --repeat passes, the
systems' passes interleaved so that a busy machine slows all alike); acc@161 of both over
the mentions both found (geotext finds fewer, easier ones); then speed ratios to geotext and
to a plain scan: pyahocorasick (where installed) over every gazetteer name key, run on the
lower-cased text in one pass (the limit for any recogniser that finds gazetteer names).
``--compare`` also checks that the fast recognition path finds the mentions of the reference
path (``find_mentions(..., reference=True)``) on every document, and prints the agreement.
Then Tidemark's CPU time split by stage, as ``geoparse_text`` runs them (tokenise, recognise,
the actors, resolve), each with the documents per CPU-second it alone would allow.
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

from geotext_peer import geotext_system, scan_system  # noqa: E402

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


def docs_per_second(systems: dict, docs, repeat: int) -> dict[str, float]:
    """Documents per CPU-second of each system: the median of ``repeat`` passes, interleaved."""
    cpu: dict[str, list[float]] = {name: [] for name in systems}
    for _ in range(repeat):
        for name, system in systems.items():
            t0 = time.process_time()
            for d in docs:
                system(d)
            cpu[name].append(time.process_time() - t0)
    return {name: len(docs) / max(statistics.median(ts), 1e-9) for name, ts in cpu.items()}


def compare_paths(docs, gaz) -> tuple[int, int, int, int]:
    """(documents whose mentions agree, documents, mentions both paths found, mentions found by
    one path only) for the fast and the reference recognition paths."""
    from geo.parse.toponyms import find_mentions

    same = both = one = 0
    for d in docs:
        lang = d.get("language") or "en"
        fast, ref = (
            {(m.start, m.end, m.key, m.demonym) for m in find_mentions(d["text"], gaz, lang, reference=r)}
            for r in (False, True)
        )
        same += fast == ref
        both += len(fast & ref)
        one += len(fast ^ ref)
    return same, len(docs), both, one


def stage_seconds(docs, gaz, repeat: int) -> dict[str, float]:
    """CPU seconds per pass over ``docs`` of each stage of ``geoparse_text`` (the median of
    ``repeat`` passes): tokenise, recognise, actors, resolve."""
    from geo.parse.actors import find_actors
    from geo.parse.resolve import resolve_mentions
    from geo.parse.toponyms import recognise
    from geo.text.names import tokenize

    passes: dict[str, list[float]] = {"tokenise": [], "recognise": [], "actors": [], "resolve": []}
    clock = time.process_time
    for _ in range(repeat):
        spent = dict.fromkeys(passes, 0.0)
        for d in docs:
            text, lang = d["text"], d.get("language") or "en"
            t0 = clock()
            toks = tokenize(text)
            t1 = clock()
            mentions = recognise(text, gaz, language=lang, tokens=toks)
            t2 = clock()
            actors = find_actors(text, toks) if mentions else None
            t3 = clock()
            resolve_mentions(mentions, gaz, text=text, actors=actors)
            t4 = clock()
            for stage, t in zip(passes, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
                spent[stage] += t
        for stage, t in spent.items():
            passes[stage].append(t)
    return {stage: statistics.median(ts) for stage, ts in passes.items()}


def ratio(a: float, b: float) -> str:
    """A speed ratio that does not hide a slow side: "x0.25 (1/4.0)"."""
    r = a / max(b, 1e-9)
    return f"x{r:.2f}" if r >= 1 else f"x{r:.2f} (1/{1 / max(r, 1e-9):.1f})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--compare", action="store_true", help="check the fast path against the reference path")
    ap.add_argument("--no-scan", action="store_true", help="leave out the plain scan (5 s to build)")
    args = ap.parse_args()
    t0 = time.perf_counter()
    gaz = default_gazetteer()
    print(f"gazetteer ready in {time.perf_counter() - t0:.2f} s", file=sys.stderr)
    systems = {"tidemark": tidemark_system(gaz), "geotext": geotext_system(gaz)}
    timed = dict(systems)
    if not args.no_scan:
        scan = scan_system(gaz)
        if scan is None:
            print("no plain scan: pyahocorasick is not installed", file=sys.stderr)
        else:
            timed["scan"] = scan
    results = {}
    for name in ("geovirus", "lgl"):
        path = args.corpus / f"{name}.jsonl"
        if not path.exists():
            print(f"skip {name}: {path} not found", file=sys.stderr)
            continue
        docs = list(read_documents(path, strict=True))
        mb = sum(len(d["text"].encode()) for d in docs) / 1e6
        speed = docs_per_second(timed, docs, args.repeat)
        for sname, system in systems.items():
            report = evaluate(docs, system)
            report["docs_per_second"] = round(speed[sname], 1)
            results[(name, sname)] = report
            ov = report["overlap"]
            print(
                f"{name:9} {sname:9} overlap F1 {ov['f1']:.3f} (P {ov['precision']:.3f} R {ov['recall']:.3f})"
                f"  exact F1 {report['exact']['f1']:.3f}  acc@161 {report['acc_at_161km']:.3f}"
                f"  median {report['median_error_km']} km  AUC {report['auc']:.3f}"
                f"  {report['docs_per_second']} docs/s ({speed[sname] * mb / len(docs):.2f} MB/s)"
            )
        if "scan" in speed:
            scan_mb = speed["scan"] * mb / len(docs)
            print(f"{name:9} scan      {speed['scan']:.1f} docs/s ({scan_mb:.2f} MB/s)")
        n, acc_ours, acc_peer = common_accuracy(docs, systems["tidemark"], systems["geotext"])
        print(
            f"{name:9} on the {n} gold mentions both found:"
            f" acc@161 tidemark {acc_ours:.3f}, geotext {acc_peer:.3f}"
        )
        t, g = results[(name, "tidemark")], results[(name, "geotext")]
        print(
            f"{name:9} ratio     F1 x{t['overlap']['f1'] / max(g['overlap']['f1'], 1e-9):.2f}"
            f"  acc@161 x{t['acc_at_161km'] / max(g['acc_at_161km'], 1e-9):.2f}"
            f"  speed to geotext {ratio(speed['tidemark'], speed['geotext'])}"
            + (f", to the plain scan {ratio(speed['tidemark'], speed['scan'])}" if "scan" in speed else "")
        )
        if args.compare:
            same, total, both, one = compare_paths(docs, gaz)
            print(
                f"{name:9} fast vs reference recognition: {same}/{total} documents identical,"
                f" {both} mentions in both, {one} in one only"
            )
        stages = stage_seconds(docs, gaz, args.repeat)
        total = sum(stages.values())
        print(
            f"{name:9} stages    "
            + "  ".join(
                f"{stage} {100 * t / total:.0f}% ({len(docs) / max(t, 1e-9):,.0f} docs/s alone)"
                for stage, t in stages.items()
            )
        )
    if args.json:
        print(json.dumps({f"{c}/{s}": r for (c, s), r in results.items()}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
