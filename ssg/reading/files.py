"""Which files in content/ a build reads: Markdown articles, and files copied as they are."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

from ..config import SiteConfig
from ..errors import SiteError, display_path

MARKDOWN_SUFFIXES = (".md", ".markdown")
RECORDS = "authors/"                 # content/authors/*.md: writers' records (reading/records.py)

NO_CONTENT = SiteError("content", None, "no content/ folder", "create content/ and put Markdown articles in it")


def list_sources(config: SiteConfig) -> tuple[list[str], list[str], list[SiteError]]:
    """The Markdown files (content/...) and other files (relative to content/) to build from,
    in a stable order, without hidden files and editor temp files; and the links among
    them that are not followed (see link_problem). Plain strings, not Path objects, and
    os.scandir, whose entries know without a system call which are folders and links: a
    rebuild with nothing to do lists a whole archive."""
    markdown: list[str] = []
    assets: list[str] = []
    problems: list[SiteError] = []
    inside = (Path(os.path.realpath(config.root)),)

    def walk(folder: str, prefix: str) -> None:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
        subfolders = []
        for entry in entries:
            name, link = entry.name, entry.is_symlink()
            # A link's target is looked up (a loop is no folder); anything else's type came with the listing.
            if os.path.isdir(entry.path) if link else entry.is_dir():
                if name.startswith("."):
                    continue
                if link:                 # never entered: say so rather than drop its files
                    problems.append(folder_link(Path(entry.path), config.root))
                else:
                    subfolders.append(entry)
                continue
            if is_hidden_or_temp(name):
                continue
            if link:
                problem = link_problem(entry.path, inside, config.root)
                if problem is not None:
                    problems.append(problem)
                    continue
            if os.path.splitext(name)[1].lower() in MARKDOWN_SUFFIXES:
                # Not articles: a Hugo section page, and writers' records (reading/records.py).
                if name != "_index.md" and prefix != RECORDS:
                    markdown.append(content + prefix + name)
            else:
                assets.append(prefix + name)
        for entry in subfolders:
            walk(entry.path, prefix + entry.name + "/")

    content = config.content + "/"
    walk(str(config.content_dir), "")
    return markdown, assets, problems


def folder_link(path: Path, root: Path) -> SiteError:
    return SiteError(display_path(path, root), None, "a link to a folder: ssg does not follow links to folders",
                     "move the folder here, or replace the link by a copy")


def link_problem(path: str | Path, inside: Sequence[Path], root: Path) -> SiteError | None:
    """For a symbolic link, an error unless it leads to a file in one of the folders INSIDE:
    a link to /etc/passwd in content/ would publish it, and a dangling link or a loop
    cannot be read. None for anything that is not a link."""
    if not os.path.islink(path):
        return None
    shown = display_path(Path(path), root)
    target = Path(os.path.realpath(path))
    if not target.is_file():
        return SiteError(shown, None, "a link that leads to no file (its target is missing, or it is a loop)",
                         "remove the link, or put the file itself in its place")
    if not any(target.is_relative_to(folder) for folder in inside):
        return SiteError(shown, None, f"a link to {target}, outside the site folder: ssg publishes nothing from "
                         "outside it", "copy the file into the site folder instead of linking to it")
    return None


def is_hidden_or_temp(name: str) -> bool:
    """Hidden files and the temp files and backups editors leave (x~, .x.swp, #x#): never
    sources, never copied."""
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp"))
