"""What an article's body links to, found in its Markdown without parsing it: other
articles' files and names (for the incremental build to know which pages to render again
when one moves), and the pictures and files it shows (for the build to say which are not
there, on their lines)."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote

_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+?\.(?:md|markdown))(?:#[^)\s>]*)?>?(?:\s+\"[^\"]*\")?\s*\)"
                      r"|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?\.(?:md|markdown))(?:#\S*)?>?", re.MULTILINE)
# [x](other-post) or [x](other-post/): a name, with no folder and no extension, which
# Jekyll archives use to link their posts (the link resolver looks it up by name).
_NAME_LINK = re.compile(r"\]\(\s*<?([^()\s<>/#?:.]+)/?(?:#[^)\s>]*)?>?(?:\s+\"[^\"]*\")?\s*\)")


# Each starts with literal characters, which the regex engine looks for at C speed.
_PICTURE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")                                      # ![alt](picture)
_FILE = re.compile(r"\]\(\s*<?([^)\s>#?]+\.(?!md\b|markdown\b|html?\b)[A-Za-z0-9]{2,5})[)\s>]")  # [x](file.pdf)
_IMG = re.compile(r"<img\b[^>]*?\ssrc\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)              # <img src>


def files_linked(body: str, folder: str) -> list[tuple[int, str, bool]]:
    """The pictures and files BODY shows or links to in the site, each with its line in the
    body, its path in the site (FOLDER: the article's folder under content/) and whether
    the body shows it as a picture (![alt](x), <img src=x>)."""
    if "](" not in body and "<img" not in body and "<IMG" not in body:
        return []
    found = {}
    found.update((match.start(1), (match, False)) for match in _FILE.finditer(body))
    if "![" in body:
        found.update((match.start(1), (match, True)) for match in _PICTURE.finditer(body))
    if "<img" in body or "<IMG" in body:
        found.update((match.start(1), (match, True)) for match in _IMG.finditer(body))
    linked = []
    for start, (match, shown) in sorted(found.items()):
        path = site_path(unquote(match.group(1).split("#")[0].split("?")[0]), folder)
        if path is not None:
            linked.append((body.count("\n", 0, start) + 1, path, shown))
    return linked


def site_path(target: str, folder: str) -> str | None:
    """Where a relative or root path written in an article (in FOLDER under content/) is in
    the site; None for a URL, an anchor, a template value or a path out of the site."""
    if not target or "://" in target or target.startswith(("//", "#", "data:", "mailto:", "ssg-ref:")) \
            or "{" in target or ":" in target.split("/")[0]:
        return None
    path = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target))
    return None if path.startswith("..") or path == "." else path


def links_by_name(body: str) -> list[tuple[int, str]]:
    """The links to a name alone in BODY, [x](other-post), each with its line in the body."""
    if "](" not in body:
        return []
    return [(body.count("\n", 0, match.start()) + 1, unquote(match.group(1))) for match in _NAME_LINK.finditer(body)]


def linked_sources(body: str, source: str, names: list[str] | None = None) -> tuple[str, ...]:
    """Other sources a body links to by relative path (content/2023/x.md), and names it links
    to (name:other-post), so that a page is re-rendered when one of them moves. NAMES: the
    names, when links_by_name has found them in this body already."""
    if "](" not in body and "]:" not in body:
        return ()                    # most bodies: no need to run the patterns over them
    found = []
    if ".md" in body or ".markdown" in body:
        folder = posixpath.dirname(source)
        content = source.split("/", 1)[0] + "/"
        for match in _MD_LINK.finditer(body):
            target = unquote(match.group(1) or match.group(2))
            if "://" in target or target.startswith("/"):
                continue
            path = posixpath.normpath(posixpath.join(folder, target))
            if path.startswith(content) and path not in found:
                found.append(path)
    if names is None:
        names = [unquote(match.group(1)) for match in _NAME_LINK.finditer(body)]
    for name in names:
        if "name:" + name not in found:
            found.append("name:" + name)
    return tuple(found)
