"""The Article record that flows from reading to rendering."""

from __future__ import annotations

import dataclasses
import datetime as dt
import operator
from dataclasses import dataclass, field
from typing import Any, Mapping, TypeVar

Record = TypeVar("Record")


def pickled_as_tuple(cls: type[Record]) -> type[Record]:
    """Pickle a slotted dataclass as its class and a tuple of its fields. The default for
    slotted dataclasses goes through Python-level __getstate__/__setstate__, and records
    are pickled by the thousand: parsed articles come back from the workers, and the
    cache holds them all."""
    values = operator.attrgetter(*(f.name for f in dataclasses.fields(cls)))

    def __reduce__(self):
        return cls, values(self)

    cls.__reduce__ = __reduce__
    return cls


@pickled_as_tuple
@dataclass(frozen=True, slots=True)
class Image:
    src: str            # as written in front-matter
    alt: str = ""
    caption: str = ""
    credit: str = ""
    url: str = ""       # set by build_site: for <img src>, with the site's sub-path
    permalink: str = ""  # set by build_site: absolute, for share metadata
    width: int = 0      # set by build_site, when ssg can read the picture: as shown, upright
    height: int = 0
    srcset: str = ""    # set by build_site: its smaller copies and itself, "url 480w, ..."


@pickled_as_tuple
@dataclass(frozen=True, slots=True)
class Link:
    """A name and where it leads, e.g. a tag as the article spells it and its tag page."""
    name: str
    url: str
    term: str = ""      # for a tag or category: the name its page shows, whatever this spelling


# What only the article's own page and the feeds show: the body, and what finds and links it.
BODY_FIELDS = ("body", "body_line", "body_offset", "content_hash", "md_links", "notes", "dialect", "image_line")
Note = tuple[int, str, str]         # (file line, kind, message): a construct of another generator left as written


@pickled_as_tuple
@dataclass(frozen=True, slots=True)
class Article:
    source: str                      # path relative to the site folder, e.g. content/2024/x.md
    title: str
    date: dt.datetime
    slug: str
    body: str | None                 # Markdown; None once read: it is read again from the file when needed
    body_line: int = 1               # file line where the body starts
    body_offset: int = 0             # where the body starts in the file's text
    content_hash: str = ""           # of the file's bytes
    md_links: tuple[str, ...] = ()   # other articles the body links to: files (content/...) and names
                                     # (name:x); and the pictures it shows (picture:2024/x.jpg)
    notes: tuple[Note, ...] = ()     # what converting the body left as written, and the names it links to
    dialect: str = ""                # digest of the site's values the body prints ({{ site.title }}, includes)
    image_line: int = 0              # the front-matter line of its picture, for a warning when it is not there
    updated: dt.datetime | None = None
    summary: str = ""                # plain text
    summary_from_body: bool = False  # the summary is the body's first paragraph
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    image: Image | None = None
    sources: tuple[str, ...] = ()
    lang: str = "ar"
    dir: str = "rtl"
    draft: bool = False
    featured: bool = False           # the home page's lead story, when it is the newest so marked
    aliases: tuple[str, ...] = ()
    fixed_path: str = ""             # the URL path front-matter sets (Hugo's url:), instead of the permalink
    extra: Mapping[str, Any] = field(default_factory=dict)   # read-only by convention: records are pickled
    # Set by build_site.
    url: str = ""                    # public path, percent-encoded, with the site's sub-path
    output_path: str = ""            # file under site/
    permalink: str = ""              # absolute URL
    tag_links: tuple[Link, ...] = ()
    category_links: tuple[Link, ...] = ()
    author_links: tuple[Link, ...] = ()  # each writer's page
    card: str = ""                   # its share card's URL path, when it has one (pictures/shown.py)

    def unplaced(self) -> "Article":
        """The record as read, without what build_site set."""
        image = self.image and dataclasses.replace(self.image, url="", permalink="", width=0, height=0, srcset="")
        return dataclasses.replace(self, url="", output_path="", permalink="", tag_links=(), category_links=(),
                                   author_links=(), image=image, card="")

    @property
    def modified(self) -> dt.datetime:
        return self.updated or self.date

    @property
    def content_dir(self) -> str:
        """The article's folder relative to content/, '' at the top."""
        parts = self.source.split("/")[1:-1]
        return "/".join(parts)


CARD_FIELDS = tuple(f.name for f in dataclasses.fields(Article) if f.name not in BODY_FIELDS)
