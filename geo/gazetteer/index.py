"""The names index: built once from the sources, cached on disk, loaded in a fraction of a second.

On disk (``data/cache/gazetteer-<fingerprint>/``): a ``marisa-trie`` RecordTrie from name key
to place rows (memory-mapped, so loading costs nothing), a Trie of the keys' token prefixes
(for the recogniser's longest-match search), and a pickle of the place columns. The
fingerprint covers every source file (size and modification time) and the gazetteer code,
so a changed source or a new version rebuilds it by itself.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
import shutil
import sys
import tempfile
import threading
from pathlib import Path
from typing import Callable

import marisa_trie

from geo.gazetteer import countries, divisions, geonames_dump, sources
from geo.gazetteer.generic import name_keys

CACHE_ROOT = Path(os.environ.get("TIDEMARK_CACHE") or sources.DATA / "cache")
FORMAT_VERSION = "3"
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


#: Files up to this size are hashed whole; larger ones (packaged GeoNames extracts, dumps) by
#: name and size, which their package versions pin.
_HASHED_BYTES = 8_000_000


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
    pairs, prefixes = _name_keys(records, known)
    steps.next()
    _write(target, records, pairs, prefixes, warnings)
    steps.next()
    return warnings


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
    admin = [r for r in dumped if r.kind == "admin1"] or list(sources.admin1(city_records, translations))
    return admin + list(sources.admin2(city_records))


def _divisions_in_background(dumped: list, city_records: list, translations: dict) -> Callable[[], list]:
    """``_divisions`` worked out in a forked copy, which shares the towns (nothing is copied to
    it), while this one keys the towns' names."""
    return _in_background(_divisions, dumped, city_records, translations)  # type: ignore[return-value]


def _name_keys(
    records: list, known: dict[str, str] | None = None
) -> tuple[list[tuple[str, tuple[int]]], set[str]]:
    """(key, (row,)) for every name variant of every record, and every key's leading words.
    Each distinct name is keyed once (``name_keys``; ``known``: names keyed already), each
    distinct key split once."""
    key_of_name = known if known is not None else {}
    key_of_name.update(name_keys({n for rec in records for n in rec.names} - key_of_name.keys()))
    spelt = {k for k in key_of_name.values() if k.endswith("ah") or k.startswith("abu ")}
    variants = {k: _key_variants(k) for k in spelt}
    pairs: list[tuple[str, tuple[int]]] = []
    key_of = key_of_name.__getitem__
    for row, rec in enumerate(records):
        keys = set(map(key_of, rec.names))
        if not spelt.isdisjoint(keys):
            for k in keys & spelt:
                keys |= variants[k]
        keys.discard("")
        at = (row,)
        pairs += [(key, at) for key in keys]
    prefixes = set()
    for key in {k for k, _ in pairs if " " in k}:
        i = key.find(" ")
        while i != -1:  # "a b c": "a", "a b"
            prefixes.add(key[:i])
            i = key.find(" ", i + 1)
    return pairs, prefixes


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


def _write(target: Path, records: list, pairs: list, prefixes: set[str], warnings: list[str]) -> None:
    """The two tries and the places' columns, into ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    marisa_trie.RecordTrie("<I", pairs).save(str(target / "names.marisa"))
    marisa_trie.Trie(prefixes).save(str(target / "prefixes.marisa"))
    columns = {
        "geonameid": [r.geonameid for r in records],
        "name": [r.name for r in records],
        "lat": [r.lat for r in records],
        "lon": [r.lon for r in records],
        "country_code": [r.country_code for r in records],
        "kind": [r.kind for r in records],
        "population": [r.population for r in records],
        "admin1": [r.admin1 for r in records],
        "feature_code": [r.feature_code for r in records],
        "demonyms": sources.demonyms(),
        "max_tokens": max((len(k.split(" ")) for k, _ in pairs), default=1),
        "warnings": warnings,
    }
    with (target / "places.pickle").open("wb") as fh:
        pickle.dump(columns, fh, protocol=pickle.HIGHEST_PROTOCOL)


def ensure_built(progress: bool | ProgressFn | None = True) -> Path:
    """The cache folder for the current sources, building it (atomically) when missing.

    ``progress`` as for ``build``; a callback is told (1.0, "cached") when there is nothing
    to build. Call it before ``default_gazetteer()`` to show a first start's build."""
    target = cache_dir()
    if (target / "places.pickle").exists():
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
            if not (target / "places.pickle").exists():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    older = sorted(
        (p for p in CACHE_ROOT.glob("gazetteer-*") if p != target), key=lambda p: p.stat().st_mtime
    )
    for old in older[:-2]:  # keep two previous builds, for other checkouts sharing the cache
        shutil.rmtree(old, ignore_errors=True)
    return target
