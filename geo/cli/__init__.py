"""``python -m geo COMMAND``: one module per command, each with ``register(subparsers)``.

A command's module adds its parser and sets ``func(args) -> int``. Heavy imports stay
inside the functions so ``--help`` is instant. Bad input ends as one line on stderr
(``error: ...``) and exit status 2, never a traceback; an unforeseen failure is one line
too (exit status 1; ``TIDEMARK_DEBUG=1`` shows its traceback).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from geo.errors import InputError

COMMANDS = ("parse", "ingest", "geocode", "evaluate", "export")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m geo", description="Tidemark: places and control claims from news reports."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"geo.cli.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the promise: one line, never a traceback
        if os.environ.get("TIDEMARK_DEBUG"):
            raise
        first = (str(exc).strip().splitlines() or [""])[0][:200]
        print(f"error: {args.command} failed ({type(exc).__name__}: {first})", file=sys.stderr)
        return 1
