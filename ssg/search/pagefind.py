"""Stage: the search index. Pagefind (the PyPI package `pagefind[extended]`, which ships
its binary) run over the finished site: over the staging folder before it is swapped in,
or, for a rebuild, whose new site exists only once committed, over site/ after the
commit, into a folder swapped in for the old index."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Iterable, Mapping

from ..config import SiteConfig
from ..errors import BuildFailed, SiteError
from ..incremental.state import OutputEntry, sha1
from ..output.folders import work_folder
from ..output.staged import swap_into_place
from ..output.writer import Writer
from ..progress import Progress

BUNDLE = "pagefind"


def index_site(folder: Path, output: Path | None = None) -> None:
    """Write FOLDER/pagefind/ (or OUTPUT). Only elements marked data-pagefind-body (article
    bodies, titles, tags and summaries) are indexed; each page in its own language."""
    where = ["--output-path", str(output.resolve())] if output is not None else ["--output-subdir", BUNDLE]
    command = [sys.executable, "-m", "pagefind", "--site", str(folder), *where, "--silent"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=3600)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise BuildFailed([SiteError("site.toml", None, f"the search index could not be built: {error}",
                                     "install ssg's dependencies again (pip install pagefind[extended]), "
                                     "or set search = false")]) from None
    if done.returncode != 0:
        message = (done.stderr or done.stdout).strip().splitlines()
        raise BuildFailed([SiteError("site.toml", None, "Pagefind failed: " + (message[-1] if message else "?"),
                                     "install ssg's dependencies again (pip install pagefind[extended]), "
                                     "or set search = false")])


def pagefind_version() -> str:
    try:
        return version("pagefind")
    except PackageNotFoundError:
        return "missing"


@dataclass(frozen=True, slots=True)
class SearchPlan:
    digest: str                      # of the pages the index covers ("" without search), for the next build
    make: bool                       # the index must be made


def plan_index(config: SiteConfig, last_digest: str | None, article_pages: Iterable[str],
               outputs: Mapping[str, OutputEntry], reindex: bool) -> SearchPlan:
    """ARTICLE_PAGES: the output path of every article's page; OUTPUTS: what each file of the
    site holds (its sha1). The index in
    site/ stays when it covers the very same pages, or when REINDEX is off (the preview
    server: Pagefind takes tens of seconds on a large archive)."""
    if not config.search:
        return SearchPlan("", False)
    indexed = sha1(pagefind_version(), *(f"{path}:{outputs[path].sha1}" for path in sorted(article_pages)))
    keep = last_digest is not None and (config.output_dir / BUNDLE).is_dir() and (last_digest == indexed
                                                                                or not reindex)
    return SearchPlan(last_digest if keep and not reindex else indexed, not keep)


def index_before_commit(plan: SearchPlan, writer: Writer, progress: Progress) -> None:
    if plan.make and writer.tree is not None:
        progress("indexing", 0, 1)
        index_site(writer.tree)


def index_after_commit(plan: SearchPlan, writer: Writer, config: SiteConfig, progress: Progress) -> None:
    """For a writer with no whole tree before its commit."""
    if writer.tree is not None:
        return
    if plan.make:
        progress("indexing", 0, 1)
        _reindex(config.output_dir)
    elif not config.search and (config.output_dir / BUNDLE).exists():
        shutil.rmtree(config.output_dir / BUNDLE)


def _reindex(output_dir: Path) -> None:
    """Make the search index beside the site, then swap it in."""
    fresh = work_folder(output_dir, "pagefind")
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        index_site(output_dir, fresh)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    swap_into_place(fresh, output_dir / BUNDLE)
