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
