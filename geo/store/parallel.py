"""``ingest`` in a pool whose workers read, parse and store their own share of the input.

What goes through the pool is small both ways: to a worker, a unit of work naming its pieces
(a block of lines of a JSON Lines file, a file of one article, or a few articles a feed or a
JSON array gave, read here); back, the unit's summary and the ids of the articles it stored.
Each worker opens its own connection to the store (after the fork) and writes each unit in
one transaction of bulk inserts, as ``ingest`` writes a batch (SQLite queues its writers on
the busy timeout). This process only hands out the units, prints what was skipped and
records each file read cleanly under its content hash once all its pieces are stored, so an
interrupted run stores no file as done that is not. See ``geo.store.ingest``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path

from geo.errors import InputError
from geo.model import Article
from geo.store import ingest as _ingest
from geo.store.blocks import Block, block_records, line_blocks
from geo.store.ingest import BATCH_ARTICLES, BATCH_SECONDS, IngestSummary, add_summary
from geo.store.pool import ordered_map
from geo.text.readers import FEED_SUFFIXES, RECORD_SUFFIXES, STREAMED_SUFFIXES, is_url

#: A unit of work holds about this many bytes of input (whole lines, whole files) ...
UNIT_BYTES = 64 << 10
#: ... or this many articles read here from a feed or a JSON array.
UNIT_ARTICLES = 32

# Set before the pool forks, inherited by the workers.
_URL = ""
_READ: Callable = lambda source: ()  # noqa: E731
_OPTIONS: dict = {}
_OWN: tuple[int, object] | None = None  # (pid, the Store this process writes with)

Piece = tuple[int, str, object, bool]  # (source index, its name, Block or articles, last piece of it)


def reopenable(store) -> bool:
    """Whether other processes can open ``store`` by its URL (not an in-memory SQLite)."""
    url = getattr(store, "url", "")
    if not url.startswith("sqlite"):
        return bool(url)
    from geo.store.database import sqlite_path

    return sqlite_path(url) is not None


def ingest_in_workers(
    sources: list,
    store,
    *,
    read: Callable[[object], Iterable],
    hashes: list[str | None],
    summary: IngestSummary,
    workers: int,
    reparse: bool,
    editor: str,
    version: str,
    bar=None,
) -> IngestSummary:
    """Read, parse and store ``sources`` in ``workers`` processes (see the module's docstring)."""
    global _URL, _READ, _OPTIONS, _OWN
    _URL, _READ, _OWN = store.url, read, (os.getpid(), store)
    _OPTIONS = {"reparse": reparse, "editor": editor, "version": version}
    files = _Files(store, version)
    got: list[str] = []
    clean = True
    units = _units(sources, read)
    for part, pieces in ordered_map(
        _ingest_unit, units, workers, ahead=4, chunksize=1, before_fork=store.engine.dispose
    ):
        add_summary(summary, part)
        for index, ids, ok, last in pieces:
            got += ids
            clean = clean and ok
            if last:
                if clean and hashes[index]:
                    files.add(hashes[index], got)
                got, clean = [], True
                if bar is not None:
                    bar.update()
    files.flush(force=True)
    return summary


def _units(sources: list, read: Callable) -> Iterator[list[Piece]]:
    """The pieces of every source, gathered into units of about ``UNIT_BYTES``; the first unit
    is one piece of one article, done here before the pool forks."""
    unit: list[Piece] = []
    size = 0
    first = True
    for piece, nbytes in _pieces(sources, read):
        unit.append(piece)
        size += nbytes
        if first or size >= UNIT_BYTES:
            yield unit
            unit, size, first = [], 0, False
    if unit:
        yield unit


def _pieces(sources: list, read: Callable) -> Iterator[tuple[Piece, int]]:
    """(piece, its size in bytes) for each source in order; a source's last piece says so."""
    for i, source in enumerate(sources):
        name, kind = str(source), _kind(source)
        if kind == "lines":
            first = 1 if i == 0 else None
            pieces = (((b, b.end - b.start)) for b in line_blocks(source, UNIT_BYTES, first=first))
        elif kind == "file":
            pieces = iter([(Block(name), _size(source))])
        else:  # read here: a feed, a JSON array, a URL
            pieces = _chunks(iter(read(source)), first=1 if i == 0 else UNIT_ARTICLES)
        last = None
        for piece in pieces:
            if last is not None:
                yield (i, name, last[0], False), last[1]
            last = piece
        yield (i, name, last[0] if last else (), True), last[1] if last else 0


def _chunks(items: Iterator, first: int) -> Iterator[tuple[tuple, int]]:
    """The items in chunks of ``UNIT_ARTICLES`` (the first of ``first``), with their size."""
    size = first
    while chunk := tuple(islice(items, size)):
        yield chunk, sum(len(a.text) for a in chunk if isinstance(a, Article))
        size = UNIT_ARTICLES


def _kind(source) -> str:
    """ "lines" (a JSON Lines file, cut in blocks), "file" (one article, read by a worker) or
    "read" (read here and handed out in chunks of articles)."""
    if is_url(source):
        return "read"
    p = Path(source)
    suffix = p.suffix.lower()
    if suffix in STREAMED_SUFFIXES:
        return "lines" if p.is_file() and os.access(p, os.R_OK) else "read"
    return "read" if suffix in RECORD_SUFFIXES | FEED_SUFFIXES else "file"


def _size(source) -> int:
    try:
        return Path(source).stat().st_size
    except OSError:
        return 0


def _ingest_unit(unit: list[Piece]) -> tuple[IngestSummary, list[tuple[int, list[str], bool, bool]]]:
    """In a worker: read, parse and store one unit; its summary and, per piece, (source index,
    ids of its articles, read without a bad record, the source's last piece)."""
    summary = IngestSummary()
    writer = _ingest._Writer(_store(), summary, _OPTIONS["reparse"], _OPTIONS["editor"], _OPTIONS["version"])
    out = []
    for index, name, what, last in unit:
        ids, clean = [], True
        for item in _items(what, name):
            if not isinstance(item, InputError):
                item = _ingest._parse_one((index, item))[1]
            if isinstance(item, InputError):
                clean = False
                summary.failed.append((name, str(item)))
                continue
            summary.read += 1
            summary.parsed += 1
            ids.append(item.article.id)
            writer.add(item)
        out.append((index, ids, clean, last))
    writer.flush()
    return summary, out


def _items(what, name: str) -> Iterable:
    """The Articles (or InputErrors) of a piece."""
    if not isinstance(what, Block):
        return what
    if what.end is None:
        return _READ(what.path)
    from geo.text.readers import records_to_articles

    try:
        return list(records_to_articles(block_records(what), Path(what.path)))
    except OSError as exc:
        return [InputError(f"{name}: cannot be read ({exc.strerror or type(exc).__name__})")]


def _store():
    """The Store this process writes with: the caller's here, its own in a forked worker."""
    global _OWN
    if _OWN is None or _OWN[0] != os.getpid():
        from geo.store import Store

        _OWN = (os.getpid(), Store(_URL))
    return _OWN[1]


class _Files:
    """Files read cleanly, recorded under their content hash in batches (one transaction each)."""

    def __init__(self, store, version: str):
        self.store, self.version, self.done, self.started = store, version, {}, time.monotonic()

    def add(self, digest: str, ids: list[str]) -> None:
        if not self.done:
            self.started = time.monotonic()
        self.done[digest] = ids
        self.flush()

    def flush(self, force: bool = False) -> None:
        due = len(self.done) >= BATCH_ARTICLES or time.monotonic() - self.started >= BATCH_SECONDS
        if self.done and (force or due):
            done, self.done = self.done, {}
            self.store.add_many([], parser_version=self.version, files=done)
