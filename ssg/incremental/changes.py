"""What a build reads, by size and modification time, and whether it changed since the
last build.

The survey reads no source and imports neither Jinja nor Markdown: it lists content/,
stats every file a build reads and digests the rest (config, theme, options). So a
rebuild with nothing to do costs a directory walk.
"""

from __future__ import annotations

import bisect
import os
from dataclasses import dataclass
from pathlib import Path

from ..config import SiteConfig
from ..errors import SiteError
from ..options import NEWS_WINDOW, BuildOptions
from ..reading.dialects.context import includes_stats
from ..reading.files import list_sources
from ..rendering.theme import Theme
from .state import QuickCheck, environment_digest, sha1

Stats = dict[str, tuple[int, int]]       # source path -> (size, mtime_ns)


@dataclass(frozen=True, slots=True)
class Inputs:
    """Everything a build reads."""
    stats: Stats                     # the Markdown sources
    assets: list[str]                # other content/ files, copied as they are
    problems: list[SiteError]        # files in content/ and static/ that are not read (links out, dangling)
    environment: str                 # ssg, Python and library versions
    reading: str                     # the settings that change how a source is parsed
    frame: str                       # all but the articles: config, theme, options, assets
    digest: str                      # all of it: equal means equal output


def survey(config: SiteConfig, theme: Theme, options: BuildOptions) -> Inputs:
    markdown, assets, problems = list_sources(config)
    problems += theme.problems
    stats = stat_sources(config.root, markdown)
    # What parsing depends on besides the file: the settings, and the include files a body
    # may print (reading/dialects).
    environment, reading = environment_digest(), sha1(repr(config), *includes_stats(config.root))
    frame = frame_digest(theme, config, options, environment, reading, assets, problems)
    return Inputs(stats, assets, problems, environment, reading, frame, inputs_digest(frame, stats))


def stat_sources(root: Path, markdown: list[str]) -> Stats:
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
                 assets: list[str], problems: list[SiteError] = ()) -> str:
    """Everything a build reads but the articles, by size and time for files (and what in
    content/ it cannot read, which fails the build until it is gone)."""
    templates = []
    for folder in theme.template_dirs + (theme.folder / "i18n",):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.is_file():
                stat = path.stat()
                templates.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    files = [static.source for static in theme.static] + [config.content_dir / a for a in assets]
    copied = [f"{path}:{stat.st_size}:{stat.st_mtime_ns}" for path in files if (stat := path.stat())]
    return sha1(environment, reading, repr(options.drafts), repr(options.future),
                repr(sorted(theme.assets.items())), *copied, *templates, *map(str, problems))


def inputs_digest(frame: str, stats: Stats) -> str:
    """Everything a build reads: equal means equal output."""
    return sha1(frame, *(f"{path}:{size}:{mtime_ns}" for path, (size, mtime_ns) in sorted(stats.items())))


def nothing_changed(quick: QuickCheck | None, inputs: Inputs, config: SiteConfig, options: BuildOptions) -> bool:
    """The same inputs as last time, the search index still there, and a build time that
    publishes the same articles and puts the same ones in the news sitemap."""
    return quick is not None and quick.inputs == inputs.digest and same_frame(quick, quick.frame, config, options)


def same_frame(quick: QuickCheck | None, frame: str, config: SiteConfig, options: BuildOptions) -> bool:
    """As nothing_changed, but for the articles."""
    if quick is None or quick.frame != frame:
        return False
    if config.search and not (config.output_dir / "pagefind" / "shards.json").is_file():
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
