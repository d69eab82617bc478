"""Store speed: storing pre-parsed articles, ingest with 1 and 2 workers, the one-date query.

    python benchmarks/bench_store.py [--articles 10000] [--claims 100000] [--repeat 5] [--db URL]

1. Store: N generated articles (wire-style sentences over real gazetteer places, several
   languages) parsed by the real pipeline first (timed apart), then stored in a fresh database
   by ``Store.add_many`` in batches of 500 (bulk inserts, one transaction per batch), and by
   ``Store.add`` one at a time for comparison: articles per second stored, parsing excluded.
2. Workers: ``ingest_paths`` over the same articles as JSON Lines into a fresh store with 1 and
   with 2 workers (reading, parsing and storing): articles per second and the speed-up.
3. Query: a store holding M claims over 5,000 real places; ``claims_frame`` for one date
   (the slider's question), median of --repeat.
"""

from __future__ import annotations

import argparse
import json
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
from geo.store.ingest import ingest_paths  # noqa: E402
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


def articles(n: int) -> list[Article]:
    places = real_places(2000)
    rng = random.Random(1)
    out = []
    for i in range(n):
        lang, tpl = TEMPLATES[i % len(TEMPLATES)]
        text = tpl.format(p=rng.choice(places).name) + f" Report {i}."
        out.append(make_article(text, published=date(2017, 1, 1) + timedelta(days=i % 900), language=lang))
    return out


def bench_store(arts: list[Article], url: str, url_one: str) -> tuple[float, float, float]:
    """(parse articles/s, stored articles/s in batches, stored articles/s one by one)."""
    t = time.perf_counter()
    parsed = [parse_article(a) for a in arts]
    t_parse = time.perf_counter() - t
    store = Store(url)
    t = time.perf_counter()
    for i in range(0, len(parsed), 500):
        store.add_many(parsed[i : i + 500])
    t_bulk = time.perf_counter() - t
    one = Store(url_one)
    few = parsed[:1000]
    t = time.perf_counter()
    for result in few:
        one.add(result)
    t_one = time.perf_counter() - t
    return len(arts) / t_parse, len(parsed) / t_bulk, len(few) / t_one


def bench_workers(arts: list[Article], folder: str) -> dict[int, float]:
    """Articles per second through ``ingest_paths`` (read, parse, store) with 1 and 2 workers."""
    path = Path(folder) / "bench.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for a in arts:
            fh.write(
                json.dumps({"text": a.text, "published": str(a.published), "language": a.language}) + "\n"
            )
    out = {}
    for workers in (1, 2):
        store = Store(f"sqlite:///{folder}/workers{workers}.sqlite")
        t = time.perf_counter()
        summary = ingest_paths([path], store, progress=False, workers=workers)
        out[workers] = summary.new / (time.perf_counter() - t)
    return out


def fill_claims(url: str, m: int) -> Store:
    places = real_places(5000)
    rng = random.Random(2)
    store = Store(url)
    actors = ["islamic_state", "iraqi_forces", "sdf", "syrian_government", "us_coalition"]
    statuses = ["captured", "held", "offensive", "withdrawn", "contested"]
    per_article = 100
    batch = []
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
        batch.append(ParseResult(art, (), tuple(claims)))
        if len(batch) == 50:
            store.add_many(batch)
            batch = []
    store.add_many(batch)
    return store


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--claims", type=int, default=100000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--db", help="SQLAlchemy URL (default: a fresh SQLite file per part)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        arts = articles(args.articles)
        parse_rate, bulk, one = bench_store(
            arts, args.db or f"sqlite:///{tmp}/bulk.sqlite", f"sqlite:///{tmp}/one.sqlite"
        )
        print(
            f"store    {args.articles} pre-parsed articles: {bulk:.0f} articles/s stored in batches of 500"
            f" ({one:.0f}/s one by one; parsing alone {parse_rate:.0f}/s)"
        )
        rates = bench_workers(arts, tmp)
        print(
            f"ingest   {args.articles} articles, JSON Lines: {rates[1]:.0f}/s with 1 worker,"
            f" {rates[2]:.0f}/s with 2 (x{rates[2] / rates[1]:.2f})"
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
            f"query    one date over {store.counts()['claims']} claims:"
            f" median {statistics.median(times) * 1000:.1f} ms ({len(frame)} rows);"
            f" all claims {t_all * 1000:.0f} ms ({len(everything)} rows)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
