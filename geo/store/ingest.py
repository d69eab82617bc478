"""Batch ingestion: files and folders in, each article parsed and stored once, a summary out.

A file whose content (with its ``.meta.json`` sidecar) was ingested before by the same parser
version is skipped unread, by its SHA-256. Articles are parsed in a pool of ``workers``
processes (``geo.store.pool``: forked once the gazetteer is loaded, which they share) and stored
from this process in batches, one transaction each (bulk inserts), so an interrupted run leaves no
half-stored article. One bad file or record (empty, binary, malformed, too big, a parse that
fails) is named in one line with its reason and the batch goes on.
"""

from __future__ import annotations

import hashlib
import inspect
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from geo.errors import InputError
from geo.model import Article, ParseResult
from geo.store.pool import ordered_map
from geo.text.readers import FEED_SUFFIXES, RECORD_SUFFIXES, is_url, read_path, readable

#: A batch is stored when it holds this many articles or is this old (seconds).
BATCH_ARTICLES = 500
BATCH_SECONDS = 1.0


@dataclass
class IngestSummary:
    read: int = 0  # articles read
    parsed: int = 0  # articles parsed (files skipped by their hash are not)
    new: int = 0
    unchanged: int = 0
    updated: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file or record, reason)
    rejected: list[str] = field(default_factory=list)  # dates left out at the store's door

    @property
    def stored(self) -> int:
        return self.new + self.updated

    def line(self) -> str:
        """The closing summary: ``N stored (new, updated), M unchanged, K skipped``."""
        out = (
            f"{self.stored} stored ({self.new} new, {self.updated} updated), {self.unchanged} unchanged, "
            f"{len(self.failed)} skipped"
        )
        return out + (f", {len(self.rejected)} dates rejected" if self.rejected else "")


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


def file_hash(path) -> str | None:
    """SHA-256 of a local file and its ``.meta.json`` sidecar; None for URLs and unreadable files."""
    if is_url(path):
        return None
    p = Path(path)
    h = hashlib.sha256()
    try:
        for part in (p, p.with_suffix(".meta.json")):
            if part == p or part.is_file():
                with open(part, "rb") as fh:
                    while chunk := fh.read(1 << 20):
                        h.update(chunk)
                h.update(b"\0")
    except OSError:
        return None
    return h.hexdigest()


# The parse function and its keywords, set before the pool forks (workers inherit them).
_PARSE: Callable | None = None
_KW: dict = {}


def _parse_one(task):
    """In a worker: (file index, Article -> ParseResult, or an InputError naming the article)."""
    index, item = task
    if not isinstance(item, Article):
        return index, item
    try:
        return index, _PARSE(item, **_KW)
    except InputError as exc:
        return index, exc
    except Exception as exc:  # a parser bug must not end the batch: one line, the rest goes on
        return index, InputError(f"{item.path or item.id}: could not be parsed ({type(exc).__name__})")


def _tasks(sources: list, read: Callable[[object], Iterable]) -> Iterator[tuple[int, object]]:
    """(source index, Article or InputError) for each source's items, then (index, None) at its end."""
    for i, source in enumerate(sources):
        yield from ((i, item) for item in read(source))
        yield i, None


def ingest_paths(
    paths: Iterable[str | Path],
    store,
    *,
    parse: Callable[[Article], ParseResult] | None = None,
    progress: bool = True,
    reparse: bool = False,
    online: bool = False,
    workers: int = 1,
    editor: str = "",
) -> IngestSummary:
    """Read, parse and store every article under ``paths`` (see the module's docstring)."""
    from geo.parse.pipeline import parser_version

    files = expand(paths)
    summary = IngestSummary()
    hashes = [file_hash(f) for f in files]
    known = {} if reparse else store.known_files([h for h in hashes if h], parser_version())
    todo = [(f, h) for f, h in zip(files, hashes) if h not in known]
    summary.unchanged += sum(len(known[h]) for h in hashes if h in known)
    bar = _bar(len(files), progress)
    if bar is not None:
        bar.update(len(files) - len(todo))
    sources, read = [f for f, _ in todo], partial(read_path, online=online)
    workers = _pool_size(sources, workers)
    from geo.store.parallel import ingest_in_workers, reopenable

    if workers > 1 and reopenable(store):  # the workers store their own share
        _prepare(parse, store, progress)
        ingest_in_workers(
            sources,
            store,
            read=read,
            hashes=[h for _, h in todo],
            summary=summary,
            workers=workers,
            reparse=reparse,
            editor=editor,
            version=parser_version(),
            bar=bar,
        )
    else:
        ingest_sources(
            sources,
            store,
            read=read,
            hashes=[h for _, h in todo],
            parse=parse,
            summary=summary,
            progress=progress,
            reparse=reparse,
            workers=workers,
            editor=editor,
            bar=bar,
        )
    if bar is not None:
        bar.close()
    return summary


