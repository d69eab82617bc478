"""Speed-up of ``--workers 2`` over ``--workers 1``: ``parse --jsonl`` and ``ingest``, as a user runs them.

    python benchmarks/bench_workers.py [--jsonl FILE...] [--docs 300,2000] [--repeat 5]

Each command runs as its own process on the first N documents of the ``--jsonl`` files taken
in turn (by default real news, then short event notes: LGL's 588 local news reports, GeoVirus'
229, then ACLED's notes; the run prints how many of each), for each N of ``--docs``: 300 is a
small batch, where the start (imports, the gazetteer, the first parse: about 1.5 CPU-s) is a
large share; 2,000 is nearer a firehose, where it is not. With 1 and with 2 workers,
interleaved (1, 2, 1, 2, ...) so both see the same load; ``ingest`` writes a fresh SQLite
database each time. Printed per command and size: the median wall time and CPU seconds (the
command and its workers, from ``getrusage(RUSAGE_CHILDREN)``), the speed-up in wall time, and
the same for the work past the start (the run minus a run on a one-document file), and a
CPU critical path: the start's CPU plus the busier worker's (or half of all CPU past the
start, if more), the best an idle 2-core machine could do, for a machine too loaded to show
it in wall time. Also the
memory of each pool worker at its peak (RSS, and what it alone holds: USS; PSS shares the
pages it shares with the parent), and the load average before and after, since the machine
may be shared. On a shared machine the wall-time speed-up is bounded by the share of the CPU
this session gets (Linux's autogroup gives each session an equal share, however many
processes it runs): a control, a pure-Python loop through the same pool, prints that bound.
The commands keep their compiled bytecode in a temporary folder, as a user's Python keeps it
beside the sources, even where the environment turns that off (``PYTHONDONTWRITEBYTECODE``,
which makes every start compile the package again; ``--no-bytecode-cache`` keeps it off).
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
EVAL = ROOT.parent / "shared" / "eval"
DEFAULT_JSONL = [EVAL / "lgl.jsonl", EVAL / "geovirus.jsonl", EVAL / "conflict" / "acled-dev.jsonl"]


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


def _cpu(pid: int) -> float:
    """CPU seconds a live process has used so far (user + system), 0 when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


#: The commands' environment: this one's, with a bytecode cache unless ``--no-bytecode-cache``.
ENV: dict[str, str] = dict(os.environ)


def bytecode_cache(folder: Path) -> None:
    """Let the commands keep compiled bytecode, in ``folder`` (not beside the sources), as a
    user's Python does: with ``PYTHONDONTWRITEBYTECODE`` set (some sandboxes set it), every
    start compiles the package's sources again (about 0.25 CPU-s)."""
    ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    ENV["PYTHONPYCACHEPREFIX"] = str(folder)


