"""``python -m geo parse FILE`` (one article) and ``parse --jsonl DOCS.jsonl`` (a batch)."""

from __future__ import annotations

import argparse
import json
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("parse", help="find the places and control claims in an article")
    p.add_argument("file", nargs="?", help="a plain-text article (UTF-8, UTF-16 or Latin-1)")
    p.add_argument(
        "--jsonl",
        metavar="DOCS",
        help="batch: one JSON document per line (shared/eval/FORMAT.md); prints places per line",
    )
    p.add_argument("--published", help="publication date, YYYY-MM-DD (relative dates resolve against it)")
    p.add_argument("--source", default="", help="where the article comes from (outlet name)")
    p.add_argument("--language", help="ISO 639-1 code; detected from the text when left out")
    p.add_argument("--json", action="store_true", help="print the JSON contract (article, places, claims)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from geo.errors import InputError

    if args.jsonl:
        return _run_batch(args.jsonl)
    if not args.file:
        raise InputError("parse needs a FILE (or --jsonl DOCS.jsonl)")
    from geo.parse.pipeline import parse_article
    from geo.text.articles import parse_published, read_text_file

    published = parse_published(args.published)
    article = read_text_file(args.file, published=published, source=args.source, language=args.language)
    result = parse_article(article)
    if args.json:
        json.dump(result.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(
        f"{args.file}: {len(result.places)} place mentions, {len(result.claims)} claims ({article.language})"
    )
    for p in result.places:
        kind = "demonym" if p.demonym else p.place.kind
        print(
            f"  {p.mention!r:28} -> {p.place.name}, {p.place.country_code} ({kind}, {p.place.lat:.3f},{p.place.lon:.3f}) conf {p.confidence:.2f}"
        )
    for c in result.claims:
        when = f"{c.date} ({c.date_precision})" if c.date else "undated"
        print(f"  CLAIM {c.actor} {c.status} {c.place.place.name} {when} conf {c.confidence:.2f}")
    return 0


def _run_batch(path: str) -> int:
    """Each document in, one line out: {"id", "places": [...]}; a bad line is reported and the batch goes on."""
    from geo.errors import InputError
    from geo.gazetteer import default_gazetteer
    from geo.parse.pipeline import geoparse_text
    from geo.text.jsonl import read_documents

    gaz = default_gazetteer()
    failed = 0
    for doc in read_documents(path):
        if isinstance(doc, InputError):
            print(f"error: {doc}", file=sys.stderr)
            failed += 1
            continue
        places = geoparse_text(doc["text"], doc.get("language") or "und", gaz)
        out = {"id": doc["id"], "places": [_place_row(p) for p in places]}
        print(json.dumps(out, ensure_ascii=False))
    return 2 if failed else 0


def _place_row(p) -> dict:
    d = p.to_dict()
    return {
        k: d[k]
        for k in (
            "start",
            "end",
            "mention",
            "geonameid",
            "name",
            "country_code",
            "lat",
            "lon",
            "kind",
            "confidence",
            "demonym",
        )
    }
