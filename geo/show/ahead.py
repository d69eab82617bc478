"""Views computed ahead: while an analyst reads the map, the dates one step back and forward
(what "−", "+" and Play ask next) are computed in a background thread, so the step costs
a lookup instead of the store's question and the map's layers.

One worker thread per data version (a page's runs and its prefetches never compute the same
view twice: a request for a view in flight waits for it); at most ``size`` views kept, the
least recently used dropped first. A prefetch starts ``delay`` seconds after it is asked: a
Python thread computing holds the GIL, and Streamlit sends a run's messages (the map's
megabyte) from another thread after the run, which would wait for it.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Callable, Generic, Hashable, Iterable, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Ahead(Generic[K, V]):
    """``fn(key)`` memoised, with ``warm(keys)`` computing keys ahead in one background thread."""

    def __init__(self, fn: Callable[[K], V], size: int = 24, delay: float = 0.0):
        self._fn, self._size, self._delay = fn, size, delay
        self._done: OrderedDict[K, Future] = OrderedDict()
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tidemark-ahead")

    def _future(self, key: K, submit: bool) -> Future | None:
        with self._lock:
            fut = self._done.get(key)
            if fut is not None:
                self._done.move_to_end(key)
                return fut
            if not submit:
                return None
            return self._keep(key, self._pool.submit(self._later, key))

    def _keep(self, key: K, fut: Future) -> Future:
        """Keep ``fut`` for ``key``, dropping the least recently used past ``size`` (lock held)."""
        self._done[key] = fut
        while len(self._done) > self._size:
            self._done.popitem(last=False)
        return fut

    def _later(self, key: K) -> V:
        time.sleep(self._delay)  # the GIL is free meanwhile: the run's messages go out first
        return self._fn(key)

    def get(self, key: K) -> V:
        """The value for ``key``: kept, in flight (waited for) or computed now in this thread."""
        fut = self._future(key, submit=False)
        if fut is not None:
            try:
                return fut.result()
            except Exception:  # noqa: BLE001 - computed again here, where the error is shown
                with self._lock:
                    self._done.pop(key, None)
        value = self._fn(key)
        done: Future = Future()
        done.set_result(value)
        with self._lock:
            self._keep(key, done)
        return value

    def warm(self, keys: Iterable[K]) -> None:
        """Compute ``keys`` not yet kept, in the background, in order."""
        for key in keys:
            self._future(key, submit=True)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
