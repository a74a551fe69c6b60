"""Gatsby: `gatsby-config.js` (read, not run), Markdown articles where gatsby-source-filesystem
reads them (content/ in gatsby-starter-blog), files served from static/.

gatsby-starter-blog places a post at its path under the content folder (/my-post/ for
content/blog/my-post/index.md); many sites set a `slug:` path instead. Both are
/{slug}/ here. What gatsby-node.js builds otherwise is not read.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import Layout, base_url, language_of

SETTINGS = ("gatsby-config.js", "gatsby-config.ts", "gatsby-config.mjs")
_STRING = r"""\s*[:=]\s*[`'"]([^`'"]*)[`'"]"""


def layout(root: Path) -> Layout | None:
    found = next((root / name for name in SETTINGS if (root / name).is_file()), None)
    if found is None:
        return None
    text = found.read_text(encoding="utf-8", errors="replace")
    content = _content_folder(text, root)
    if content is None:
        return None
    notes = []

    def value(key: str) -> str:
        match = re.search(r"\b" + key + _STRING, text)
        return match.group(1).strip() if match else ""

    url, missing = base_url(value("siteUrl"), value("pathPrefix"))
    notes += missing
    settings = {"title": value("title") or root.name, "base_url": url, "permalink": "/{slug}/",
                "content": content, "undated": "skip"}
    if value("description"):
        settings["description"] = " ".join(value("description").split())
    language = language_of(value("lang") or value("language") or value("locale"))
    if language:
        settings["language"] = language
    notes.append("URLs are /{slug}/, as gatsby-starter-blog makes them; if gatsby-node.js made others, "
                 "set permalink in site.toml or url: in the articles")
    return Layout("gatsby", found.name, settings, content, (), tuple(notes))


def _content_folder(text: str, root: Path) -> str | None:
    """The top folder gatsby-source-filesystem reads Markdown from."""
    for match in re.finditer(r"path\s*:\s*[`'\"](?:\$\{__dirname\}/?|\./)?([\w.-]+)", text):
        folder = match.group(1)
        if (root / folder).is_dir() and folder not in ("static", "src", "node_modules") and \
                any((root / folder).rglob("*.md")):
            return folder
    return "content" if (root / "content").is_dir() else None
