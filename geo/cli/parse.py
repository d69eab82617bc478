"""``python -m geo parse FILE`` (one article) and ``parse --jsonl DOCS.jsonl`` (a batch)."""

from __future__ import annotations

import argparse
import json
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("parse", help="find the places and control claims in an article")
    p.add_argument("file", nargs="?", help="an article: plain text (UTF-8, UTF-16 or Latin-1) or HTML")
    p.add_argument(
        "--jsonl",
        metavar="DOCS",
        help="batch: one JSON document per line (shared/eval/FORMAT.md); prints places and claims per line",
    )
    p.add_argument(
        "--workers", type=int, default=None, help="with --jsonl: parsing processes (default: all cores)"
    )
    p.add_argument("--published", help="publication date, YYYY-MM-DD (relative dates resolve against it)")
    p.add_argument("--source", default="", help="where the article comes from (outlet name)")
    p.add_argument("--language", help="ISO 639-1 code; detected from the text when left out")
    p.add_argument("--json", action="store_true", help="print the JSON contract (article, places, claims)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from geo.errors import InputError

    if args.jsonl:
        if args.workers is not None and args.workers < 1:
            raise InputError("--workers: say 1 or more")
        from geo.store.pool import default_workers

        return _run_batch(args.jsonl, args.workers or default_workers())
    if not args.file:
        raise InputError("parse needs a FILE (or --jsonl DOCS.jsonl)")
    from geo.parse.pipeline import parse_article

    article = _read_article(args)
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
        where = f"{p.place.lat:.3f},{p.place.lon:.3f}"
        near = ", near" if p.precision == "near" else ""
        print(
            f"  {p.mention!r:28} -> {p.place.name}, {p.place.country_code} ({kind}{near}, {where})"
            f" conf {p.confidence:.2f}"
        )
    for c in result.claims:
        when = f"{c.date} ({c.date_precision})" if c.date else "undated"
        print(f"  CLAIM {c.actor} {c.status} {c.place.place.name} {when} conf {c.confidence:.2f}")
    return 0


def _read_article(args: argparse.Namespace):
    """The article FILE holds, read as ``ingest`` reads it (plain text with its sidecar, HTML's
    main text); a file of another suffix is read as plain text. The command line's
    ``--published``, ``--source`` and ``--language`` win over what the file says."""
    from dataclasses import replace
    from pathlib import Path

    from geo.errors import InputError
    from geo.text.articles import parse_published, read_text_file
    from geo.text.readers import SUFFIXES, read_path

    published = parse_published(args.published)
    if Path(args.file).suffix.lower() not in SUFFIXES:
        return read_text_file(args.file, published=published, source=args.source, language=args.language)
    item = next(iter(read_path(args.file)), None)
    if item is None:
        raise InputError(f"{args.file}: no article in the file")
    if isinstance(item, InputError):
        raise item
    changes = {"published": published, "source": args.source, "language": (args.language or "").lower()}
    return replace(item, **{k: v for k, v in changes.items() if v})


#: ``parse --jsonl`` hands its workers blocks of about this many bytes of whole lines.
BATCH_BLOCK_BYTES = 32 << 10


def _run_batch(path: str, workers: int) -> int:
    """Each document in, one line out: {"id", "places": [...], "claims": [...]}, honouring each
    line's ``published`` and ``language``; a bad line is reported and the batch goes on. With
    ``workers`` > 1 the documents are parsed in forked processes sharing the gazetteer loaded
    here, each reading its own blocks of lines (this process only finds the line ends), and
    printed in the file's order."""
    from pathlib import Path

    from geo.errors import InputError
    from geo.gazetteer import default_gazetteer
    from geo.store.blocks import line_blocks
    from geo.store.pool import ordered_map

    if not Path(path).is_file():
        raise InputError(f"{Path(path)}: no such file")
    default_gazetteer()  # loaded before the pool forks: shared, not loaded again per worker
    blocks = line_blocks(str(Path(path)), BATCH_BLOCK_BYTES, first=1)  # the first line warms up
    failed = 0
    for done in ordered_map(_batch_block, blocks, workers, ahead=4, chunksize=1):
        for line, error in done:
            if error is not None:
                print(f"error: {error}", file=sys.stderr)
                failed += 1
            else:
                print(line)
    return 2 if failed else 0


def _batch_block(block) -> list[tuple[str | None, str | None]]:
    """``_batch_line`` for each document of a block of lines; run in a worker, which reads them."""
    from pathlib import Path

    from geo.errors import InputError
    from geo.store.blocks import block_records

    p = Path(block.path)
    out = []
    for lineno, doc in block_records(block):
        if not isinstance(doc, InputError) and not (
            isinstance(doc, dict) and isinstance(doc.get("text"), str)
        ):
            doc = InputError(f"{p}:{lineno}: a document needs a 'text' string")
        if not isinstance(doc, InputError):
            doc.setdefault("id", f"{p.stem}-{lineno}")
        out.append(_batch_line((str(p), doc)))
    return out


def _batch_line(task: tuple) -> tuple[str | None, str | None]:
    """(the output line, None), or (None, why the document was skipped); run in a worker."""
    from geo.errors import InputError
    from geo.gazetteer import default_gazetteer
    from geo.parse.pipeline import parse_article

    path, doc = task
    try:
        if isinstance(doc, InputError):
            raise doc
        result = parse_article(_document_article(doc, f"{path}: {doc['id']}"), default_gazetteer())
    except InputError as exc:
        return None, str(exc)
    except Exception as exc:  # a parser bug must not end the batch: one line, the rest goes on
        return None, f"{path}: {doc['id']}: could not be parsed ({type(exc).__name__})"
    out = {
        "id": doc["id"],
        "places": [_place_row(p) for p in result.places],
        "claims": [_claim_row(c) for c in result.claims],
    }
    return json.dumps(out, ensure_ascii=False), None


def _document_article(doc: dict, name: str):
    """The document as an Article, its text as it is (offsets point into the line's ``text``),
    with its ``published`` and ``language`` (detected when absent)."""
    from geo.model import Article
    from geo.text.articles import article_id, detect_language, parse_published

    text = doc["text"]
    language = str(doc.get("language") or "") or (detect_language(text) if text.strip() else "und")
    published = parse_published(doc.get("published"), f"{name}: published")
    return Article(article_id(text), text, language.lower(), published, str(doc.get("source") or ""))


def _claim_row(c) -> dict:
    d = c.to_dict()
    keep = ("place", "mention", "geonameid", "lat", "lon", "actor", "status", "date", "date_precision")
    return {**{k: d[k] for k in keep}, "confidence": d["confidence"], "quote": d["quote"]}


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
            "precision",
        )
    }
