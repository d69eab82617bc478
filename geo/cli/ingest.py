"""``python -m geo ingest PATH...``: parse and store files and folders of reports."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="parse and store articles (.txt, .html, .json/.jsonl, RSS/Atom)")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    p.add_argument(
        "--db", help="SQLAlchemy URL or SQLite path (default $TIDEMARK_DB or data/tidemark.sqlite)"
    )
    p.add_argument(
        "--reparse", action="store_true", help="parse stored articles again and replace their claims"
    )
    p.add_argument(
        "--online", action="store_true", help="allow http(s) URLs of pages and feeds (uses the network)"
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from geo.store import Store
    from geo.store.ingest import ingest_paths

    store = Store(args.db)
    summary = ingest_paths(
        args.paths, store, progress=not args.no_progress, reparse=args.reparse, online=args.online
    )
    for name, reason in summary.failed:
        print(
            f"skipped: {reason}" if reason.startswith(name) else f"skipped: {name}: {reason}", file=sys.stderr
        )
    counts = store.counts()
    print(
        f"{summary.line()}; the store holds {counts['articles']} articles, {counts['claims']} claims ({store.url})"
    )
    return 1 if summary.failed and not summary.read else 0
