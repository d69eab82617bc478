"""Small derived tables of the gazetteer, built once and kept as pickles under ``data/cache/``
(or ``$TIDEMARK_CACHE``: ``CACHE_DIR``, the one cache folder of the gazetteer, its index's too).

The file name carries a stamp of the inputs' names and sizes — never their paths or times — so
a copied checkout or a container image reuses the cache (the packages' versions pin the sizes).
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Callable, TypeVar

from geo import paths

T = TypeVar("T")

#: Where the gazetteer's caches live: ``$TIDEMARK_CACHE`` when set (a folder several checkouts or
#: workers share), else ``data/cache/``. ``index.CACHE_ROOT`` is this folder.
CACHE_DIR = Path(os.environ.get("TIDEMARK_CACHE") or paths.CACHE_DIR)


def stamp(inputs: list[Path]) -> str:
    """A short, relocatable fingerprint of the files a table is built from."""
    parts = [f"{p.name}:{p.stat().st_size if p.exists() else -1}" for p in inputs]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]


def cached(name: str, inputs: list[Path], build: Callable[[], T]) -> T:
    """``build()``'s result, read from ``data/cache/<name>-<stamp>.pickle`` when it is there;
    else built, then written atomically (a half-written pickle is never read)."""
    path = CACHE_DIR / f"{name}-{stamp(inputs)}.pickle"
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError):
        pass
    value = build()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    with tmp.open("wb") as fh:
        pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    return value
