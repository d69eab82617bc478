"""``python -m geo evaluate DOCS.jsonl``: recognition and resolution measures against gold toponyms."""
from __future__ import annotations

import argparse
import json
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("evaluate", help="score the geoparser on gold-annotated documents (FORMAT.md)")
    p.add_argument("file", help="JSON Lines documents with gold 'toponyms'")
    p.add_argument("--per-document", action="store_true", help="also report each document's measures")
    p.add_argument("--limit", type=int, default=None, help="only the first N documents")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from itertools import islice

    from geo.evaluate import evaluate, read_documents
    from geo.geoparser_system import tidemark_system

    docs = read_documents(args.file)
    if args.limit:
        docs = islice(docs, args.limit)
    report = evaluate(docs, tidemark_system(), per_document=args.per_document)
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        ov, ex = report["overlap"], report["exact"]
        print(f"{args.file}: {report['documents']} documents, {report['documents_gold_mentions']} gold mentions")
        print(f"  overlap P/R/F1 {ov['precision']:.3f}/{ov['recall']:.3f}/{ov['f1']:.3f}   exact F1 {ex['f1']:.3f}")
        print(f"  acc@161km {report['acc_at_161km']}  median {report['median_error_km']} km  mean {report['mean_error_km']} km  AUC {report['auc']}")
    return 0