def ingest_sources(
    sources: list,
    store,
    *,
    read: Callable[[object], Iterable],
    hashes: list[str | None] | None = None,
    parse: Callable[[Article], ParseResult] | None = None,
    summary: IngestSummary | None = None,
    progress: bool = False,
    reparse: bool = False,
    workers: int = 1,
    editor: str = "",
    bar=None,
    ids: dict[int, list[str]] | None = None,
) -> IngestSummary:
    """Parse and store the items ``read(source)`` gives for each source (Articles, or
    InputErrors naming what is skipped). A source read cleanly is recorded under its content
    hash (``hashes``, when given) with the ids of its articles; ``ids`` gets them too, by the
    source's index."""
    from geo.parse.pipeline import parser_version

    _prepare(parse, store, progress)
    summary = summary if summary is not None else IngestSummary()
    writer = _Writer(store, summary, reparse, editor, parser_version())
    got: list[str] = []
    clean = True
    for index, item in ordered_map(_parse_one, _tasks(sources, read), workers):
        if item is None:  # the end of source ``index``
            if clean and hashes and hashes[index]:
                writer.files[hashes[index]] = got
            if clean and ids is not None:
                ids[index] = got
            got, clean = [], True
            if bar is not None:
                bar.update()
            writer.flush_if_due()
            continue
        if isinstance(item, InputError):
            clean = False
            summary.failed.append((str(sources[index]), str(item)))
            continue
        summary.read += 1
        summary.parsed += 1
        got.append(item.article.id)
        writer.add(item)
    writer.flush()
    return summary


def _prepare(parse: Callable | None, store, progress: bool) -> None:
    """The parse function and its keywords, set before the pool forks (the workers inherit them)."""
    global _PARSE, _KW
    if parse is None:
        from geo.gazetteer import default_gazetteer
        from geo.parse.pipeline import parse_article as parse

        default_gazetteer(progress=progress)  # loaded before the pool forks: shared, not rebuilt
    _PARSE, _KW = parse, _rules_keyword(parse, store)


def add_summary(total: IngestSummary, part: IngestSummary) -> None:
    """Add the counts and lines of ``part`` (a worker's) to ``total``."""
    for name in ("read", "parsed", "new", "unchanged", "updated"):
        setattr(total, name, getattr(total, name) + getattr(part, name))
    total.failed += part.failed
    total.rejected += part.rejected


def _pool_size(files: list, workers: int) -> int:
    """``workers``, or fewer when the files hold fewer articles (a file of records or a feed
    may hold many, any other file one)."""
    many = any(is_url(f) or Path(f).suffix.lower() in RECORD_SUFFIXES | FEED_SUFFIXES for f in files)
    return workers if many else min(workers, max(len(files), 1))


def _rules_keyword(parse: Callable, store) -> dict:
    """``{"preferred": store.place_rules()}`` when ``parse`` takes the editors' rules."""
    try:
        takes = "preferred" in inspect.signature(parse).parameters
    except (TypeError, ValueError):
        takes = False
    return {"preferred": store.place_rules()} if takes else {}


def _bar(total: int, progress: bool):
    if not progress or total <= 1:
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc="Ingesting", unit="file", file=sys.stderr)


class _Writer:
    """Parsed articles gathered into batches, each stored in one transaction."""

    def __init__(self, store, summary: IngestSummary, replace: bool, editor: str, version: str):
        self.store, self.summary, self.replace, self.editor, self.version = (
            store,
            summary,
            replace,
            editor,
            version,
        )
        self.batch: list[ParseResult] = []
        self.files: dict[str, list[str]] = {}
        self.started = time.monotonic()

    def add(self, result: ParseResult) -> None:
        if not self.batch:
            self.started = time.monotonic()
        self.batch.append(result)
        self.flush_if_due()

    def flush_if_due(self) -> None:
        if len(self.batch) >= BATCH_ARTICLES or (
            self.batch and time.monotonic() - self.started >= BATCH_SECONDS
        ):
            self.flush()

    def flush(self) -> None:
        if not self.batch and not self.files:
            return
        batch, files, self.batch, self.files = self.batch, self.files, [], {}
        try:
            outcomes = self._store(batch, files)
        except InputError:
            outcomes = self._one_by_one(batch, files)
        for outcome in outcomes:
            if outcome:
                setattr(self.summary, outcome, getattr(self.summary, outcome) + 1)

    def _store(self, batch, files) -> list[str]:
        return self.store.add_many(
            batch,
            editor=self.editor,
            replace=self.replace,
            parser_version=self.version,
            rejected=self.summary.rejected,
            files=files,
        )

    def _one_by_one(self, batch, files) -> list[str | None]:
        """After a batch failed: each article alone, so only the bad one is skipped."""
        out: list[str | None] = []
        for result in batch:
            try:
                out += self._store([result], {})
            except InputError as exc:
                self.summary.failed.append((result.article.path or result.article.id, str(exc)))
                out.append(None)
        return out
