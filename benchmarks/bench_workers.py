"""Speed-up of ``--workers 2`` over ``--workers 1``: ``parse --jsonl`` and ``ingest``, as a user runs them.

    python benchmarks/bench_workers.py [--jsonl ../shared/eval/lgl.jsonl] [--docs 300] [--repeat 5]

Each command runs as its own process on the first ``--docs`` documents of ``--jsonl``
(real-size news, LGL by default), with 1 and with 2 workers, interleaved (1, 2, 1, 2, ...) so
both see the same load; ``ingest`` writes a fresh SQLite database each time. Printed per
command: the median wall time and CPU seconds (the command and its workers, from
``getrusage(RUSAGE_CHILDREN)``), the speed-up in wall time, and the same for the work past the
start (the run minus a run on a one-document file: imports, the gazetteer, the first parse).
Also the memory of each pool worker at its peak (RSS, and what it alone holds: USS; PSS
shares the pages it shares with the parent), and the load average before and after, since
the machine may be shared. On a shared machine the wall-time speed-up is bounded by the share
of the CPU this session gets (Linux's autogroup gives each session an equal share, however
many processes it runs): a control, a pure-Python loop through the same pool, prints that bound.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_JSONL = ROOT.parent / "shared" / "eval" / "lgl.jsonl"


def _memory(pid: int) -> dict[str, int]:
    """RSS, PSS and USS (kB) of one process, from /proc/PID/smaps_rollup; {} when it is gone."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return {}
    fields = {}
    for line in text.splitlines()[1:]:
        name, _, rest = line.partition(":")
        if rest.strip().endswith("kB"):
            fields[name] = int(rest.split()[0])
    uss = fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
    return {"rss": fields.get("Rss", 0), "pss": fields.get("Pss", 0), "uss": uss}


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def run(cmd: list[str], watch: bool = False) -> tuple[float, float, dict[int, dict[str, int]]]:
    """(wall s, CPU s of the process and its children, peak memory per child) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peaks: dict[int, dict[str, int]] = {}
    while proc.poll() is None:
        if watch:
            for child in _children(proc.pid):
                mem = _memory(child)
                if mem and mem["rss"] > peaks.get(child, {}).get("rss", 0):
                    peaks[child] = mem
        time.sleep(0.05)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 2):
        sys.exit(f"{' '.join(cmd)} failed: {proc.stderr.read().decode()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, peaks


def command(kind: str, jsonl: Path, workers: int, folder: Path) -> list[str]:
    geo = [sys.executable, "-m", "geo"]
    if kind == "parse":
        return [*geo, "parse", "--jsonl", str(jsonl), "--workers", str(workers)]
    db = Path(tempfile.mkstemp(suffix=".sqlite", dir=folder)[1])
    db.unlink()
    return [*geo, "ingest", str(jsonl), "--db", f"sqlite:///{db}", "--no-progress", "--workers", str(workers)]


def measure(kind: str, big: Path, one: Path, repeat: int, folder: Path) -> dict:
    times: dict[tuple[str, int], list[tuple[float, float]]] = {}
    peaks: list[dict[str, int]] = []
    for i in range(repeat):
        for workers in (1, 2):  # interleaved: both see the same load
            for name, path in (("all", big), ("one", one)):
                wall, cpu, mem = run(
                    command(kind, path, workers, folder), watch=name == "all" and workers == 2
                )
                times.setdefault((name, workers), []).append((wall, cpu))
                peaks += mem.values()
    med = {
        k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for k, v in times.items()
    }
    return {"med": med, "peaks": peaks}


def report(kind: str, docs: int, result: dict) -> None:
    med = result["med"]
    (w1, c1), (w2, c2) = med[("all", 1)], med[("all", 2)]
    (s1, _), (s2, _) = med[("one", 1)], med[("one", 2)]
    print(f"{kind} --jsonl, {docs} documents:" if kind == "parse" else f"ingest, {docs} documents:")
    print(f"  workers 1: wall {w1:6.2f} s  CPU {c1:6.2f} s   ({docs / w1:6.1f} docs/s)")
    print(f"  workers 2: wall {w2:6.2f} s  CPU {c2:6.2f} s   ({docs / w2:6.1f} docs/s)")
    print(f"  speed-up (wall): x{w1 / w2:.2f}; CPU of 2 workers / 1: x{c2 / c1:.2f}")
    if w2 - s2 > 0 and w1 - s1 > 0:
        print(
            f"  past the start (run minus a one-document run: {s1:.2f} s / {s2:.2f} s): "
            f"{(w1 - s1):.2f} s vs {(w2 - s2):.2f} s, speed-up x{(w1 - s1) / (w2 - s2):.2f}"
        )
    if result["peaks"]:
        for key in ("rss", "pss", "uss"):
            values = [p[key] / 1024 for p in result["peaks"]]
            print(f"  per worker at peak, {key.upper()}: median {statistics.median(values):.0f} MiB")


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def control(repeat: int) -> None:
    """The pool's speed-up on pure CPU work: what the machine gives two processes right now."""
    sys.path.insert(0, str(ROOT))
    from geo.store.pool import ordered_map

    walls: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(repeat):
        for workers in (1, 2):
            start = time.perf_counter()
            list(ordered_map(_spin, [200_000] * 200, workers))
            walls[workers].append(time.perf_counter() - start)
    w1, w2 = statistics.median(walls[1]), statistics.median(walls[2])
    print(f"control (pure CPU through the same pool): {w1:.2f} s vs {w2:.2f} s, speed-up x{w1 / w2:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jsonl", type=Path, default=DEFAULT_JSONL)
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--only", choices=["parse", "ingest"], help="one of the two commands")
    args = ap.parse_args()
    lines = [line for line in args.jsonl.read_text(encoding="utf-8").split("\n") if line.strip()]
    lines = lines[: args.docs]
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; cores: {os.cpu_count()}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big, one = folder / "docs.jsonl", folder / "one.jsonl"
        big.write_text("\n".join(lines) + "\n", encoding="utf-8")
        one.write_text(lines[0] + "\n", encoding="utf-8")
        subprocess.run([sys.executable, "-m", "geo", "geocode", "Mosul"], cwd=ROOT, capture_output=True)
        control(args.repeat)
        for kind in [args.only] if args.only else ["parse", "ingest"]:
            report(kind, len(lines), measure(kind, big, one, args.repeat, folder))
        control(args.repeat)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
