"""`ssg check`: problems in a built site that a reader or a crawler would hit.

Internal links and anchors that point nowhere, missing images and assets, two pages
claiming one URL, pages without a title, canonical link or description, and feeds
or sitemaps that list missing pages. External links are never fetched. Pages are
scanned with regular expressions rather than a full HTML parser, so that a
10,000-article archive is checked in seconds.
"""

from __future__ import annotations

import html
import multiprocessing
import os
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from ..options import default_jobs

_TAG = re.compile(r"<(a|link|img|script|source|iframe|meta|title)\b([^>]*)>", re.IGNORECASE)
# Only the attributes a check reads; the others are skipped by the scan.
_ATTR = re.compile(r"""\s(href|src|srcset|rel|name|content|http-equiv|width|height)"""
                   r"""\s*=\s*("([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)
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
        self._resolved: dict = {}
        self._files_for: dict[str, str | None] = {}
        self._page, self._text = "", ""
        self.problems: list[Problem] = []

    # --- mapping URLs to files ---------------------------------------------------------

    def _site_path(self, url: str, page_url: str) -> tuple[str, str] | None:
        """(decoded path inside the site, fragment) for an internal URL, else None."""
        # Most links are root-relative and repeat on every page (navigation, tags): resolve
        # each distinct one once.
        key = url if url.startswith("/") and not url.startswith("//") else (page_url, url)
        try:
            return self._resolved[key]
        except KeyError:
            pass
        absolute = urljoin(self.origin + page_url, url)
        parts = urlsplit(absolute)
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            found = None
        else:
            path = unquote(parts.path)
            if self.base_path and not (path == self.base_path or path.startswith(self.base_path + "/")):
                found = ("\x00outside", parts.fragment)
            else:
                found = ((path[len(self.base_path):] or "/") if self.base_path else path, unquote(parts.fragment))
        self._resolved[key] = found
        return found

    def _file_for(self, path: str) -> str | None:
        if path in self._files_for:
            return self._files_for[path]
        found = self._find_file(path)
        self._files_for[path] = found
        return found

    def _find_file(self, path: str) -> str | None:
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
            text = self._text if file == self._page else (self.folder / file).read_text(encoding="utf-8",
                                                                                          errors="replace")
            self._ids[file] = {html.unescape(a or b) for a, b in _ID.findall(text)}
        return self._ids[file]

    def _page_url(self, file: str) -> str:
        url = "/" + file.removesuffix("index.html")
        return self.base_path + url

    # --- checks ----------------------------------------------------------------------

    def check(self, jobs: int = 1) -> list[Problem]:
        pages = sorted(f for f in self.files if f.endswith(".html"))
        canonicals: dict[str, list[str]] = defaultdict(list)
        if jobs > 1 and len(pages) > 500:
            global _checker
            _checker = self   # forked workers see it as it is now
            chunks = [pages[n::jobs * 4] for n in range(jobs * 4)]
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                for problems, found in pool.map(_check_pages, chunks):
                    self.problems.extend(problems)
                    for canonical, files in found.items():
                        canonicals[canonical].extend(files)
            self.problems.sort(key=lambda p: p.page)
        else:
            for file in pages:
                self._check_page(file, canonicals)
        for canonical, claimed in sorted(canonicals.items()):
            if len(claimed) > 1:
                claimed.sort()
                for page in claimed:
                    self.problems.append(Problem(page, f"claims the same URL {canonical} as "
                                                       + ", ".join(p for p in claimed if p != page)))
        for file in sorted(f for f in self.files if f.endswith(".xml")):
            self._check_xml(file)
        return self.problems

    def _check_page(self, file: str, canonicals: dict[str, list[str]]) -> None:
        text = (self.folder / file).read_text(encoding="utf-8", errors="replace")
        self._page, self._text = file, text
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
            if tag == "img" and not ("width" in attrs and "height" in attrs) and _is_raster(attrs.get("src", "")):
                self._check_sized(file, page_url, attrs["src"])
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

    def _check_sized(self, file: str, page_url: str, url: str) -> None:
        """A picture of the site shown without its size: the page moves when it arrives."""
        target = self._site_path(url.strip(), page_url)
        if target is not None and target[0] != "\x00outside" and self._file_for(target[0]) is not None:
            self.problems.append(Problem(file, f"image {url} has no width and height (the page shifts as it "
                                               "loads; ssg writes them for the pictures it publishes)"))

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


_RASTER = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif")


def _is_raster(url: str) -> bool:
    return urlsplit(url).path.lower().endswith(_RASTER)


_checker: SiteChecker | None = None


def _check_pages(files: list[str]) -> tuple[list[Problem], dict[str, list[str]]]:
    canonicals: dict[str, list[str]] = defaultdict(list)
    _checker.problems = []
    for file in files:
        _checker._check_page(file, canonicals)
    return _checker.problems, dict(canonicals)


def check_site(folder: Path, base_url: str, jobs: int | None = None) -> list[Problem]:
    """Every problem found in the built site in FOLDER, pages checked on every core."""
    if not folder.is_dir():
        return [Problem(str(folder), "no built site here; run `ssg build` first")]
    return SiteChecker(folder, base_url).check(jobs or default_jobs())


def count_pages(folder: Path) -> int:
    return sum(1 for _, _, files in os.walk(folder) for name in files if name.endswith(".html"))
