"""``python -m geo export``: the stored claims as CSV, GeoJSON, GeoPackage or ACLED-shaped CSV."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    from geo.show.formats import FORMATS

    p = sub.add_parser("export", help="write the stored claims to a file")
    p.add_argument("-o", "--output", required=True, help="file to write")
    p.add_argument("--format", choices=FORMATS, default=None, help="default: from the file's extension")
    p.add_argument("--db", help="SQLAlchemy URL or SQLite path")
    p.add_argument("--from", dest="date_from", help="first date, YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", help="last date, YYYY-MM-DD")
    p.add_argument("--actor", action="append", help="keep this actor id (repeatable)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from geo.errors import InputError
    from geo.show.export import FORMATS, export_claims
    from geo.store import Store
    from geo.text.articles import parse_published

    fmt = args.format or Path(args.output).suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise InputError(f"{args.output}: say --format ({', '.join(FORMATS)})")
    claims = Store(args.db).claims_frame(
        date_from=parse_published(args.date_from, "--from"),
        date_to=parse_published(args.date_to, "--to"),
        actors=args.actor,
    )
    out = Path(args.output)
    if not out.parent.is_dir():
        raise InputError(f"{out}: no such folder {str(out.parent)!r}")
    try:
        export_claims(claims, out, fmt)
    except OSError as exc:
        raise InputError(f"{out}: cannot be written ({exc.strerror or type(exc).__name__})") from None
    print(f"{len(claims)} claims -> {args.output} ({fmt})")
    return 0
