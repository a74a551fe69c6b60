"""The work a build hands out to a pool of processes: parsing sources and rendering pages.

Each worker loads the theme once and then takes batches. A batch is small (a page
record and the few URLs its bodies link to), so workers never hold the whole site, and
each writes its pages straight into the output, so rendered HTML never travels back.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from .config import SiteConfig
from .errors import SiteError
from .model import Page
from .render import BodyStore, Renderer, template_error
from .sources import read_source
from .theme import load_theme


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


class _Worker:
    """Per-process state, set up once."""

    def __init__(self, config: SiteConfig, target: Path, bodies: Path | None):
        self.config, self.target = config, target
        self.renderer = Renderer(config, load_theme(config), BodyStore(bodies))

    def parse(self, path: str) -> tuple[str, int, int, Any]:
        full = self.config.root / path
        stat = full.stat()
        return path, stat.st_size, stat.st_mtime_ns, read_source(full, self.config)

    def render(self, job: RenderJob) -> RenderResult:
        page = job.page
        try:
            data = self.renderer.render(page, job.links, job.keep_body).encode("utf-8")
        except Exception as error:  # noqa: BLE001 - reported with its template and line
            return RenderResult(page.output_path, "", False, template_error(error, page, self.config))
        digest = hashlib.sha1(data).hexdigest()
        if digest == job.old_sha1:
            return RenderResult(page.output_path, digest, False)
        target = self.target / page.output_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return RenderResult(page.output_path, digest, True)


_worker: _Worker | None = None


def _init(config: SiteConfig, target: Path, bodies: Path | None) -> None:
    global _worker
    _worker = _Worker(config, target, bodies)


def _parse_batch(paths: Sequence[str]) -> list[tuple[str, int, int, Any]]:
    return [_worker.parse(path) for path in paths]


def _render_batch(jobs: Sequence[RenderJob]) -> list[RenderResult]:
    return [_worker.render(job) for job in jobs]


def batches(items: Sequence, size: int) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


class Pool:
    """JOBS processes (forked before the site model exists, so they start small), or the
    calling process itself when JOBS is 1."""

    def __init__(self, jobs: int, config: SiteConfig, target: Path, bodies: Path | None):
        self.jobs = max(1, jobs)
        self._pool = None
        self._started = False
        self._args = (config, target, bodies)

    def _start(self) -> None:
        """Start the workers on first use: a rebuild with nothing to do starts none."""
        if self._started:
            return
        self._started = True
        if self.jobs > 1:
            context = multiprocessing.get_context("fork")
            self._pool = context.Pool(self.jobs, initializer=_init, initargs=self._args)
        else:
            _init(*self._args)

    def _map(self, function: Callable, items: Sequence, batch: int, done: Callable[[int], None]) -> Iterable:
        if not items:
            return
        self._start()
        groups = list(batches(items, batch))
        if self._pool is None:
            for group in groups:
                result = function(group)
                done(len(group))
                yield from result
            return
        for result in self._pool.imap(function, groups):
            done(len(result))
            yield from result

    def parse(self, paths: Sequence[str], done: Callable[[int], None] = lambda n: None):
        return self._map(_parse_batch, paths, 64, done)

    def render(self, jobs: Sequence[RenderJob], done: Callable[[int], None] = lambda n: None):
        size = max(8, min(128, len(jobs) // (self.jobs * 8) or 8))
        return self._map(_render_batch, jobs, size, done)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def terminate(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
