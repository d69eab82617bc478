"""The names index: built once from the sources, cached on disk, loaded in a fraction of a second.

On disk (``data/cache/gazetteer-<fingerprint>/``, laid out by ``columns``): marisa tries of the
name keys and of their token prefixes (the recogniser's longest-match search), and numpy arrays
of each key's rows and of the place columns, all memory-mapped, so loading costs next to
nothing. The fingerprint covers the content of every source file and of the gazetteer code,
so a changed source or a new version rebuilds it by itself.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import multiprocessing
import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, NamedTuple

import marisa_trie
import numpy as np

from geo.gazetteer import columns, countries, divisions, geonames_dump, pickled, sources, towns
from geo.gazetteer.generic import name_keys

CACHE_ROOT = pickled.CACHE_DIR
FORMAT_VERSION = "4"
KIND_ORDER = {"country": 0, "region": 1, "admin1": 2, "admin2": 3, "feature": 4, "city": 5}


def fingerprint(files: list[Path] | None = None) -> str:
    h = hashlib.sha256(FORMAT_VERSION.encode())
    if files is None:
        dump = geonames_dump.dump_folder()
        files = sources.fingerprint_inputs() + (
            geonames_dump.dump_files(dump) + [dump / "alternateNamesV2.txt"] if dump else []
        )
    for f in files:
        h.update(_content_key(f).encode())
    return h.hexdigest()[:16]


#: Files up to this size are hashed whole (each start hashes them); larger ones (packaged
#: GeoNames and ISO 3166-2 extracts, dumps) by name and size, which their package versions pin.
_HASHED_BYTES = 2_000_000


def _content_key(f: Path) -> str:
    """What a source file contributes to the fingerprint: its content, never its path or time,
    so a copied checkout or a container image reuses the cache."""
    if not f.exists():
        return f"{f.name}|missing\n"
    size = f.stat().st_size
    if size > _HASHED_BYTES:
        return f"{f.name}|{size}\n"
    return f"{f.name}|{hashlib.sha256(f.read_bytes()).hexdigest()}\n"


def cache_dir() -> Path:
    return CACHE_ROOT / f"gazetteer-{fingerprint()}"


#: What a build reports to: (fraction done, 0..1, label of the step under way).
ProgressFn = Callable[[float, str], None]


class _Steps:
    """The build's steps, shown as a tqdm bar in the terminal and reported to a callback."""

    def __init__(self, labels: list[str], bar: bool, report: ProgressFn | None):
        from tqdm import tqdm

        self.labels, self.done, self.report = labels, 0, report
        quiet = type("Bar", (tqdm,), {"monitor_interval": 0})  # no thread: the build may fork
        self.bar = quiet(
            total=len(labels), desc="Building gazetteer", unit="step", disable=not bar, file=sys.stderr
        )
        self._announce()

    def _announce(self) -> None:
        label = self.labels[self.done] if self.done < len(self.labels) else "done"
        self.bar.set_postfix_str(label)
        if self.report is not None:
            self.report(self.done / len(self.labels), label)

    def next(self) -> None:
        self.done += 1
        self.bar.update()
        self._announce()
        if self.done == len(self.labels):
            self.bar.close()


def _split_progress(progress: bool | ProgressFn | None) -> tuple[bool, ProgressFn | None]:
    """(show the terminal bar, callback): a callback gets the bar too."""
    if callable(progress):
        return True, progress
    return bool(progress), None


BUILD_STEPS = ["cities", "countries", "admin1", "regions", "names", "writing"]


