"""The parallel build writes what one process writes, however often its workers are replaced."""

from __future__ import annotations

import multiprocessing

from ssg import workers
from ssg.build import build
from tests.e2e.rebuilds import tree


def test_workers_replaced_after_every_range_still_write_the_whole_site(newsroom, tmp_path, monkeypatch):
    one_process = tmp_path / "one"
    build(newsroom, one_process, jobs=1, use_cache=False)

    pools = []
    fork = multiprocessing.get_context("fork")

    class CountingContext:
        def Pool(self, *args, **kwargs):
            pools.append(args)
            return fork.Pool(*args, **kwargs)

    monkeypatch.setattr(workers.multiprocessing, "get_context", lambda method: CountingContext())
    # No memory to spare: each worker renders one range, then declines the rest to the next pool.
    monkeypatch.setattr(workers, "WORKER_MEMORY", 0)
    parallel = tmp_path / "parallel"
    report = build(newsroom, parallel, jobs=2, use_cache=False)

    assert tree(parallel) == tree(one_process)
    assert report.written == report.pages
    ranges = -(-len(report.rendered) // 8)          # the smallest ranges handed out
    assert len(pools) >= ranges // 2, "a pool for each two ranges"
