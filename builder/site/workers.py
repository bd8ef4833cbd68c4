"""The site stages on every core: a forked pool over jobs, results in order (``fork_map``).

Reading a summit page's tokens and rendering its outputs is independent of every other summit page,
so the build shares that work between processes. Workers are **forked**: they inherit everything
this process has loaded (content, glossary, facts, dictionaries, the ``Site`` and its outputs'
``render`` closures), so nothing is pickled on the way in but a job's index, and only what a job
returns comes back (small records: the workers write their files themselves).

A SQLite connection must not cross a fork: each worker's ``start()`` opens its own connections
(``Corpus.reopen``) before its first job. Where fork is not available, or this process runs other
threads (a fork copies only the calling thread, and a lock another thread holds would stay locked
in the child), or there is one worker or one job, the jobs run here, in order, with the same results.

The objects alive at the fork are frozen (``gc.freeze``) while the pool runs: a worker's cyclic
collector then never walks them, which would touch (and so copy) every page that holds one. With
``collect_every``, a worker's collector does not run on its own either, only once every so many
jobs (the site stages' jobs: ``COLLECT_EVERY``; MkDocs, which makes a Markdown converter full of
cycles per page, keeps its own): a summit's job
makes tens of thousands of objects (tokens, words, places, strings) that their reference counts
free, and the collector, set off every few hundred allocations, walked what the job still held some
ten times a summit's job (4–7 ms of its 60–90 ms) to find nothing: a full collection after 64 jobs
of a 300-page build found no cycle, in 30–50 ms.
"""

from __future__ import annotations

import gc
import multiprocessing
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from ..text.parallel import default_workers

J = TypeVar("J")
R = TypeVar("R")

# What the forked workers run: set in this process just before the pool forks, inherited by the workers.
_work: tuple[Callable, Sequence, Callable[[], None] | None, int | None] | None = None
#: A site-stage worker's jobs between two runs of the cyclic collector (see the module).
COLLECT_EVERY = 64
_done = 0  # jobs this worker has run


def can_fork() -> bool:
    """Whether workers can be forked here: the platform has fork and this process runs one thread."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def fork_map(fn: Callable[[J], R], jobs: Sequence[J], workers: int | None = None,
             start: Callable[[], None] | None = None, collect_every: int | None = None) -> Iterator[R]:
    """Yield ``fn(job)`` for each of ``jobs``, in order, computed on ``workers`` forked processes
    (default: every core). ``start()`` runs once in each worker before its first job (reopen what must
    not be shared across a fork); with ``collect_every``, a worker's cyclic collector runs once every
    that many jobs instead of on its own (see the module). Runs in this process when it cannot fork,
    or with one worker or one job. An exception raised by ``fn`` is raised here (the pool is then stopped)."""
    global _work
    workers = min(default_workers() if workers is None else workers, len(jobs))
    if workers <= 1 or not can_fork():
        yield from map(fn, jobs)
        return
    _work = (fn, jobs, start, collect_every)
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(workers, initializer=_start) as pool:
            yield from pool.imap(_run, range(len(jobs)))
    finally:
        _work = None
        gc.unfreeze()


def _start() -> None:
    _fn, _jobs, start, collect_every = _work
    if collect_every:
        gc.disable()  # collected every ``collect_every`` jobs instead (``_run``)
    if start is not None:
        start()


def _run(index: int):
    global _done
    fn, jobs, _start_fn, collect_every = _work
    _done += 1
    if collect_every and _done % collect_every == 0:
        gc.collect()
    return fn(jobs[index])
