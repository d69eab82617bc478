"""``python -m geo evaluate FILE.jsonl...``: score against gold documents, whatever they annotate.

The format is told by the first document's fields (``../shared/eval/*/FORMAT.md``):
``toponyms`` (LGL, GeoVirus: recognition and resolution), ``locations`` (NER corpora:
recognition per language) or ``truth`` (ACLED/UCDP conflict reports: claims and places).
"""

from __future__ import annotations

import argparse
import json
import sys
from itertools import chain, islice
from typing import Any, Callable, Iterator

KINDS = ("geoparse", "ner", "conflict")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("evaluate", help="score the geoparser or the claims on gold-annotated documents")
    p.add_argument("files", nargs="+", metavar="FILE", help="JSON Lines gold documents (see FORMAT.md)")
    p.add_argument("--per-document", action="store_true", help="also report each document's measures")
    p.add_argument("--limit", type=int, default=None, help="only the first N documents of each file")
    p.add_argument("--json", action="store_true", help="print JSON (one object per file)")
    p.set_defaults(func=run)


def kind_of(doc: dict[str, Any]) -> str:
    """Which gold standard a document belongs to, by the fields it carries."""
    if "truth" in doc:
        return "conflict"
    if "locations" in doc:
        return "ner"
    return "geoparse"


def _scorer(kind: str) -> tuple[Callable[..., dict], Callable[[dict], str]]:
    if kind == "ner":
        from geo.evaluate.ner import evaluate_ner, format_ner

        return evaluate_ner, format_ner
    if kind == "conflict":
        from geo.evaluate.conflict import evaluate_conflict, format_conflict

        return evaluate_conflict, format_conflict
    from geo.evaluate.geoparse import evaluate, format_geoparse
    from geo.evaluate.system import tidemark_system

    return (lambda docs, **kw: evaluate(docs, tidemark_system(), **kw)), format_geoparse


def _documents(path: str, limit: int | None) -> tuple[str, Iterator[dict[str, Any]]]:
    from geo.errors import InputError
    from geo.text.jsonl import read_documents

    docs = read_documents(path, strict=True)
    if limit:
        docs = islice(docs, limit)
    first = next(docs, None)
    if first is None:
        raise InputError(f"{path}: no documents")
    return kind_of(first), chain([first], docs)


def run(args: argparse.Namespace) -> int:
    for path in args.files:
        kind, docs = _documents(path, args.limit)
        score, describe = _scorer(kind)
        report = score(docs, per_document=args.per_document)
        report = {"file": path, "kind": kind, **report}
        if args.json:
            json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
            print()
        else:
            print(f"{path} ({kind})")
            print(describe(report))
    return 0