def build(target: Path, progress: bool | ProgressFn | None = True) -> list[str]:
    """Build the index into ``target``; returns warnings (e.g. malformed custom rows).

    ``progress``: True shows a bar in the terminal; a callable is also called with (fraction
    0..1, step label) as each step starts, and (1.0, "done") at the end."""
    with _no_cycle_collection():
        warnings: list[str] = []
        steps = _Steps(BUILD_STEPS, *_split_progress(progress))
        tables = _tables_in_background()
        dump = geonames_dump.dump_folder()
        if dump:  # the user's full GeoNames dump instead of the packaged cities500 extract
            dumped = list(geonames_dump.read_dump(dump, warnings))
            city_records = [r for r in dumped if r.kind in ("city", "feature")]
        else:
            dumped, city_records = [], list(sources.cities())
        steps.next()
        cldr, translations = tables()
        country_records = list(countries.countries(city_records, cldr))
        steps.next()
        divisions_done = _divisions_in_background(dumped, city_records, translations)
        known = name_keys({n for rec in city_records for n in rec.names})  # meanwhile, the towns' names
        admin_records = divisions_done()
        steps.next()
        other = list(countries.regions(warnings, cldr))
        steps.next()
        records = [*country_records, *other, *admin_records, *city_records]
        sources.amend(records, warnings)
        records.sort(key=lambda r: (KIND_ORDER.get(r.kind, 9), -r.population))
        keyed = _name_keys(records, known)
        steps.next()
        _write(target, records, keyed, warnings)
        steps.next()
    return warnings


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """The cyclic garbage collector held off: a build makes millions of objects (towns, their
    names, keys) and no cycles to collect, and each collection would walk the whole growing
    heap again (it cost about as much as the build's own work)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _tables() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The names tables that need no towns: CLDR's country names, ISO 3166-2's translations."""
    return countries.cldr_country_names(), divisions.iso_translations()


def _in_background(fn: Callable, *args) -> Callable[[], object]:
    """``fn(*args)`` run in a forked copy of this process (which shares its memory, and imports
    nothing: a script without a ``__main__`` guard is not run again) while this one goes on; a
    function that waits for the result. Run here instead, when it is asked for, where a fork is
    unsafe or of no use: other threads running (a fork copies this thread only, and their
    locks), one core, no ``fork`` on this system, or the copy failing."""
    if (
        threading.active_count() > 1
        or (os.cpu_count() or 1) < 2
        or len(os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else (0, 1)) < 2
        or "fork" not in multiprocessing.get_all_start_methods()
        or multiprocessing.current_process().daemon  # a daemon may not have children
    ):
        return lambda: fn(*args)
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    try:
        proc = ctx.Process(target=_send_result, args=(send, fn, args), daemon=True)
        proc.start()
    except OSError:
        return lambda: fn(*args)
    send.close()

    def result():
        try:
            ok, value = receive.recv()
        except (EOFError, OSError):
            ok, value = False, None
        finally:
            receive.close()
            proc.join()
        return value if ok else fn(*args)

    return result


def _send_result(conn, fn: Callable, args: tuple) -> None:
    """In the forked copy: ``fn(*args)`` sent back, or (False, None) when it fails."""
    try:
        conn.send((True, fn(*args)))
    except Exception:
        conn.send((False, None))
    finally:
        conn.close()


def _tables_in_background() -> Callable[[], tuple[dict[str, set[str]], dict[str, set[str]]]]:
    """``_tables`` read in a second process while this one reads the towns (a few seconds each)."""
    return _in_background(_tables)  # type: ignore[return-value]


def _divisions(dumped: list, city_records: list, translations: dict[str, set[str]]) -> list:
    """First-level divisions (the dump's own, else found through the towns), then second-level."""
    members = towns.division_members(city_records)
    admin = [r for r in dumped if r.kind == "admin1"] or list(
        sources.admin1(city_records, translations, members["admin1"])
    )
    return admin + list(sources.admin2(city_records, members["admin2"]))


def _divisions_in_background(dumped: list, city_records: list, translations: dict) -> Callable[[], list]:
    """``_divisions`` worked out in a forked copy, which shares the towns (nothing is copied to
    it), while this one keys the towns' names."""
    return _in_background(_divisions, dumped, city_records, translations)  # type: ignore[return-value]


class KeyedNames(NamedTuple):
    """Every (name key, row) pair of the index: ``keys[codes[i]]`` names row ``rows[i]``
    (``keys``: each distinct key once)."""

    keys: list[str]
    codes: np.ndarray
    rows: np.ndarray
    prefixes: set[str]


