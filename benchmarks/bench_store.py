"""Store speed: ingest throughput and the page's query for one date.

    python benchmarks/bench_store.py [--articles 10000] [--claims 100000] [--repeat 5] [--db URL]

1. Ingest: N generated articles (wire-style sentences over real gazetteer places, several
   languages) parsed by the real pipeline and stored in a fresh SQLite file: articles per
   second, parsing included, and the store's share alone.
2. Query: a store holding M claims over 5,000 real places; ``claims_frame`` for one date
   (the slider's question), median of --repeat.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.gazetteer import default_gazetteer  # noqa: E402
from geo.model import Article, Claim, ParseResult, ResolvedPlace  # noqa: E402
from geo.parse.pipeline import parse_article  # noqa: E402
from geo.store import Store  # noqa: E402
from geo.text.articles import make_article  # noqa: E402

TEMPLATES = [
    ("en", "Iraqi forces retook {p} on Tuesday after heavy fighting, the army said."),
    ("en", "Islamic State militants still hold {p}, residents said."),
    ("id", "Pasukan Irak merebut kembali {p} dari kelompok ISIS pekan lalu."),
    ("fr", "Les forces irakiennes ont repris {p} hier, selon des sources locales."),
]


def real_places(n: int, seed: int = 7) -> list:
    places = default_gazetteer(progress=False).places("city", min_population=20000)
    random.Random(seed).shuffle(places)
    return places[:n]


def bench_ingest(n: int, url: str) -> tuple[float, float]:
    places = real_places(2000)
    rng = random.Random(1)
    store = Store(url)
    parsed, t_parse = [], 0.0
    for i in range(n):
        lang, tpl = TEMPLATES[i % len(TEMPLATES)]
        text = tpl.format(p=rng.choice(places).name) + f" Report {i}."
        t = time.perf_counter()
        parsed.append(
            parse_article(
                make_article(text, published=date(2017, 1, 1) + timedelta(days=i % 900), language=lang)
            )
        )
        t_parse += time.perf_counter() - t
    t = time.perf_counter()
    for result in parsed:
        store.add(result)
    t_store = time.perf_counter() - t
    return n / (t_parse + t_store), n / t_store


def fill_claims(url: str, m: int) -> Store:
    places = real_places(5000)
    rng = random.Random(2)
    store = Store(url)
    actors = ["islamic_state", "iraqi_forces", "sdf", "syrian_government", "us_coalition"]
    statuses = ["captured", "held", "offensive", "withdrawn", "contested"]
    per_article = 100
    for a in range(m // per_article):
        art = Article(
            id=f"bench{a:08d}",
            text="x" * 10,
            language="en",
            published=date(2014, 6, 1),
            source=f"desk-{a % 7}",
        )
        claims = []
        for k in range(per_article):
            p = rng.choice(places)
            d = date(2014, 6, 1) + timedelta(days=rng.randrange(1800))
            rp = ResolvedPlace(k, k + 1, p.name, p, 0.9)
            claims.append(
                Claim(
                    rp,
                    rng.choice(actors),
                    rng.choice(statuses),
                    d,
                    "day",
                    "quote",
                    0,
                    10,
                    0.8,
                    "en",
                    art.id,
                    d,
                )
            )
        store.add(ParseResult(art, (), tuple(claims)))
    return store


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--claims", type=int, default=100000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--db", help="SQLAlchemy URL (default: a fresh SQLite file per part)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        total, store_only = bench_ingest(args.articles, args.db or f"sqlite:///{tmp}/ingest.sqlite")
        print(
            f"ingest   {args.articles} articles: {total:.0f} articles/s parsed and stored; the store alone {store_only:.0f} articles/s"
        )
        store = fill_claims(args.db or f"sqlite:///{tmp}/query.sqlite", args.claims)
        times = []
        day = date(2016, 7, 1)
        for i in range(args.repeat):
            t = time.perf_counter()
            frame = store.claims_frame(date_from=day + timedelta(days=i), date_to=day + timedelta(days=i))
            times.append(time.perf_counter() - t)
        t = time.perf_counter()
        everything = store.claims_frame()
        t_all = time.perf_counter() - t
        print(
            f"query    one date over {store.counts()['claims']} claims: median {statistics.median(times) * 1000:.1f} ms ({len(frame)} rows); all claims {t_all * 1000:.0f} ms ({len(everything)} rows)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
