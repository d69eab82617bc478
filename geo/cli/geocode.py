"""``python -m geo geocode QUERY``: the offline gazetteer as users query it."""

from __future__ import annotations

import argparse
import json
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("geocode", help="look a place up in the offline gazetteer")
    p.add_argument(
        "name",
        help='a place, qualified or not, in any language ("Rawa, Iraq", "Springfield, IL", "الموصل")',
    )
    p.add_argument("--country", action="append", metavar="CC", help="ISO country code to keep (repeatable)")
    p.add_argument("--limit", type=int, default=10, help="how many candidates at most (default 10)")
    p.add_argument("--language", metavar="LANG", help='addresses in this language ("ar", "ru", "fr")')
    p.add_argument(
        "--featuretype",
        choices=("country", "state", "county", "city", "settlement"),
        help="only places of this kind (geopy's featuretype)",
    )
    p.add_argument(
        "--online",
        action="store_true",
        help="ask Nominatim for names the gazetteer lacks (needs the internet)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from geo.errors import InputError
    from geo.gazetteer.geocoder import TidemarkGeocoder

    if args.limit < 1:
        raise InputError("--limit must be at least 1")
    found = TidemarkGeocoder(online=args.online).geocode(
        args.name,
        exactly_one=False,
        country_codes=args.country,
        limit=args.limit,
        language=args.language,
        featuretype=args.featuretype,
    )
    rows = [{**loc.raw, "address": loc.address} for loc in found or []]
    if args.json:
        json.dump({"query": args.name, "candidates": rows}, sys.stdout, ensure_ascii=False, indent=2)
        print()
    elif not rows:
        print(f"{args.name}: no place of that name")
    else:
        for r in rows:
            print(
                f"{r['address']}  {r['kind']:8} pop {r['population']:>11,}  ({r['lat']:.4f}, {r['lon']:.4f})"
                f"  geonameid {r['geonameid']}"
            )
    return 0 if rows else 1
