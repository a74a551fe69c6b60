"""The executor: runs a build's parsing and rendering, in a pool of forked processes or,
with one job, in the build's own process. Both run the very same code.

Parsing runs in a pool forked before the site model exists, so its workers start
small and send back one small record per article. Rendering runs in a pool forked
after the model and the list of render jobs exist: the workers inherit both, so a
batch of work is just a range of job numbers, and no page record is ever pickled.
Each worker writes its pages straight into the output, so rendered HTML never
travels back either. With one job, the same code runs in the calling process.
"""

from __future__ import annotations

import hashlib
import mmap
import multiprocessing
import resource
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from .collector import frozen, resume_in_worker
from ..config import SiteConfig
from ..errors import BuildFailed, SiteError
from ..model.pages import Page
from ..progress import Progress
from ..rendering.renderer import Renderer, template_error
from ..reading.reader import read_source

Done = Callable[[int], None]         # told how many items a finished batch held
# A render worker is replaced once it has rendered WORKER_PAGES pages or taken WORKER_MEMORY
# (pages of memory it copied from the parent, or allocated), whichever comes first:
# WORKER_MEMORY is a little more than WORKER_PAGES article pages of a 100,000-article
# archive take (benchmarks/RESULTS.md, session 6).
WORKER_PAGES = 1000
WORKER_MEMORY = 96 * 2**20


@dataclass(frozen=True, slots=True)
class RenderJob:
    page: Page
    links: Mapping[str, str]         # article source -> url, for the articles its bodies link to
    old_sha1: str | None             # the file's bytes last time: unchanged bytes are not rewritten
    keep_body: bool = False          # a feed will show this article's body


@dataclass(frozen=True, slots=True)
class RenderResult:
    output_path: str
    sha1: str
    written: bool
    error: SiteError | None = None
    kept: tuple = ()                 # bodies the render stored for the feeds: (key, location)


def batches(items: Sequence, size: int) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


# --- parsing -------------------------------------------------------------------------

_config: SiteConfig | None = None


def _set_config(config: SiteConfig) -> None:
    global _config
    _config = config


def _parse(path: str) -> tuple[str, int, int, Any]:
    full = _config.root / path
    stat = full.stat()
    return path, stat.st_size, stat.st_mtime_ns, read_source(full, _config)


def _start_parser(config: SiteConfig) -> None:
    _set_config(config)
    resume_in_worker()


def _parse_batch(paths: Sequence[str]) -> list[tuple[str, int, int, Any]]:
    return [_parse(path) for path in paths]


def _parse_sources(paths: Sequence[str], config: SiteConfig, jobs: int, done: Done) -> Iterable:
    """(path, size, mtime_ns, Article or errors) for each path, in order."""
    if not paths:
        return
    groups = list(batches(paths, 64))
    if jobs <= 1 or len(paths) < 64:
        _set_config(config)
        for group in groups:
            results = _parse_batch(group)
            done(len(group))
            yield from results
        return
    with multiprocessing.get_context("fork").Pool(jobs, initializer=_start_parser, initargs=(config,)) as pool:
        for results in pool.imap(_parse_batch, groups):
            done(len(results))
            yield from results


# --- rendering -----------------------------------------------------------------------

Place = Callable[[str], Path]         # where the file for an output path is written


@dataclass
class _RenderWork:
    """What forked render workers inherit: set before the first fork. The parent adds to
    the body index as results come in, for the pools it forks later."""
    renderer: Renderer
    place: Place
    jobs: Sequence[RenderJob]


_work: _RenderWork | None = None


def _render(job: RenderJob) -> RenderResult:
    page, work = job.page, _work
    try:
        data = work.renderer.render(page, job.links, job.keep_body).encode("utf-8")
    except Exception as error:  # noqa: BLE001 - reported with its template and line
        return RenderResult(page.output_path, "", False, template_error(error, page, work.renderer.config))
    kept = work.renderer.bodies.take_added()
    digest = hashlib.sha1(data).hexdigest()
    if digest == job.old_sha1:
        return RenderResult(page.output_path, digest, False, kept=kept)
    target = work.place(page.output_path)
    try:
        file = open(target, "wb")
    except FileNotFoundError:        # the page's folder is new
        target.parent.mkdir(parents=True, exist_ok=True)
        file = open(target, "wb")
    with file:
        file.write(data)
    return RenderResult(page.output_path, digest, True, kept=kept)


def _render_range(bounds: tuple[int, int]) -> list[RenderResult]:
    return [_render(job) for job in _work.jobs[bounds[0]:bounds[1]]]


_pages_rendered = 0         # by this worker


