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
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from operator import attrgetter
from pathlib import Path
from typing import Callable, NamedTuple

import marisa_trie
import numpy as np

from geo.gazetteer import columns, countries, divisions, forked, geonames_dump, pickled, sources, towns
from geo.gazetteer.generic import keys_of
from geo.text.names import indexable

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
    0..1, step label) as each step starts, and (1.0, "done") at the end. The work is done in a
    forked copy of this process where that is safe (``forked.in_copy``: it ends without
    freeing the build's objects), else here."""
    bar, report = _split_progress(progress)
    ok, warnings = forked.in_copy(_build, report, target, bar)
    return warnings if ok else _build(report, None, target, bar)  # type: ignore[return-value]


def _build(report: ProgressFn | None, done: Callable | None, target: Path, bar: bool) -> list[str]:
    """The build with the cyclic collector off; its objects are freed (or, in a forked copy,
    left to the system: ``done``) before the collector is back on, so it never walks them."""
    with _no_cycle_collection():
        return _build_steps(report, done, target, bar)


def _build_steps(report: ProgressFn | None, done: Callable | None, target: Path, bar: bool) -> list[str]:
    """The build's steps; ``done(warnings)`` at the end, when given."""
    warnings: list[str] = []
    steps = _Steps(BUILD_STEPS, bar, report)
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
    towns = _town_keys(city_records)  # meanwhile, the towns' names
    admin_records = divisions_done()
    steps.next()
    other = list(countries.regions(warnings, cldr))
    steps.next()
    records = [*country_records, *other, *admin_records, *city_records]
    sources.amend(records, warnings)
    records.sort(key=lambda r: (KIND_ORDER.get(r.kind, 9), -r.population))
    target.mkdir(parents=True, exist_ok=True)
    keyed = _name_keys(records, towns, target)
    steps.next()
    _write(target, records, keyed, warnings)
    steps.next()
    if done is not None:
        done(warnings)
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


def _tables_in_background() -> Callable[[], tuple[dict[str, set[str]], dict[str, set[str]]]]:
    """``_tables`` read in a second process while this one reads the towns (a few seconds each)."""
    return forked.in_background(_tables)  # type: ignore[return-value]


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
    return forked.in_background(_divisions, dumped, city_records, translations)  # type: ignore[return-value]


class KeyedNames(NamedTuple):
    """Every (name key, row) pair of the index: ``keys[codes[i]]`` names row ``rows[i]``
    (``keys``: each distinct key once); ``key_ids()``: ``columns.write_names_trie``'s ids of
    ``keys``, when a forked copy is writing the trie (else None)."""

    keys: list[str]
    codes: np.ndarray
    rows: np.ndarray
    prefixes: set[str]
    max_tokens: int = 1
    key_ids: Callable[[], np.ndarray] | None = None


class TownKeys(NamedTuple):
    """The keys of the towns' names, worked out while the divisions are: the keys of
    ``towns[0]``'s ``counts[0]`` names, then ``towns[1]``'s, ..."""

    towns: list
    counts: list[int]
    keys: list[str]


def _town_keys(towns: list) -> TownKeys:
    return TownKeys(towns, [len(t.names) for t in towns], keys_of([n for t in towns for n in t.names]))


def _name_keys(records: list, towns: TownKeys | None = None, target: Path | None = None) -> KeyedNames:
    """The keys of every name variant of every record, and every key's leading words. Each
    name is keyed once where it comes (``keys_of``; the towns' already, ``towns``), each
    distinct key looked at once; pairs may repeat (the writer drops repeats). ``target``: the
    names trie is written there in a forked copy as soon as the keys are known. Few passes
    over the million names, each in C where it can be: on a big heap each costs a cache miss
    a name."""
    keys, rows = _keys_and_rows(records, towns)
    first: dict[str, int] = {}  # each distinct key -> where in ``keys`` it first comes
    codes = np.fromiter(map(first.setdefault, keys, itertools.count()), np.int64, len(keys))
    variants = {}  # where a key first comes -> where its other spellings do (Raqqah: raqqa)
    for key in [k for k in first if k.endswith("ah") or k.startswith("abu ")]:
        for other in sorted(_key_variants(key) - {key}):
            if other not in first:
                first[other] = len(keys)
                keys.append(other)
            variants.setdefault(first[key], []).append(first[other])
    distinct = list(first)
    key_ids = forked.in_background(columns.write_names_trie, target, distinct) if target else None
    spelt = np.flatnonzero(np.isin(codes, list(variants)))
    more = [(v, r) for c, r in zip(codes[spelt].tolist(), rows[spelt].tolist()) for v in variants[c]]
    if more:
        codes = np.concatenate([codes, np.array([v for v, _ in more], np.int64)])
        rows = np.concatenate([rows, np.array([r for _, r in more], np.int64)])
    prefixes = set()
    spaced = [k for k in distinct if " " in k]
    for key in spaced:
        i = key.find(" ")
        while i != -1:  # "a b c": "a", "a b"
            prefixes.add(key[:i])
            i = key.find(" ", i + 1)
    index_of = np.full(len(keys), -1, np.int64)  # where a key first comes -> its number
    index_of[np.fromiter(first.values(), np.int64, len(first))] = np.arange(len(first))
    most = 1 + max(map(str.count, spaced, itertools.repeat(" ")), default=0)
    return KeyedNames(distinct, index_of[codes], rows, prefixes, most, key_ids)  # type: ignore[arg-type]


def _keys_and_rows(records: list, towns: TownKeys | None) -> tuple[list[str], np.ndarray]:
    """The key of each name of each record and the record's row; the towns' keys from
    ``towns``, but for a town that got more names since (``sources.amend``): keyed again."""
    row_of = {id(rec): row for row, rec in enumerate(records)}
    keys: list[str] = []
    town_rows = np.zeros(0, np.int64)
    keyed: set[int] = set()
    if towns is not None:
        counts = np.array(towns.counts, np.int64)
        same = np.array([len(t.names) == n for t, n in zip(towns.towns, towns.counts)], bool)
        at = np.fromiter(map(row_of.__getitem__, map(id, towns.towns)), np.int64, len(counts))
        keys = towns.keys if same.all() else list(itertools.compress(towns.keys, np.repeat(same, counts)))
        town_rows = np.repeat(at[same], counts[same])
        keyed = set(map(id, itertools.compress(towns.towns, same)))
    rest = [row for row, rec in enumerate(records) if id(rec) not in keyed]
    names = [n for row in rest for n in records[row].names]
    rows = np.repeat(np.array(rest, np.int64), [len(records[row].names) for row in rest])
    keys, rows = keys + keys_of(names), np.concatenate([town_rows, rows])
    keep = np.fromiter(map(indexable, keys), bool, len(keys))
    if keep.all():
        return keys, rows
    return list(itertools.compress(keys, keep)), rows[keep]


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
    trie in a forked copy (started by ``_name_keys``) while this process writes the rest."""
    target.mkdir(parents=True, exist_ok=True)
    place_columns = dict(zip(columns.COLUMNS, zip(*map(attrgetter(*columns.COLUMNS), records))))  # one pass
    marisa_trie.Trie(keyed.prefixes).save(str(target / "prefixes.marisa"))
    values = columns.write_places(target, place_columns)
    if keyed.key_ids is None:
        columns.write_names(target, keyed.keys, keyed.codes, keyed.rows)
    else:
        columns.write_name_rows(target, keyed.key_ids(), keyed.codes, keyed.rows)
    meta = {"demonyms": sources.demonyms(), "max_tokens": keyed.max_tokens, "warnings": warnings}
    columns.write_meta(target, meta, values)


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
