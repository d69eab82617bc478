"""Batch ingestion: files and folders in, each article parsed and stored once, a summary out.

One bad file (empty, binary, malformed, too big) is reported by name with its reason and the
batch goes on; each article is stored in its own transaction, so an interrupted run leaves
no half-stored article.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from geo.errors import InputError
from geo.model import Article, ParseResult
from geo.text.readers import is_url, read_path, readable


@dataclass
class IngestSummary:
    read: int = 0
    new: int = 0
    unchanged: int = 0
    updated: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)

    def line(self) -> str:
        return f"read {self.read}, new {self.new}, unchanged {self.unchanged}, updated {self.updated}, failed {len(self.failed)}"


def expand(paths: Iterable[str | Path]) -> list:
    """Files to read: the given files, and the article files inside given folders."""
    out: list[Path] = []
    for p in paths:
        if is_url(p):
            out.append(p)
            continue
        p = Path(p)
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and readable(f))
        else:
            out.append(p)
    return out


def ingest_paths(
    paths: Iterable[str | Path],
    store,
    *,
    parse: Callable[[Article], ParseResult] | None = None,
    progress: bool = True,
    reparse: bool = False,
    online: bool = False,
) -> IngestSummary:
    """Read, parse and store every article under ``paths``."""
    if parse is None:
        from geo.parse.pipeline import parse_article as parse
    files = expand(paths)
    summary = IngestSummary()
    bar = None
    if progress and len(files) > 1:
        from tqdm import tqdm

        bar = tqdm(total=len(files), desc="Ingesting", unit="file", file=sys.stderr)
    for path in files:
        for item in read_path(path, online=online):
            if isinstance(item, InputError):
                summary.failed.append((str(path), str(item)))
                continue
            summary.read += 1
            try:
                outcome = store.add(parse(item), replace=reparse)
            except InputError as exc:
                summary.failed.append((item.path or str(path), str(exc)))
                continue
            setattr(summary, outcome, getattr(summary, outcome) + 1)
        if bar is not None:
            bar.update()
    if bar is not None:
        bar.close()
    return summary