def _render_range_in_worker(bounds: tuple[int, int]) -> list[RenderResult] | None:
    """The range rendered, or None when this worker has done its share: the range then
    goes to the next pool. A worker renders at least one range."""
    global _pages_rendered
    # Minor page faults: each is a page of memory this process copied (a write to a page
    # it shares with the parent; reference counts are writes) or newly took. A fork
    # starts the count at zero.
    if _pages_rendered and (_pages_rendered >= WORKER_PAGES or resource.getrusage(resource.RUSAGE_SELF).ru_minflt
                            > WORKER_MEMORY // mmap.PAGESIZE):
        return None
    _pages_rendered += bounds[1] - bounds[0]
    return _render_range(bounds)


class Executor:
    """Runs a build's work in JOBS processes: forked pools, or with one job, here."""

    def __init__(self, jobs: int):
        self.jobs = jobs

    def parse(self, paths: Sequence[str], config: SiteConfig, done: Done) -> Iterable:
        """(path, size, mtime_ns, Article or errors) for each source PATHS names, in order."""
        return _parse_sources(paths, config, self.jobs, done)

    def map(self, function: Callable[[Any], Any], items: Sequence, stage: str, progress: Progress) -> list:
        """FUNCTION (a picklable callable) of each of ITEMS, in the pool, each item a task of
        its own (a picture to encode: seconds, not microseconds); in no given order."""
        results, total = [], len(items)
        if self.jobs <= 1 or total < 2:
            for item in items:
                results.append(function(item))
                progress(stage, len(results), total)
            return results
        with multiprocessing.get_context("fork").Pool(min(self.jobs, total), initializer=resume_in_worker) as pool:
            for result in pool.imap_unordered(function, items):
                results.append(result)
                progress(stage, len(results), total)
        return results

    def render(self, phases: Sequence[Phase], renderer: Renderer, place: Place,
               progress: Progress) -> Iterator[RenderResult]:
        """Render each phase's jobs in turn (a later phase may reuse the bodies an earlier
        one kept): in the pool, or here for a phase that may not go to it. Each page is
        yielded as it is written; template errors are raised together once every page
        has been tried."""
        return _render_phases([(jobs, self.jobs if pooled else 1) for jobs, pooled in phases], renderer, place,
                              progress)


Phase = tuple[Sequence[RenderJob], bool]    # render jobs, and whether the pool may take them


def _render_phases(phases: Sequence[tuple[Sequence[RenderJob], int]], renderer: Renderer, place: Place,
                   progress: Progress) -> Iterator[RenderResult]:
    total, done = sum(len(jobs) for jobs, _ in phases), [0]

    def advance(count: int) -> None:
        done[0] += count
        progress("rendering", done[0], total)

    errors: dict[tuple, SiteError] = {}
    for jobs, processes in phases:
        for result in render_pages(jobs, renderer, place, processes, advance):
            if result.error is None:
                yield result
            else:
                problem = result.error
                errors.setdefault((problem.path, problem.line, problem.message), problem)
    if errors:
        raise BuildFailed(errors.values())


def render_pages(jobs: Sequence[RenderJob], renderer: Renderer, place: Place, processes: int,
                 done: Done) -> Iterable[RenderResult]:
    """Render JOBS to the files PLACE names, in PROCESSES forked workers (or here, when one
    is enough)."""
    global _work
    if not jobs:
        return
    size = max(8, min(64, len(jobs) // (processes * 16) or 8))
    ranges = [(start, min(start + size, len(jobs))) for start in range(0, len(jobs), size)]
    _work = _RenderWork(renderer, place, jobs)
    try:
        if processes <= 1 or len(jobs) < 2 * size:
            for bounds in ranges:
                results = _render_range(bounds)
                done(len(results))
                yield from results
            return
        # Objects the workers inherit are never collected there; freezing them keeps the
        # collector from touching (and so copying) every inherited page of memory. What the
        # caller froze stays frozen after, or the next full collection walks the whole
        # site model again.
        with frozen():
            # A worker copies each page of memory it touches (reference counts are writes),
            # and over a large site would come to hold a copy of the whole model. So once
            # a worker has done its share it declines the ranges left, and they go to a
            # fresh pool, which frees the copies. A listing page shows twenty articles from
            # all over the archive, so its workers reach WORKER_MEMORY about twice as fast
            # as those of article pages. Each pool is forked here, never from a pool's own
            # threads.
            per_pool = processes * -(-WORKER_PAGES // size)     # as many as its workers may render
            while ranges:
                handed, ranges, declined = ranges[:per_pool], ranges[per_pool:], []
                with multiprocessing.get_context("fork").Pool(processes, initializer=_forget_parent_files) as pool:
                    for bounds, results in zip(handed, pool.imap(_render_range_in_worker, handed)):
                        if results is None:
                            declined.append(bounds)
                            continue
                        done(len(results))
                        for result in results:
                            # What a worker stored, the pools forked next (the feeds) can read.
                            renderer.bodies.learn(result.kept)
                            yield result
                ranges = declined + ranges
    finally:
        _work = None


def _forget_parent_files() -> None:
    """A worker must not write to the files its parent holds open: it opens its own."""
    _work.renderer.bodies.forked()

