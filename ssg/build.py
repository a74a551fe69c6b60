"""`ssg build`: see whether anything changed since the last build, and when something did,
run the pipeline (ssg.pipeline).

The check reads no source and imports neither Jinja nor Markdown: it compares the size
and modification time of every file a build reads, and the build time's effect on what
is published, with what the last build recorded. So a rebuild with nothing to do costs
a directory walk.
"""

from __future__ import annotations

import bisect
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .commands.buildlog import record_build
from .incremental.state import (QuickCheck, cache_folder, environment_digest, load_quick_check, load_state,
                                output_identity,
                    sha1)
from .config import SiteConfig, load_config, replace
from .errors import BuildFailed
from .reading.files import NO_CONTENT, list_sources
from .options import NEWS_WINDOW, BuildOptions, build_time, default_jobs
from .output.journal import emptying_trash, recover
from .progress import Progress
from .rendering.theme import Theme, load_theme

if TYPE_CHECKING:
    from .model.site import Site


def no_progress(stage: str, done: int, total: int) -> None:
    pass


@dataclass(frozen=True, slots=True)
class BuildReport:
    site: Site | None                # None when nothing had changed and nothing was rebuilt
    articles: int
    pages: int                       # files the site has
    written: int                     # files written by this build
    unchanged: int                   # files left as they were
    deleted: int
    output_dir: Path
    seconds: float
    warnings: tuple[str, ...] = ()
    rendered: tuple[str, ...] = ()   # pages whose inputs changed, so they were rendered again


def build(root: Path, output_dir: Path | None = None, *, drafts: bool = False, future: bool = False,
          base_url: str | None = None, jobs: int | None = None, use_cache: bool = True,
          reindex: bool = True, progress: Progress = no_progress) -> BuildReport:
    """Build the site in ROOT. Raises BuildFailed with every error found; then the
    previous output is left untouched. BASE_URL replaces site.toml's (the preview server
    builds for its own address). REINDEX false keeps an existing search index as it is
    (the preview server: Pagefind takes tens of seconds on a large archive)."""
    started = time.perf_counter()
    config = load_config(root, output_dir)
    if base_url is not None:
        config = replace(config, base_url=base_url)
    options = BuildOptions(drafts=drafts, future=future, now=build_time())
    try:
        report = _build(config, options, jobs, use_cache, progress, reindex, started)
    except BuildFailed as failure:
        record_build(config.root, config.output_dir, ok=False, errors=len(failure.errors))
        raise
    record_build(config.root, config.output_dir, ok=True)
    return report


def _build(config: SiteConfig, options: BuildOptions, jobs: int | None, use_cache: bool, progress: Progress,
           reindex: bool, started: float) -> BuildReport:
    cache_dir = cache_folder(config.root, config.output_dir)
    recover(cache_dir)   # finish a commit an interruption left halfway
    theme = load_theme(config)
    if not config.content_dir.is_dir():
        raise BuildFailed([NO_CONTENT])
    markdown, assets = list_sources(config)
    stats = stat_sources(config.root, markdown)
    environment, reading = environment_digest(), sha1(repr(config))
    frame = frame_digest(theme, config, options, environment, reading, assets)
    inputs = inputs_digest(frame, stats)
    quick = load_quick_check(cache_dir, environment, config.output_dir) if use_cache else None
    # The last build's files are known only while the output folder is as it left it: one
    # emptied, replaced or half-restored since is built again whole.
    if quick is not None and (quick.output_folder is None
                              or quick.output_folder != output_identity(config.output_dir)):
        quick = None
    if quick is not None and nothing_changed(quick, inputs, config, options):
        return BuildReport(None, quick.articles, quick.outputs, 0, quick.outputs, 0, config.output_dir,
                           time.perf_counter() - started)
    with emptying_trash(cache_dir):
        old = None
        if quick is not None:
            old = load_state(cache_dir, environment, config.output_dir)
            if old is not None and same_frame(quick, frame, config, options):
                from .patch import patch   # Jinja, Markdown and the rest: only when there is work
                patched = patch(config, theme, options, old, cache_dir, stats, inputs, quick, reindex=reindex,
                                progress=progress)
                if patched is not None:
                    return BuildReport(None, patched.articles, patched.pages, len(patched.written),
                                       patched.pages - len(patched.written), 0, config.output_dir,
                                       time.perf_counter() - started, patched.warnings, patched.rendered)

        from .pipeline import Pipeline
        pipeline = Pipeline(config, theme, options, jobs=jobs or default_jobs(), old=old, progress=progress,
                            reindex=reindex, environment=environment, reading=reading, frame=frame,
                            cache_dir=cache_dir)
        site = pipeline.run(stats, assets, inputs)
    return BuildReport(site, len(site.articles), len(pipeline.state.outputs), len(pipeline.written),
                       len(pipeline.unchanged), len(pipeline.deleted), config.output_dir,
                       time.perf_counter() - started, site.warnings, tuple(sorted(pipeline.rendered)))


def stat_sources(root: Path, markdown: list[str]) -> dict[str, tuple[int, int]]:
    """Size and modification time of each source; one that vanished since it was listed is left out."""
    stats = {}
    folder = str(root) + os.sep
    for path in markdown:
        try:
            stat = os.stat(folder + path)
        except OSError:
            continue
        stats[path] = (stat.st_size, stat.st_mtime_ns)
    return stats


def frame_digest(theme: Theme, config: SiteConfig, options: BuildOptions, environment: str, reading: str,
                 assets: list[str]) -> str:
    """Everything a build reads but the articles, by size and time for files."""
    templates = []
    for folder in theme.template_dirs + (theme.folder / "i18n",):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.is_file():
                stat = path.stat()
                templates.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    files = [static.source for static in theme.static] + [config.content_dir / a for a in assets]
    copied = [f"{path}:{stat.st_size}:{stat.st_mtime_ns}" for path in files if (stat := path.stat())]
    return sha1(environment, reading, repr(options.drafts), repr(options.future),
                repr(sorted(theme.assets.items())), *copied, *templates)


def inputs_digest(frame: str, stats: dict[str, tuple[int, int]]) -> str:
    """Everything a build reads: equal means equal output."""
    return sha1(frame, *(f"{path}:{size}:{mtime_ns}" for path, (size, mtime_ns) in sorted(stats.items())))


def nothing_changed(quick: QuickCheck, inputs: str, config: SiteConfig, options: BuildOptions) -> bool:
    """The same inputs as last time, the search index still there, and a build time that
    publishes the same articles and puts the same ones in the news sitemap."""
    return quick.inputs == inputs and same_frame(quick, quick.frame, config, options)


def same_frame(quick: QuickCheck, frame: str, config: SiteConfig, options: BuildOptions) -> bool:
    """As nothing_changed, but for the articles."""
    if quick.frame != frame:
        return False
    if config.search and not (config.output_dir / "pagefind").is_dir():
        return False
    if quick.articles == 0 and quick.build_time != options.now.timestamp():
        return False        # with nothing published, the site's feed is dated by the build time
    return same_selection(quick.dates, quick.build_time, options.now.timestamp())


def same_selection(dates: list[float], before: float, now: float) -> bool:
    """True when a build at NOW publishes the same articles (dated at or before it) and puts
    the same ones in the news sitemap (dated within NEWS_WINDOW before it) as one at BEFORE.
    DATES are every article's date, sorted."""
    window = NEWS_WINDOW.total_seconds()
    return (bisect.bisect_right(dates, before) == bisect.bisect_right(dates, now)
            and bisect.bisect_left(dates, before - window) == bisect.bisect_left(dates, now - window))
