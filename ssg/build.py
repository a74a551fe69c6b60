"""The build, stage by stage: config, theme, sources, site model, pages, write."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from .buildlog import record_build
from .config import SiteConfig, load_config, replace
from .dates import build_time
from .errors import BuildFailed
from .model import BuildOptions, Site, build_site
from .render import render_site
from .search import index_site
from .sources import read_sources
from .theme import load_theme
from .write import WriteReport, write_site


@dataclass(frozen=True, slots=True)
class BuildReport:
    site: Site
    written: WriteReport
    seconds: float


def build(root: Path, output_dir: Path | None = None, *, drafts: bool = False, future: bool = False,
          base_url: str | None = None) -> BuildReport:
    """Build the site in ROOT. Raises BuildFailed with every error found; then the
    previous output is left untouched. BASE_URL replaces site.toml's (the preview server
    builds for its own address)."""
    started = time.perf_counter()
    config = load_config(root, output_dir)
    if base_url is not None:
        config = replace(config, base_url=base_url)
    try:
        report = _build(config, drafts=drafts, future=future, started=started)
    except BuildFailed as failure:
        record_build(config.root, config.output_dir, ok=False, errors=len(failure.errors))
        raise
    record_build(config.root, config.output_dir, ok=True)
    return report


def _build(config: SiteConfig, *, drafts: bool, future: bool, started: float) -> BuildReport:
    theme = load_theme(config)
    sources = read_sources(config)
    options = BuildOptions(drafts=drafts, future=future, now=build_time())
    errors = list(sources.errors)
    try:
        site = build_site(config, sources.articles, sources.assets, options, words=theme.word)
    except BuildFailed as failure:
        errors.extend(failure.errors)
    if errors:
        raise BuildFailed(errors)
    written = write_site(
        render_site(site, theme), theme.static,
        [config.content_dir / asset for asset in site.assets], config.content_dir, config.output_dir,
        finish=index_site if config.search else None,
    )
    return BuildReport(site=site, written=written, seconds=time.perf_counter() - started)
