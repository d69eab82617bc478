"""JSON Lines as the format defines them: records split on ``\\n`` only, read line by line.

``str.splitlines`` also splits on U+2028, U+0085 and other separators that JSON strings may
hold unescaped, which cut a valid record in two. A file is streamed (no size limit on the
file), each line limited to ``MAX_LINE_BYTES``; a line that is too long, not JSON or nested
too deeply gives an ``InputError`` naming its line number in its place.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Any, Iterator

from geo.errors import InputError
from geo.text.articles import MAX_ARTICLE_BYTES

MAX_LINE_BYTES = MAX_ARTICLE_BYTES
_PIECE = 1 << 20  # bytes read at a time while skipping the rest of a line too long


def json_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) for each non-blank line of a JSON Lines text."""
    for lineno, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        if line.strip():
            yield lineno, line


def loads_line(line: str, name: str, lineno: int) -> Any | InputError:
    """One line's value, or the InputError that says why it is none."""
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(f"{name}:{lineno}: not valid JSON ({exc.msg})")
    except RecursionError:
        return InputError(f"{name}:{lineno}: JSON nested too deeply")


def parse_json_lines(text: str, name: str) -> Iterator[tuple[int, Any | InputError]]:
    """(line number, value) per record; a line that is not JSON gives an InputError in its place."""
    for lineno, line in json_lines(text):
        yield lineno, loads_line(line, name, lineno)


def read_json_lines(
    path: str | Path, start: int = 0, end: int | None = None, first_line: int = 1
) -> Iterator[tuple[int, Any | InputError]]:
    """(line number, value) per record of a JSON Lines file, streamed (see the module).

    ``start``..``end``: only the whole lines in that byte range (the blocks ``geo.store.blocks``
    hands to workers), numbered from ``first_line``; by default the whole file."""
    name = str(path)
    with open(path, "rb") as fh:
        fh.seek(start)
        left = end - start if end is not None else None
        lineno = first_line - 1
        while left is None or left > 0:
            raw = fh.readline(MAX_LINE_BYTES + 1 if left is None else min(MAX_LINE_BYTES + 1, left))
            if not raw:
                return
            lineno += 1
            if left is not None:
                left -= len(raw)
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # the rest of the line, unread
                    raw = fh.readline(_PIECE if left is None else min(_PIECE, left))
                    if left is not None:
                        left -= len(raw)
                too_long = f"line too long (the limit is {MAX_LINE_BYTES:,} bytes)"
                yield lineno, InputError(f"{name}:{lineno}: {too_long}")
                continue
            if lineno == 1:
                raw = raw.removeprefix(codecs.BOM_UTF8)
            line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
            if line.strip():
                yield lineno, loads_line(line, name, lineno)


def read_documents(path: str | Path, strict: bool = False) -> Iterator[dict[str, Any] | InputError]:
    """Documents (``{"text": ..., "id": ...}``) of a JSON Lines file.

    A bad line gives an InputError naming its line number in the document's place, so a
    batch can report it and go on (``strict``: raise it instead); a missing file raises.
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no such file")
    for lineno, doc in read_json_lines(p):
        if not isinstance(doc, InputError) and not (
            isinstance(doc, dict) and isinstance(doc.get("text"), str)
        ):
            doc = InputError(f"{p}:{lineno}: a document needs a 'text' string")
        if isinstance(doc, InputError):
            if strict:
                raise doc
            yield doc
        else:
            doc.setdefault("id", f"{p.stem}-{lineno}")
            yield doc
