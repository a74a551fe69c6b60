"""Stage: the search index. Pagefind (the PyPI package `pagefind[extended]`, which ships
its binary) run over the new site's article pages before the commit; its files go into
the writer like every other output, so that a build whose index fails leaves site/ as it
was, and the commit brings pages and index in together.

A rebuild's new site exists whole only once committed: the article pages are gathered
as hard links in a folder of their own (the written ones from the writer, the others
from site/), which is what Pagefind reads."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Collection, Iterable, Mapping

from ..config import SiteConfig, line_in_site_toml
from ..errors import BuildFailed, SiteError
from ..incremental.state import OutputEntry, sha1
from ..output.folders import work_folder
from ..output.writer import Writer
from ..progress import Progress

BUNDLE = "pagefind"
HINT = "install ssg's dependencies again (pip install pagefind[extended]), or set search = false in site.toml"


def index_site(config: SiteConfig, folder: Path, output: Path) -> None:
    """Index the pages in FOLDER into OUTPUT. Only elements marked data-pagefind-body
    (article bodies, titles, tags and summaries) are indexed; each page in its own language."""
    command = [sys.executable, "-m", "pagefind", "--site", str(folder), "--output-path", str(output.resolve()),
               "--silent"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=3600)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise _failure(config, f"the search index could not be built: {error}") from None
    if done.returncode != 0:
        message = (done.stderr or done.stdout).strip().splitlines()
        raise _failure(config, "Pagefind failed: " + (message[-1] if message else f"exit status {done.returncode}"))


def _failure(config: SiteConfig, message: str) -> BuildFailed:
    return BuildFailed([SiteError("site.toml", line_in_site_toml(config.root, "search"), message, HINT)])


def pagefind_version() -> str:
    try:
        return version("pagefind")
    except PackageNotFoundError:
        return "missing"


@dataclass(frozen=True, slots=True)
class SearchPlan:
    digest: str                      # of the pages the index covers ("" without search), for the next build
    make: bool                       # the index must be made


@dataclass
class IndexFiles:
    """What the search stage hands the commit, as paths under site/."""
    written: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)


def plan_index(config: SiteConfig, last_digest: str | None, article_pages: Iterable[str],
               outputs: Mapping[str, OutputEntry], reindex: bool) -> SearchPlan:
    """ARTICLE_PAGES: the output path of every article's page; OUTPUTS: what each file of the
    site holds (its sha1). The index in site/ stays when it covers the very same pages, or
    when REINDEX is off (the preview server: Pagefind takes tens of seconds on a large archive)."""
    if not config.search:
        return SearchPlan("", False)
    indexed = sha1(pagefind_version(), *(f"{path}:{outputs[path].sha1}" for path in sorted(article_pages)))
    keep = last_digest is not None and (config.output_dir / BUNDLE).is_dir() and (last_digest == indexed
                                                                                or not reindex)
    return SearchPlan(last_digest if keep and not reindex else indexed, not keep)


def write_index(plan: SearchPlan, config: SiteConfig, article_pages: Iterable[str], written: Collection[str],
                writer: Writer, progress: Progress, update: bool) -> IndexFiles:
    """Index the new site's ARTICLE_PAGES (WRITTEN: those this build wrote into WRITER, the
    others are in site/ as they were) into WRITER; or, without search, delete the index.
    UPDATE: the writer holds only what changed, so index files the live index holds
    already are not written again."""
    live = config.output_dir / BUNDLE
    if not config.search:
        return IndexFiles(deleted=[f"{BUNDLE}/{name}" for name in _files(live)])
    if not plan.make:
        return IndexFiles()
    progress("indexing", 0, 1)
    work = work_folder(config.output_dir, "pagefind")
    shutil.rmtree(work, ignore_errors=True)
    try:
        pages = writer.tree
        if pages is None:
            pages = work / "pages"
            _gather(pages, article_pages, written, writer, config.output_dir)
        index_site(config, pages, work / "index")
        return _place(work / "index", live if update else None, writer)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _gather(folder: Path, article_pages: Iterable[str], written: Collection[str], writer: Writer,
            output_dir: Path) -> None:
    """Hard links at FOLDER/path to the new version of each article page."""
    for path in article_pages:
        source = writer.place(path) if path in written else output_dir / path
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)      # another file system


def _place(index: Path, live: Path | None, writer: Writer) -> IndexFiles:
    """Move the files of the new INDEX into WRITER, but those the live index (LIVE, for a
    writer that updates site/) holds byte for byte; the live index's other files are deleted."""
    new = sorted(_files(index))
    old = set(_files(live)) if live is not None else set()
    files = IndexFiles(deleted=sorted(old.difference(new)))
    for name in new:
        if name in old and filecmp.cmp(index / name, live / name, shallow=False):
            continue
        target = writer.place(f"{BUNDLE}/{name}")
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(index / name, target)
        files.written.append(f"{BUNDLE}/{name}")
    files.deleted = [f"{BUNDLE}/{name}" for name in files.deleted]
    return files


def _files(folder: Path) -> list[str]:
    """Every file under FOLDER, as paths relative to it."""
    found = []
    for parent, _, names in os.walk(folder):
        relative = os.path.relpath(parent, folder)
        found.extend(name if relative == "." else f"{relative}/{name}" for name in names)
    return found
