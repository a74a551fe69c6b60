"""The site model's records of pages: what kind each is, and what its template may show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, get_args

from ..article import Article, Link, pickled_as_tuple
from .archive import Period
from .authors import Profile
from .front import Block
from .taxonomy import Term

PageKind = Literal[
    "article",                                 # an article's own page
    "home", "tag", "category", "author",       # listings of articles, paginated
    "year", "month", "day",                    # listings of a period's articles, paginated
    "tags", "categories", "authors", "archive",   # indexes of tags, categories, writers, years and months
    "not_found", "search", "redirect",         # 404.html, the search page, an alias of an article
    "feed", "sitemap", "sitemap_index", "news_sitemap", "robots",
]
PAGE_KINDS: frozenset[str] = frozenset(get_args(PageKind))


@pickled_as_tuple
@dataclass(frozen=True, slots=True)
class Pagination:
    number: int                      # counted from the oldest page, 1-based; the first page's is the highest
    items: tuple[Article, ...]
    first_url: str
    prev_url: str | None             # the newer page
    next_url: str | None             # the older page


@pickled_as_tuple
@dataclass(frozen=True, slots=True)
class SitemapEntry:
    loc: str                         # absolute URL
    lastmod: dt.datetime | None


@pickled_as_tuple
@dataclass(frozen=True, slots=True)
class Page:
    """One file of the site, and all its template may show. Each kind fills the fields of
    its group below and leaves the others empty."""
    kind: PageKind
    template: str
    url: str
    output_path: str
    permalink: str
    title: str
    lang: str
    dir: str
    description: str = ""
    lastmod: dt.datetime | None = None
    in_sitemap: bool = True
    feed_url: str = ""               # the Atom feed this page links as alternate
    breadcrumbs: tuple[Link, ...] = ()   # from the home page to this one
    # article pages
    article: Article | None = None
    newer: Article | None = None
    older: Article | None = None
    related: tuple[Article, ...] = ()
    # listings
    pagination: Pagination | None = None
    term: Term | None = None
    terms: tuple[Term, ...] = ()
    period: Period | None = None
    newer_period: Period | None = None
    older_period: Period | None = None
    archive: tuple[tuple[Period, tuple[Period, ...]], ...] = ()   # years with their months
    profile: Profile | None = None   # an author page's writer, when site.toml has a record of them
    lead: Article | None = None      # the home page's lead story (its first page only)
    blocks: tuple[Block, ...] = ()   # the home page's sections, each with its latest articles
    # feeds, sitemaps, robots.txt, redirects
    articles: tuple[Article, ...] = ()   # a feed's entries, the news sitemap's articles
    urls: tuple[SitemapEntry, ...] = ()  # a sitemap's pages, a sitemap index's sitemaps
    sitemaps: tuple[str, ...] = ()       # robots.txt: the sitemaps' URLs
    alternate: str = ""              # a feed's HTML page
    redirect_to: str = ""
