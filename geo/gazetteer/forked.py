"""The gazetteer build's work in forked copies of the process (``index.build``).

A forked copy shares this process's memory (nothing is copied to it until written) and imports
nothing, so a script without a ``__main__`` guard is not run again. Two uses:

- ``in_background``: a part of the build (the CLDR tables, the divisions, the names trie) done
  in a copy while this process goes on; its result sent back;
- ``in_copy``: the whole build done in a copy, its progress reported here, so that its millions
  of objects (towns, their names, the keys) are never freed one by one nor walked by the cyclic
  collector: the copy exits as soon as it is done and the system takes its memory back at once
  (about a second and a half of a build; and this process never holds the build's heap).

Both run the work here instead where a fork is unsafe or of no use (``can_fork``).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from typing import Callable


def can_fork() -> bool:
    """Whether work may go to a forked copy: not with other threads running (a fork copies this
    thread only, and their locks), on one core, without ``fork`` on this system, or in a daemon
    process (which may not have children)."""
    return not (
        threading.active_count() > 1
        or (os.cpu_count() or 1) < 2
        or len(os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else (0, 1)) < 2
        or "fork" not in multiprocessing.get_all_start_methods()
        or multiprocessing.current_process().daemon
    )


def in_background(fn: Callable, *args) -> Callable[[], object]:
    """``fn(*args)`` run in a forked copy while this process goes on; a function that waits for
    the result. Run here instead, when it is asked for, where ``can_fork`` says no or the copy
    fails."""
    if not can_fork():
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


def in_copy(fn: Callable, report: Callable | None, *args) -> tuple[bool, object]:
    """``fn(report, done, *args)`` run in a forked copy (not a daemon: it may fork in turn).
    ``fn`` calls ``report(...)`` as it goes (each call is made here, in order; None: no
    reports) and ``done(value)`` at its end, while its objects are still alive: the copy sends
    ``value`` and exits there and then. Returns (True, value), or (False, None) when the work
    could not run in a copy or failed there (the caller then runs it here, where an error is
    raised as usual)."""
    if not can_fork():
        return False, None
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    try:
        proc = ctx.Process(target=_run_copy, args=(send, fn, report is not None, args))
        proc.start()
    except OSError:
        return False, None
    send.close()
    try:
        while True:
            kind, value = receive.recv()
            if kind != "report":
                return kind == "done", value
            report(*value)  # type: ignore[misc]
    except (EOFError, OSError):
        return False, None
    except BaseException:  # the caller's report failed, or an interrupt: the copy stops too
        proc.terminate()
        raise
    finally:
        receive.close()
        proc.join()


def _run_copy(conn, fn: Callable, relay: bool, args: tuple) -> None:
    """In the forked copy: ``fn`` with its reports and its end sent back; it exits at its end
    without returning (``os._exit``: nothing freed, no collector run, no exit handlers)."""

    def report(*value) -> None:
        conn.send(("report", value))

    def done(value) -> None:
        conn.send(("done", value))
        conn.close()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)

    try:
        fn(report if relay else None, done, *args)
    except Exception:
        pass
    conn.send(("failed", None))  # an error, or ``fn`` returned without calling ``done``
    conn.close()
