"""The parallel build writes what one process writes, however often its workers are replaced
and wherever its sitemaps are rendered."""

from __future__ import annotations

import gc
import multiprocessing

from ssg.incremental import plan
from ssg.execution import workers
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
    monkeypatch.setattr(plan, "LARGE_SITEMAP", 0)     # rendered in the build's process, between the pools
    parallel = tmp_path / "parallel"
    report = build(newsroom, parallel, jobs=2, use_cache=False)

    assert tree(parallel) == tree(one_process)
    assert report.written == report.pages
    ranges = -(-len(report.rendered) // 8)          # the smallest ranges handed out
    assert len(pools) >= ranges // 2, "a pool for each two ranges"


def test_the_site_model_stays_frozen_for_every_phase_of_rendering(newsroom, tmp_path, monkeypatch):
    """The build freezes its records after the site model; a pool phase must not unfreeze
    them for the phases after it, or the collector walks the whole model there again."""
    render_pages = workers.render_pages
    frozen = []

    def recording(jobs, *args):
        frozen.append((jobs[0].page.kind if jobs else None, gc.get_freeze_count()))
        yield from render_pages(jobs, *args)

    monkeypatch.setattr(workers, "render_pages", recording)
    monkeypatch.setattr(plan, "LARGE_SITEMAP", 0)     # a phase in the build's process after the pool
    build(newsroom, tmp_path / "site", jobs=2, use_cache=False)

    assert [kind for kind, _ in frozen] == ["article", "sitemap", "feed"]
    assert all(count > 0 for _, count in frozen), frozen
    assert gc.get_freeze_count() == 0
