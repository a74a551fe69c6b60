"""Which files in content/ a build reads: Markdown articles, and files copied as they are."""

from __future__ import annotations

import os

from ..config import SiteConfig
from ..errors import SiteError

MARKDOWN_SUFFIXES = (".md", ".markdown")

NO_CONTENT = SiteError("content", None, "no content/ folder", "create content/ and put Markdown articles in it")


def list_sources(config: SiteConfig) -> tuple[list[str], list[str]]:
    """The Markdown files (content/...) and other files (relative to content/) to build from,
    in a stable order, without hidden files and editor temp files. Plain strings, not
    Path objects: a rebuild with nothing to do lists a whole archive."""
    markdown: list[str] = []
    assets: list[str] = []
    content = str(config.content_dir)
    for folder, subfolders, names in os.walk(content):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        prefix = "" if folder == content else folder[len(content) + 1:].replace(os.sep, "/") + "/"
        for name in sorted(names):
            if is_hidden_or_temp(name):
                continue
            if os.path.splitext(name)[1].lower() in MARKDOWN_SUFFIXES:
                if name != "_index.md":  # a Hugo section page, not an article
                    markdown.append("content/" + prefix + name)
            else:
                assets.append(prefix + name)
    return markdown, assets


def is_hidden_or_temp(name: str) -> bool:
    """Hidden files and the temp files and backups editors leave (x~, .x.swp, #x#): never
    sources, never copied."""
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp"))