def _name_keys(records: list, known: dict[str, str] | None = None) -> KeyedNames:
    """The keys of every name variant of every record, and every key's leading words. Each
    distinct name is keyed once (``name_keys``; ``known``: names keyed already), each distinct
    key looked at once; pairs may repeat (the writer drops repeats). Few passes over the
    million names, each in C where it can be: on a big heap each pass costs a cache miss a name."""
    names = [n for rec in records for n in rec.names]
    keys = list(map((known or {}).get, names))
    unknown = [i for i, k in enumerate(keys) if k is None]
    if unknown:
        key_of_name = name_keys({names[i] for i in unknown})
        for i in unknown:
            keys[i] = key_of_name[names[i]]
    first: dict[str, int] = {}  # each distinct key -> where in ``keys`` it first comes
    codes = np.fromiter(map(first.setdefault, keys, itertools.count()), np.int64, len(keys))
    rows = np.repeat(np.arange(len(records), dtype=np.int64), [len(rec.names) for rec in records])
    variants = {}  # where a key first comes -> where its other spellings do (Raqqah: raqqa)
    for key in [k for k in first if k.endswith("ah") or k.startswith("abu ")]:
        for other in sorted(_key_variants(key) - {key}):
            if other not in first:
                first[other] = len(keys)
                keys.append(other)
            variants.setdefault(first[key], []).append(first[other])
    spelt = np.flatnonzero(np.isin(codes, list(variants)))
    more = [(v, r) for c, r in zip(codes[spelt].tolist(), rows[spelt].tolist()) for v in variants[c]]
    if more:
        codes = np.concatenate([codes, np.array([v for v, _ in more], np.int64)])
        rows = np.concatenate([rows, np.array([r for _, r in more], np.int64)])
    prefixes = set()
    for key in [k for k in first if " " in k]:
        i = key.find(" ")
        while i != -1:  # "a b c": "a", "a b"
            prefixes.add(key[:i])
            i = key.find(" ", i + 1)
    index_of = np.full(len(keys), -1, np.int64)  # where a key first comes -> its number
    index_of[np.fromiter(first.values(), np.int64, len(first))] = np.arange(len(first))
    return KeyedNames(list(first), index_of[codes], rows, prefixes)


def _key_variants(key: str) -> frozenset[str]:
    """``name_variants``'s spellings of a key (Raqqah/Raqqa, Abu/Abou): kept in step with it
    by tests/test_gazetteer_build.py."""
    if not key:
        return frozenset()
    out = {key}
    last = key.rsplit(" ", 1)[-1]
    if last.isascii() and len(last) > 4 and last.endswith("ah"):
        out.add(key[:-1])
    if key.startswith("abu "):
        out.add("abou " + key[4:])
    return frozenset(out)


def _write(target: Path, records: list, keyed: KeyedNames, warnings: list[str]) -> None:
    """The two tries, the rows of each key and the places' columns, into ``target``: the names
    trie in a forked copy while this process writes the rest."""
    target.mkdir(parents=True, exist_ok=True)
    place_columns = {name: [getattr(r, name) for r in records] for name in columns.COLUMNS}  # before the fork
    names_written = _in_background(columns.write_names, target, keyed.keys, keyed.codes, keyed.rows)
    marisa_trie.Trie(keyed.prefixes).save(str(target / "prefixes.marisa"))
    meta = {
        "demonyms": sources.demonyms(),
        "max_tokens": max((k.count(" ") + 1 for k in keyed.keys if k), default=1),
        "warnings": warnings,
    }
    columns.write_places(target, place_columns, meta)
    names_written()


def ensure_built(progress: bool | ProgressFn | None = True) -> Path:
    """The cache folder for the current sources, building it (atomically) when missing.

    ``progress`` as for ``build``; a callback is told (1.0, "cached") when there is nothing
    to build. Call it before ``default_gazetteer()`` to show a first start's build."""
    target = cache_dir()
    if (target / columns.META).exists():
        if callable(progress):
            progress(1.0, "cached")
        return target
    CACHE_ROOT.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="building-", dir=CACHE_ROOT))
    try:
        build(tmp, progress=progress)
        try:
            tmp.rename(target)
        except OSError:  # another process finished first: use theirs
            if not (target / columns.META).exists():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    older = sorted(
        (p for p in CACHE_ROOT.glob("gazetteer-*") if p != target), key=lambda p: p.stat().st_mtime
    )
    for old in older[:-2]:  # keep two previous builds, for other checkouts sharing the cache
        shutil.rmtree(old, ignore_errors=True)
    return target
