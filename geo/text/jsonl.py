"""JSON Lines as the format defines them: records split on ``\\n`` only.

``str.splitlines`` also splits on U+2028, U+0085 and other separators that JSON strings may
hold unescaped, which cut a valid record in two.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

from geo.errors import InputError


def json_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) for each non-blank line of a JSON Lines text."""
    for lineno, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        if line.strip():
            yield lineno, line


def parse_json_lines(text: str, name: str) -> Iterator[tuple[int, Any | InputError]]:
    """(line number, value) per record; a line that is not JSON gives an InputError in its place."""
    for lineno, line in json_lines(text):
        try:
            yield lineno, json.loads(line)
        except json.JSONDecodeError as exc:
            yield lineno, InputError(f"{name}:{lineno}: not valid JSON ({exc.msg})")
        except RecursionError:
            yield lineno, InputError(f"{name}:{lineno}: JSON nested too deeply")


def read_documents(path: str | Path, strict: bool = False) -> Iterator[dict[str, Any] | InputError]:
    """Documents (``{"text": ..., "id": ...}``) of a JSON Lines file.

    A bad line gives an InputError naming its line number in the document's place, so a
    batch can report it and go on (``strict``: raise it instead); a missing file raises.
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no such file")
    text = p.read_bytes().decode("utf-8", errors="replace")
    for lineno, doc in parse_json_lines(text, str(p)):
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
