"""`ssg check`: problems in a built site that a reader or a crawler would hit.

Internal links and anchors that point nowhere, missing images and assets, two pages
claiming one URL, pages without a title, canonical link or description, and feeds
or sitemaps that list missing pages. External links are never fetched. Pages are
scanned with regular expressions rather than a full HTML parser, so that a
10,000-article archive is checked in seconds.
"""

from __future__ import annotations

import html
import os
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

_TAG = re.compile(r"<(a|link|img|script|source|iframe|meta|title)\b([^>]*)>", re.IGNORECASE)
_ATTR = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*("([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_TITLE = re.compile(r"<title>\s*([^<]*?)\s*</title>", re.IGNORECASE | re.DOTALL)
_ID = re.compile(r"""\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "sms:")


@dataclass(frozen=True, slots=True)
class Problem:
    page: str          # the file under the output folder where it was found
    message: str

    def __str__(self) -> str:
        return f"{self.page}: {self.message}"


def _attrs(text: str) -> dict[str, str]:
    found = {}
    for match in _ATTR.finditer(text):
        value = match.group(3) if match.group(3) is not None else (match.group(4) or match.group(5) or "")
        found[match.group(1).lower()] = html.unescape(value)
    return found


class SiteChecker:
    def __init__(self, folder: Path, base_url: str):
        self.folder = folder
        parts = urlsplit(base_url)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.base_path = parts.path.rstrip("/")
        self.files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
        self._ids: dict[str, set[str]] = {}
        self.problems: list[Problem] = []

    # --- mapping URLs to files ---------------------------------------------------------

    def _site_path(self, url: str, page_url: str) -> tuple[str, str] | None:
        """(decoded path inside the site, fragment) for an internal URL, else None."""
        absolute = urljoin(self.origin + page_url, url)
        parts = urlsplit(absolute)
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            return None
        path = unquote(parts.path)
        if self.base_path:
            if not (path == self.base_path or path.startswith(self.base_path + "/")):
                return "\x00outside", parts.fragment
            path = path[len(self.base_path):] or "/"
        return path, unquote(parts.fragment)

    def _file_for(self, path: str) -> str | None:
        relative = path.lstrip("/")
        if relative == "" or relative.endswith("/"):
            candidate = relative + "index.html"
            return candidate if candidate in self.files else None
        if relative in self.files:
            return relative
        if relative + "/index.html" in self.files:  # a host redirects /x to /x/
            return relative + "/index.html"
        return None

    def _ids_of(self, file: str) -> set[str]:
        if file not in self._ids:
            text = (self.folder / file).read_text(encoding="utf-8", errors="replace")
            self._ids[file] = {html.unescape(a or b) for a, b in _ID.findall(text)}
        return self._ids[file]

    def _page_url(self, file: str) -> str:
        url = "/" + file.removesuffix("index.html")
        return self.base_path + url

    # --- checks ----------------------------------------------------------------------

    def check(self) -> list[Problem]:
        canonicals: dict[str, list[str]] = defaultdict(list)
        for file in sorted(f for f in self.files if f.endswith(".html")):
            self._check_page(file, canonicals)
        for canonical, pages in sorted(canonicals.items()):
            if len(pages) > 1:
                for page in pages:
                    self.problems.append(Problem(page, f"claims the same URL {canonical} as "
                                                       + ", ".join(p for p in pages if p != page)))
        for file in sorted(f for f in self.files if f.endswith(".xml")):
            self._check_xml(file)
        return self.problems

    def _check_page(self, file: str, canonicals: dict[str, list[str]]) -> None:
        text = (self.folder / file).read_text(encoding="utf-8", errors="replace")
        page_url = self._page_url(file)
        redirect = 'http-equiv="refresh"' in text
        title = _TITLE.search(text)
        has_canonical = has_description = False
        for match in _TAG.finditer(text):
            tag, attrs = match.group(1).lower(), _attrs(match.group(2))
            if tag == "title":
                continue
            if tag == "link" and "canonical" in attrs.get("rel", "").split():
                has_canonical = True
                if not redirect and file != "404.html":
                    canonicals[attrs.get("href", "")].append(file)
                continue
            if tag == "meta":
                has_description |= attrs.get("name", "").lower() == "description" and bool(attrs.get("content"))
                continue
            for attribute in ("href", "src"):
                if attribute in attrs:
                    self._check_link(file, page_url, tag, attrs[attribute])
            if tag in ("img", "source") and "srcset" in attrs:
                for candidate in attrs["srcset"].split(","):
                    if candidate.strip():
                        self._check_link(file, page_url, tag, candidate.split()[0])
        if not title or not title.group(1):
            self.problems.append(Problem(file, "has no <title>"))
        if not has_canonical:
            self.problems.append(Problem(file, 'has no <link rel="canonical">'))
        if not has_description and not redirect and file != "404.html":
            self.problems.append(Problem(file, 'has no <meta name="description">'))

    def _check_link(self, file: str, page_url: str, tag: str, url: str) -> None:
        url = url.strip()
        if not url or url.lower().startswith(_SKIPPED_SCHEMES):
            return
        target = self._site_path(url, page_url)
        if target is None:
            return  # another site: not fetched
        path, fragment = target
        what = "image" if tag in ("img", "source") else "asset" if tag in ("script", "link") else "link"
        if path == "\x00outside":
            self.problems.append(Problem(file, f"{what} {url} leads outside the site's base URL"))
            return
        found = self._file_for(path)
        if found is None:
            self.problems.append(Problem(file, f"broken {what} {url} (no such file)"))
        elif fragment and found.endswith(".html") and fragment not in self._ids_of(found):
            self.problems.append(Problem(file, f"broken anchor {url} (no id {fragment!r} in {found})"))

    def _check_xml(self, file: str) -> None:
        try:
            root = ET.parse(self.folder / file).getroot()
        except ET.ParseError as error:
            self.problems.append(Problem(file, f"is not well-formed XML: {error}"))
            return
        urls = [el.text or "" for el in root.iter() if el.tag.endswith("}loc")]
        urls += [el.get("href", "") for el in root.iter() if el.tag.endswith("}link")
                 and el.get("rel", "alternate") in ("alternate", "self")]
        for url in urls:
            target = self._site_path(url.strip(), "/")
            if target is None or target[0] == "\x00outside":
                continue
            if self._file_for(target[0]) is None:
                self.problems.append(Problem(file, f"lists {url.strip()}, which is missing"))


def check_site(folder: Path, base_url: str) -> list[Problem]:
    if not folder.is_dir():
        return [Problem(str(folder), "no built site here; run `ssg build` first")]
    return SiteChecker(folder, base_url).check()


def count_pages(folder: Path) -> int:
    return sum(1 for _, _, files in os.walk(folder) for name in files if name.endswith(".html"))
