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
    p.add_argument("--workers", type=int, default=None, help="parsing processes (default: all cores)")
    p.add_argument(
        "--editor", default=None, help="who is writing, for the log of changes (default: cli:$USER)"
    )
    p.add_argument(
        "--dask",
        metavar="SCHEDULER",
        help="parse and store on Dask: a scheduler's address (tcp://host:8786), 'local[:N]' for a cluster "
        "on this machine, or 'processes' (docs/scale.md)",
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Ingest; one line per skipped file or record, then the closing summary. Exit 0 when
    something was read, 1 when every file failed."""
    from geo.errors import InputError
    from geo.store import Store
    from geo.store.ingest import ingest_paths
    from geo.store.pool import default_workers

    if args.workers is not None and args.workers < 1:
        raise InputError("--workers: say 1 or more")
    store = Store(args.db)
    if args.dask:
        from geo.store.distributed import ingest_dask

        if args.online or args.workers is not None:
            raise InputError("--dask: the cluster parses; --online and --workers are for a local ingest")

        summary = ingest_dask(
            args.paths, store.url, scheduler=args.dask, reparse=args.reparse, editor=_editor(args)
        )
    else:
        summary = ingest_paths(
            args.paths,
            store,
            progress=not args.no_progress,
            reparse=args.reparse,
            online=args.online,
            workers=args.workers or default_workers(),
            editor=_editor(args),
        )
    for name, reason in summary.failed:
        print(
            f"skipped: {reason}" if reason.startswith(name) else f"skipped: {name}: {reason}", file=sys.stderr
        )
    for reason in summary.rejected:
        print(f"rejected: {reason}", file=sys.stderr)
    counts = store.counts()
    print(f"{summary.line()}; the store holds {counts['articles']} articles, {counts['claims']} claims")
    return 1 if summary.failed and not (summary.read or summary.unchanged) else 0


def _editor(args: argparse.Namespace) -> str:
    return args.editor if args.editor is not None else f"cli:{_user()}"


def _user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no user name in a container: still a write with a who
        return "unknown"