def run(cmd: list[str], watch: bool = False) -> tuple[float, float, dict[int, dict[str, int]]]:
    """(wall s, CPU s of the process and its children, peak memory per child) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peaks: dict[int, dict[str, int]] = {}
    while proc.poll() is None:
        if watch:
            for child in _children(proc.pid):
                mem = _memory(child)
                if mem and mem["rss"] > peaks.get(child, {}).get("rss", 0):
                    peaks[child] = {**peaks.get(child, {}), **mem}
                if child in peaks:
                    peaks[child]["cpu"] = max(peaks[child].get("cpu", 0.0), _cpu(child))
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


def measure(kind: str, bigs: list[Path], one: Path, repeat: int, folder: Path) -> list[dict]:
    """Per file of ``bigs``: medians of (wall, CPU) with 1 and 2 workers, and of the one-document run."""
    times: dict[tuple[object, int], list[tuple[float, float]]] = {}
    peaks: dict[Path, list[dict[str, int]]] = {big: [] for big in bigs}
    busiest: dict[Path, list[float]] = {big: [] for big in bigs}  # CPU-s of the busier worker
    for _ in range(repeat):
        for workers in (1, 2):  # interleaved: both see the same load
            for path in (one, *bigs):
                wall, cpu, mem = run(command(kind, path, workers, folder), watch=path != one and workers == 2)
                times.setdefault((path, workers), []).append((wall, cpu))
                if path != one:
                    peaks[path] += mem.values()
                if path != one and mem:
                    busiest[path].append(max(m.get("cpu", 0.0) for m in mem.values()))

    def med(key) -> tuple[float, float]:
        v = times[key]
        return statistics.median(w for w, _ in v), statistics.median(c for _, c in v)

    return [
        {
            "med": {(n, w): med((p, w)) for n, p in (("all", big), ("one", one)) for w in (1, 2)},
            "peaks": peaks[big],
            "busiest": statistics.median(busiest[big]) if busiest[big] else None,
        }
        for big in bigs
    ]


def report(kind: str, docs: int, what: str, result: dict) -> None:
    med = result["med"]
    (w1, c1), (w2, c2) = med[("all", 1)], med[("all", 2)]
    (s1, _), (s2, _) = med[("one", 1)], med[("one", 2)]
    print(f"{'parse --jsonl' if kind == 'parse' else 'ingest'}, {docs} documents ({what}):")
    print(f"  workers 1: wall {w1:6.2f} s  CPU {c1:6.2f} s   ({docs / w1:6.1f} docs/s)")
    print(f"  workers 2: wall {w2:6.2f} s  CPU {c2:6.2f} s   ({docs / w2:6.1f} docs/s)")
    print(f"  speed-up (wall): x{w1 / w2:.2f}; CPU of 2 workers / 1: x{c2 / c1:.2f}")
    if w2 - s2 > 0 and w1 - s1 > 0:
        print(
            f"  past the start (run minus a one-document run: {s1:.2f} s / {s2:.2f} s): "
            f"{(w1 - s1):.2f} s vs {(w2 - s2):.2f} s, speed-up x{(w1 - s1) / (w2 - s2):.2f}"
        )
    (_, start2) = med[("one", 2)]
    if result.get("busiest"):  # what an idle 2-core machine would give at best
        # the start, then the busier worker, or half the CPU past the start when the parent
        # works during the pool too (it shares the two cores with the workers)
        rest = max(result["busiest"], (c2 - start2) / 2)
        path = start2 + rest
        print(
            f"  CPU critical path with 2 workers (the start {start2:.2f} CPU-s + {rest:.2f}: the busier"
            f" worker, or half of all CPU past the start): {path:.2f} s against {c1:.2f} CPU-s for one,"
            f" x{c1 / path:.2f} (a bound from CPU time, which the load inflates less than wall time)"
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


def documents(files: list[Path], n: int) -> tuple[list[str], str]:
    """The first ``n`` lines of ``files`` in turn, and what they are ("588 lgl, 229 geovirus, ...")."""
    lines: list[str] = []
    parts = []
    for f in files:
        if len(lines) >= n:
            break
        got = [line for line in f.read_text(encoding="utf-8").split("\n") if line.strip()][: n - len(lines)]
        lines += got
        parts.append(f"{len(got)} {f.stem}")
    return lines, ", ".join(parts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jsonl", type=Path, nargs="+", default=DEFAULT_JSONL)
    ap.add_argument("--docs", default="300,2000", help="batch sizes, comma-separated")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--only", choices=["parse", "ingest"], help="one of the two commands")
    ap.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="keep this environment's PYTHONDONTWRITEBYTECODE: every start compiles the sources",
    )
    args = ap.parse_args()
    sizes = [int(n) for n in args.docs.split(",")]
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; cores: {os.cpu_count()}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        batches = []
        for n in sizes:
            lines, what = documents(args.jsonl, n)
            big = folder / f"docs{n}.jsonl"
            big.write_text("\n".join(lines) + "\n", encoding="utf-8")
            batches.append((big, len(lines), what))
        one = folder / "one.jsonl"
        one.write_text(documents(args.jsonl, 1)[0][0] + "\n", encoding="utf-8")
        if not args.no_bytecode_cache:
            bytecode_cache(folder / "pycache")
        off = "off (PYTHONDONTWRITEBYTECODE)" if ENV.get("PYTHONDONTWRITEBYTECODE") else "Python's default"
        print(f"bytecode cache: {ENV.get('PYTHONPYCACHEPREFIX', off)}")
        geocode = [sys.executable, "-m", "geo", "geocode", "Mosul"]
        subprocess.run(geocode, cwd=ROOT, env=ENV, capture_output=True)
        for kind in [args.only] if args.only else ["parse", "ingest"]:  # the gazetteer, the bytecode
            run(command(kind, one, 1, folder))
        control(args.repeat)
        for kind in [args.only] if args.only else ["parse", "ingest"]:
            results = measure(kind, [b for b, _, _ in batches], one, args.repeat, folder)
            for (_, n, what), result in zip(batches, results):
                report(kind, n, what, result)
        control(args.repeat)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
