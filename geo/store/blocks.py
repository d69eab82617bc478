"""JSON Lines files cut into blocks of whole lines, for workers that read their own share.

The process that hands out the work only finds the line ends (``line_blocks``: the bytes are
counted, nothing is decoded or parsed), and each worker reads, decodes and parses the lines
of its block itself (``block_records``), as ``geo.text.jsonl.read_json_lines`` reads a
whole file: split on ``\\n`` only, a UTF-8 byte-order mark dropped at the start of the file,
each line at most ``MAX_LINE_BYTES`` (a longer one is skipped unread and named by its line
number). So a big feed costs the parent no more than a scan for newlines, and what goes
through the pool is a file name and two offsets, not the documents.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geo.errors import InputError
from geo.text.jsonl import read_json_lines

_PIECE = 1 << 20  # bytes read at a time while looking for the end of a line


@dataclass(frozen=True)
class Block:
    """Lines ``first_line``... of a JSON Lines file, bytes ``start`` to ``end``; a whole file when
    ``end`` is None."""

    path: str
    start: int = 0
    end: int | None = None
    first_line: int = 1

    def __str__(self) -> str:
        return self.path


def line_blocks(path: str | Path, block_bytes: int, *, first: int | None = None) -> Iterator[Block]:
    """The file's lines in blocks of about ``block_bytes`` (each ends at a line end), found as
    they are needed. ``first``: the first block's size, when it should differ (1: the first line
    alone, which a pool parses before it forks)."""
    path, start, line = str(path), 0, 1
    with open(path, "rb") as fh:
        want = first or block_bytes
        while True:
            chunk = fh.read(max(want, 1))
            if not chunk:
                return
            lines = chunk.count(b"\n")
            end = start + len(chunk)
            if not chunk.endswith(b"\n"):
                rest, found = _to_line_end(fh)
                end, lines = end + rest, lines + found
            yield Block(path, start, end, line)
            start, line, want = end, line + lines, block_bytes
            fh.seek(end)


def _to_line_end(fh) -> tuple[int, int]:
    """Read on to just past the next ``\\n``: (bytes read, 1 when one was found, else 0)."""
    n = 0
    while piece := fh.read(_PIECE):
        at = piece.find(b"\n")
        if at >= 0:
            return n + at + 1, 1
        n += len(piece)
    return n, 0


def block_records(block: Block) -> Iterator[tuple[int, Any | InputError]]:
    """(line number, value) per non-blank line of ``block`` (a whole file when its ``end`` is
    None); a line that is not JSON or is too long gives an InputError naming ``path:line``."""
    return read_json_lines(block.path, block.start, block.end, block.first_line)
