"""The values an article's constructs may print, made the same way when the reader reads
the article and when the renderer renders it, so both runs of `convert` agree."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from ...article import Article
from ...config import SiteConfig
from .convert import Context

INCLUDES = "_includes"          # Jekyll's folder of include files, at the site folder's top


def context_for(article: Article, config: SiteConfig) -> Context:
    extra = config.extra
    site: dict[str, Any] = {key: value for key, value in extra.items() if not isinstance(value, (dict, list))}
    site.update(url=config.origin + config.base_path, baseurl="", title=config.title,
                description=config.description, params=extra.get("params"))
    page = {**article.extra, "title": article.title, "date": article.date.isoformat()}
    root = str(config.root)
    return Context(site=site, page=page, include=lambda name: _include(root, name))


def _include(root: str, name: str) -> str | None:
    path = os.path.join(root, INCLUDES, name)
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return _read(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _read(path: str, mtime_ns: int, size: int) -> str | None:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def includes_stats(root: Path) -> list[str]:
    """The include files by size and time: a change to one reads every article again."""
    folder = root / INCLUDES
    if not folder.is_dir():
        return []
    return [f"{path}:{path.stat().st_size}:{path.stat().st_mtime_ns}" for path in sorted(folder.rglob("*"))
            if path.is_file()]
