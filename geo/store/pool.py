"""One function over many items in a pool of forked processes, the results in input order.

The pool forks after the caller has loaded what the workers need (the gazetteer, the lexicons),
so the workers share those pages copy-on-write instead of each loading its own copy: the
memory-mapped names index is shared by the kernel, and ``gc.freeze`` keeps the collector from
touching (and so copying) the objects loaded before the fork. At most ``workers * ahead``
items are in flight, so a big input is not read ahead whole. ``ingest`` and ``parse --jsonl``
both run on it.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def default_workers() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def ordered_map(
    fn: Callable[[T], R],
    items: Iterable[T],
    workers: int,
    *,
    ahead: int = 64,
    chunksize: int = 4,
    before_fork: Callable[[], object] | None = None,
) -> Iterator[R]:
    """``map(fn, items)``, in ``workers`` forked processes when there are two or more.

    ``fn`` must be a module-level function (it is sent by name); what it reads from module
    globals set before the call is inherited by the workers. The first item is done here,
    before the fork, so the caches it fills (lexicons, word statistics) are shared too;
    ``before_fork`` is called then (to close what a child must not inherit open: connections).
    """
    import multiprocessing
    import threading

    if workers <= 1 or multiprocessing.current_process().daemon:  # a daemon may not have children
        yield from map(fn, items)
        return
    items = iter(items)
    for item in islice(items, 1):
        yield fn(item)

    room = threading.BoundedSemaphore(workers * ahead)
    stop = threading.Event()  # the reader stopped early: the pool's feeding thread must not wait on

    def feed() -> Iterator[T]:
        for item in items:
            while not room.acquire(timeout=0.1):
                if stop.is_set():
                    return
            if stop.is_set():
                return
            yield item

    if before_fork is not None:
        before_fork()
    gc.freeze()  # the objects loaded so far stay out of the collector's writes: pages stay shared
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            try:
                for result in pool.imap(fn, feed(), chunksize=chunksize):
                    room.release()
                    yield result
            finally:
                stop.set()
    finally:
        gc.unfreeze()
