"""``builder.site.workers.fork_map``: the build's render and facts jobs on forked workers give what
running them here gives, in order, and a worker's error reaches the build."""

from __future__ import annotations

import os

import pytest

from builder.site.workers import can_fork, fork_map


def _where(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


@pytest.mark.skipif(not can_fork(), reason="no fork here")
def test_jobs_run_in_forked_workers_and_come_back_in_order():
    jobs = list(range(40))
    results = list(fork_map(_where, jobs, workers=2))
    assert [r for r, _pid in results] == [n * n for n in jobs]
    assert os.getpid() not in {pid for _r, pid in results}


def test_one_worker_runs_the_jobs_here():
    assert {pid for _r, pid in fork_map(_where, [1, 2, 3], workers=1)} == {os.getpid()}


@pytest.mark.skipif(not can_fork(), reason="no fork here")
def test_each_worker_runs_start_before_its_jobs():
    state = {"started": 0}

    def start():
        state["started"] = os.getpid()

    results = list(fork_map(lambda n: (n, state["started"] == os.getpid()), list(range(10)), workers=2, start=start))
    assert [ok for _n, ok in results] == [True] * 10


@pytest.mark.skipif(not can_fork(), reason="no fork here")
def test_an_error_in_a_worker_is_raised_here():
    def fail(n):
        if n == 3:
            raise OSError(28, "No space left on device")
        return n

    with pytest.raises(OSError, match="No space left"):
        list(fork_map(fail, list(range(8)), workers=2))


def _collector(_n: int) -> tuple[bool, int]:
    import gc

    return gc.isenabled(), gc.get_count()[0]


@pytest.mark.skipif(not can_fork(), reason="no fork here")
def test_with_collect_every_a_workers_collector_runs_only_between_jobs():
    """The site stages' workers collect cycles every so many jobs, not on their own; other pools
    (MkDocs runs) keep Python's collector as it is; the results are the same either way."""
    import gc

    jobs = list(range(8))
    paused = list(fork_map(_collector, jobs, workers=2, collect_every=3))
    assert [enabled for enabled, _count in paused] == [False] * len(jobs)
    assert [enabled for enabled, _count in fork_map(_collector, jobs, workers=2)] == [True] * len(jobs)
    assert gc.isenabled()  # the build's own process is left as it was
    assert [r for r, _pid in fork_map(_where, jobs, workers=2, collect_every=3)] == [n * n for n in jobs]
