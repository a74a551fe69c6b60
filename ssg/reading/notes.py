"""A build's warnings on what authors wrote, each with its file and line: a misspelt key, a
missing picture, a placeholder left in, a picture previews cannot show, another generator's
construct left as written, a link by name to nothing. The reader keeps them on each
record (Article.notes); the build resolves those that depend on the whole site (is the
file there? does the name lead to an article?), prints them grouped by kind, and with
--strict fails on them."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Any, Container, Iterable, Mapping
from urllib.parse import unquote

from ..article import Article
from ..config import SiteConfig, line_in_site_toml
from ..errors import SiteError
from .links import site_path

# Each kind of note, as a group's heading says it.
KINDS = {
    "frontmatter": "front-matter keys that look misspelt",
    "file": "pictures and files that are not there",
    "placeholder": "lines of the text ssg new article wrote, still to replace",
    "share": "pictures link previews cannot show",
    "small": "pictures smaller than link previews show (1200×630)",
    "liquid": "Liquid tags and values with no equivalent here, shown as written",
    "include": "Jekyll includes not expanded, shown as written",
    "shortcode": "Hugo shortcodes not converted",
    "wordpress": "WordPress shortcodes not converted, shown as written",
    "component": "MDX components and AMP elements, shown as text",
    "kramdown": "kramdown markers with no equivalent here",
    "template": "template syntax shown as written",
    "reference": "links to articles that are not in this archive",
    "page": "Markdown files without a date, skipped as pages (undated = \"skip\")",
}


# The kinds of note on another generator's construct left as written in a body.
CONSTRUCTS = frozenset({"liquid", "include", "shortcode", "wordpress", "component", "kramdown", "template"})

# The messages of the notes the build words (the others carry theirs), from their detail:
# an archive may hold a hundred thousand of them, so they are worded when printed.
WORDING = {
    "file": "shows or links to /{}, which is no file of the site (in content/ or static/)",
    "reference": "links to «{}», which is no article here (a file name, with or without its date, or a slug)",
    "link": "links to «{}», which is neither an article nor a file here",
    "small": "{}, smaller than link previews show (1200×630): previews take a share card, or default_image, "
             "instead; a picture at least 1200 wide shows sharp on the page too",
}
SHARE_SIZE = (1200, 630)


@dataclass(frozen=True, slots=True)
class Note:
    path: str
    line: int
    kind: str
    detail: str              # the message, or what WORDING words for KIND

    @property
    def message(self) -> str:
        wording = WORDING.get(self.kind)
        return wording.format(self.detail) if wording else self.detail

    @property
    def group(self) -> str:
        """The kind it is shown under: a link by name to nothing is a reference."""
        return "reference" if self.kind == "link" else self.kind

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def pages_of(sources: Mapping[str, Any]) -> list[str]:
    """The sources read as pages, not articles (SOURCES: the read stage's entries)."""
    return [path for path, entry in sources.items() if isinstance(entry.result, list) and not entry.result]


def notes_of(articles: Iterable[Article], links: Mapping[str, str], pages: Iterable[str] = (),
             files: Container[str] = ()) -> tuple[Note, ...]:
    """Every article's notes, the links by name that LINKS (the model's) does not resolve
    among them, and the PAGES skipped, in file and line order. FILES: the site's output
    paths and content/'s files, which a link by name [x](name) may mean instead."""
    found = [Note(page, 1, "page", "no date: a page, not an article; not built") for page in pages]
    for article in articles:
        missing: set[str] = set()
        image = article.image
        if image is not None:
            picture = site_path(image.src, article.content_dir)
            if picture is not None and picture not in files:
                found.append(Note(article.source, article.image_line, "file", picture))
                missing.add(picture)
            elif image.width and (image.width < SHARE_SIZE[0] or image.height < SHARE_SIZE[1]):
                found.append(Note(article.source, article.image_line, "small",
                                  f"{image.src} is {image.width}×{image.height}"))
        for line, kind, detail in article.notes:
            if kind == "file":
                if detail in files or detail in missing:
                    continue             # there, or told once for this article already
                missing.add(detail)
            elif kind in ("reference", "link") and "name:" + detail in links:
                continue
            elif kind == "link":
                target = posixpath.normpath(posixpath.join(article.content_dir, detail))
                if any(path in files for path in (target, target + "/index.html", target + ".html")):
                    continue
            found.append(Note(article.source, line, kind, detail))
    found.sort(key=lambda n: (n.path, n.line, n.kind, n.detail))
    return tuple(found)


def settings_files_missing(config: SiteConfig, files: Container[str]) -> list[SiteError]:
    """site.toml's pictures (logo, default_image) given as paths that no file of the site has."""
    missing = []
    for key in ("logo", "default_image"):
        value = getattr(config, key)
        if value.startswith("/") and unquote(value.lstrip("/")) not in files:
            missing.append(SiteError(config.settings_file, line_in_site_toml(config.root, key),
                                     f"{key} {value} is no file of the site",
                                     "put the picture in static/ (static/images/logo.png is /images/logo.png)"))
    return missing


STRICT_HINT = "--strict makes every warning an error: fix this, or build without --strict"


def as_errors(notes: Iterable[Note], settings: Iterable[SiteError], content: Iterable[str]) -> list[SiteError]:
    """A strict build's warnings, as the errors that fail it: the notes on articles, those on
    the settings, and those on the content as a whole (tags that look alike)."""
    errors = [SiteError(note.path, note.line, note.message, STRICT_HINT) for note in notes]
    errors += [SiteError(note.path, note.line, note.message, note.hint or STRICT_HINT) for note in settings]
    errors += [SiteError("content", None, warning, STRICT_HINT) for warning in content]
    return errors


def grouped(notes: Iterable[Note], shown: int | None = 5) -> list[str]:
    """NOTES as lines to print: a heading for each kind with its count, then its first
    SHOWN notes (all of them when SHOWN is None) and how many more there are."""
    by_kind: dict[str, list[Note]] = {}
    for note in notes:
        by_kind.setdefault(note.group, []).append(note)
    lines = []
    for kind in sorted(by_kind, key=lambda k: list(KINDS).index(k) if k in KINDS else len(KINDS)):
        group = by_kind[kind]
        lines.append(f"{len(group)} {KINDS.get(kind, kind)}:")
        lines += [f"    {note}" for note in (group if shown is None else group[:shown])]
        if shown is not None and len(group) > shown:
            lines.append(f"    and {len(group) - shown} more (`ssg build -v` lists them all)")
    return lines
