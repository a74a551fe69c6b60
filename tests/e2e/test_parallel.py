"""The parallel build writes what one process writes, however often its workers are replaced
and wherever its sitemaps are rendered."""

from __future__ import annotations

import multiprocessing

from ssg import pipeline, workers
from ssg.build import build
from tests.e2e.rebuilds import tree


def test_workers_replaced_after_every_range_and_sitemaps_rendered_apart_write_the_same_site(newsroom, tmp_path,
                                                                                            monkeypatch):
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
    monkeypatch.setattr(pipeline, "LARGE_SITEMAP", 0)     # rendered in the build's process, between the pools
    parallel = tmp_path / "parallel"
    report = build(newsroom, parallel, jobs=2, use_cache=False)

    assert tree(parallel) == tree(one_process)
    assert report.written == report.pages
    ranges = -(-len(report.rendered) // 8)          # the smallest ranges handed out
    assert len(pools) >= ranges // 2, "a pool for each two ranges"
