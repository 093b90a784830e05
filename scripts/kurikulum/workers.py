"""Work spread over the machine's cores (handouts, module views, the engine's languages, the search index), and the collector's pace.

Processes are forked, so they start at once, share the libraries already imported and see
what the parent holds (the curriculum) without copying it through a pipe; only each job and
its result travel. Forking is safe only while no other thread runs: while one does (the
server's threads in ``kurikulum serve``), the jobs run in this process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


# A build keeps the whole curriculum, its views and the engine's pages alive while it makes
# millions of small objects; at Python's default thresholds the garbage collector walks the
# live ones again every few hundred allocations (a fifth of a 120-module build). Cycles are
# still collected, less often.
COLLECTOR_THRESHOLDS = (100_000, 50, 100)


def collect_less_often() -> None:
    """Set for the whole process by ``kurikulum`` (and the benchmarks, which time what it runs)."""
    gc.set_threshold(*COLLECTOR_THRESHOLDS)


def default_workers() -> int:
    """``KURIKULUM_WORKERS`` if set, else every core this process may use."""
    configured = os.environ.get("KURIKULUM_WORKERS", "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    """Whether jobs can go to forked processes now: a fork copies only the calling thread, so none other may run."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


_shared: list[object] = [None]  #: what the running forked_map's jobs read through shared()


def shared() -> object:
    """The ``shared`` value of the :func:`forked_map` this job runs under (seen as it was at the fork)."""
    return _shared[0]


def forked_map(function: Callable[[T], R], jobs: list[T], workers: int, shared: object = None) -> list[R]:
    """``function`` over ``jobs`` on up to ``workers`` processes, results in the order of ``jobs``.

    ``shared`` (the curriculum, the pages) is not sent to the workers: they read it with :func:`shared`.
    """
    _shared[0] = shared
    try:
        if workers <= 1 or len(jobs) <= 1 or not can_fork():
            return [function(job) for job in jobs]
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context) as pool:
            return list(pool.map(function, jobs))
    finally:
        _shared[0] = None
