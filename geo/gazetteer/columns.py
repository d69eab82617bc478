"""The built index on disk: marisa tries and numpy arrays, opened in milliseconds.

- ``names.marisa``: a marisa-trie ``Trie`` of every name key (key -> key id);
  ``name_rows.npy``: the rows each key names, key by key in key-id order, ascending (best
  first); ``name_starts.npy``: where each key's rows start (``rows[starts[id]:starts[id + 1]]``);
- ``prefixes.marisa``: a ``Trie`` of the keys' leading words ("deir", "deir ez");
- ``place-<column>.npy``: the places' numbers; a text column with few values as codes into
  its list of values in ``meta.json``; the names as one UTF-8 text (``place-names.txt``)
  with each name's byte offset (``place-name_starts.npy``);
- ``meta.json``, written last: those lists, the demonyms, the longest key's number of words,
  the build's warnings.

Arrays and tries are memory-mapped, so a start reads only the pages it touches, and worker
processes forked from one process share them.
"""

from __future__ import annotations

import itertools
import json
import mmap
from pathlib import Path

import marisa_trie
import numpy as np

from geo.model import Place

#: Place columns held as numbers, and their types on disk.
NUMBERS = {"geonameid": np.int64, "lat": np.float64, "lon": np.float64, "population": np.int64}
#: Place columns of text with few distinct values (codes into ``meta.json``'s lists).
CODED = ("country_code", "kind", "admin1", "feature_code")
#: Every place column, in ``Place``'s order.
COLUMNS = ("geonameid", "name", "lat", "lon", "country_code", "kind", "population", "admin1", "feature_code")
META = "meta.json"


def write_names(target: Path, keys: list[str], codes: np.ndarray, rows: np.ndarray) -> None:
    """The names trie and its rows. ``keys``: distinct keys ("" is left out); ``codes``,
    ``rows``: one (index into ``keys``, row) per pair, in any order, repeats allowed."""
    write_name_rows(target, write_names_trie(target, keys), codes, rows)


def write_names_trie(target: Path, keys: list[str]) -> np.ndarray:
    """The names trie of ``keys`` (distinct; "" is left out), saved; each key's id in it (-1
    for ""). The build runs it in a forked copy while it works out the rows."""
    trie = marisa_trie.Trie([k for k in keys if k])
    trie.save(str(target / "names.marisa"))
    ids = np.fromiter(map(trie.get, keys, itertools.repeat(-1)), np.int64, len(keys))
    return np.append(ids, len(trie))  # the number of keys last


def write_name_rows(target: Path, ids: np.ndarray, codes: np.ndarray, rows: np.ndarray) -> None:
    """Each key's rows, by key id: ``ids`` as ``write_names_trie`` gives them."""
    ids, size = ids[:-1], int(ids[-1])
    key_ids = ids[codes]
    keep = key_ids >= 0
    span = int(rows.max(initial=0)) + 1
    pairs = np.unique(key_ids[keep] * span + rows[keep])  # sorted by key id, then row
    key_ids, rows = np.divmod(pairs, span)
    starts = np.zeros(size + 1, np.int64)
    np.cumsum(np.bincount(key_ids, minlength=size), out=starts[1:])
    np.save(target / "name_rows.npy", rows.astype(np.uint32))
    np.save(target / "name_starts.npy", starts.astype(np.uint32))


def write_places(target: Path, columns: dict[str, list]) -> dict[str, list[str]]:
    """The place columns (``COLUMNS``, sequences of one value per row); returns the values of
    the coded ones, for ``write_meta``."""
    for name, dtype in NUMBERS.items():
        np.save(target / f"place-{name}.npy", np.asarray(columns[name], dtype=dtype))
    values = {}
    for name in CODED:
        values[name] = sorted(set(columns[name]))
        code = {v: i for i, v in enumerate(values[name])}
        np.save(target / f"place-{name}.npy", np.fromiter(map(code.__getitem__, columns[name]), np.uint32))
    text = [n.encode("utf-8") for n in columns["name"]]
    starts = np.zeros(len(text) + 1, np.int64)
    np.cumsum(np.fromiter(map(len, text), np.int64, len(text)), out=starts[1:])
    (target / "place-names.txt").write_bytes(b"".join(text))
    np.save(target / "place-name_starts.npy", starts)
    return values


def write_meta(target: Path, meta: dict, values: dict[str, list[str]]) -> None:
    """``meta.json``, written last (a folder holding it is complete): ``meta`` and the coded
    columns' values."""
    (target / META).write_text(json.dumps({**meta, "values": values}, ensure_ascii=False), encoding="utf-8")


def _array(folder: Path, name: str) -> np.ndarray:
    """A saved array, memory-mapped (as a plain ndarray view: slicing a memmap costs more)."""
    return np.asarray(np.load(folder / name, mmap_mode="r"))


class NameIndex:
    """Name key -> rows, over the memory-mapped trie and arrays."""

    def __init__(self, folder: Path):
        self.trie = marisa_trie.Trie().mmap(str(folder / "names.marisa"))
        self.prefixes = marisa_trie.Trie().mmap(str(folder / "prefixes.marisa"))
        self._rows = _array(folder, "name_rows.npy")
        self._starts = _array(folder, "name_starts.npy")

    def rows(self, key: str) -> list[int]:
        """The rows named ``key``, ascending; [] for an unknown key."""
        i = self.trie.get(key)
        if i is None:
            return []
        return self._rows[self._starts[i] : self._starts[i + 1]].tolist()

    def items(self) -> dict[str, list[int]]:
        """Every key and its rows (for tests and benchmarks: a million keys)."""
        return {k: self.rows(k) for k in self.trie.keys()}


class Places:
    """The place columns, memory-mapped; a row read as a ``Place`` when asked for."""

    def __init__(self, folder: Path):
        self.meta = json.loads((folder / META).read_text(encoding="utf-8"))
        self.values: dict[str, list[str]] = self.meta["values"]
        self.numbers = {name: _array(folder, f"place-{name}.npy") for name in NUMBERS}
        self.codes = {name: _array(folder, f"place-{name}.npy") for name in CODED}
        self._name_starts = _array(folder, "place-name_starts.npy")
        with (folder / "place-names.txt").open("rb") as fh:
            size = fh.seek(0, 2)
            self._names = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) if size else b""

    def __len__(self) -> int:
        return len(self._name_starts) - 1

    def name(self, row: int) -> str:
        return self._names[self._name_starts[row] : self._name_starts[row + 1]].decode("utf-8")

    def place(self, row: int) -> Place:
        n, c, v = self.numbers, self.codes, self.values
        return Place(
            int(n["geonameid"][row]),
            self.name(row),
            float(n["lat"][row]),
            float(n["lon"][row]),
            v["country_code"][c["country_code"][row]],
            v["kind"][c["kind"][row]],
            int(n["population"][row]),
            v["admin1"][c["admin1"][row]],
            v["feature_code"][c["feature_code"][row]],
        )

    def rows_of_kind(self, *kinds: str) -> np.ndarray:
        """The rows of places of these kinds, ascending."""
        wanted = [i for i, k in enumerate(self.values["kind"]) if k in kinds]
        return np.flatnonzero(np.isin(self.codes["kind"], wanted))

    def column(self, name: str) -> list:
        """A whole column as Python values (for tests and benchmarks)."""
        if name in NUMBERS:
            return self.numbers[name].tolist()
        if name in CODED:
            return [self.values[name][i] for i in self.codes[name].tolist()]
        return [self.name(r) for r in range(len(self))]
