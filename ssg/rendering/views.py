"""The template contract: what a theme's templates are given, and every field of it.

A template gets these names (renderer.Renderer.render):

    site           SiteView: the site's title, language, URLs
    page           PageView: the page being rendered
    article        ArticleView: on an article's page and a redirect, the article
    body           on an article's page: its body as HTML
    share_links    on an article's page: ShareLink(network, href) for each share button
    share          every page: ShareMeta (Open Graph and Twitter pairs, JSON-LD)
    pagination     on a listing: PaginationView
    entry_content  in a feed: entry_content(entry), an entry's body with absolute URLs

and the globals and filters of renderer.make_environment (t, asset, url_for, cached,
date, period, month_name, number, iso, inline_markdown).

The views are read-only and show the fields listed below and no others: the model's
records behind them also carry what only the build needs (where a body starts in its
file, digests, output paths), and a theme that never sees those keeps working when
they change. Values without a view are plain records shown whole: Link (name, url,
term), Image (src, alt, caption, credit, url, permalink, width, height, srcset),
SitemapEntry (loc, lastmod), Profile (name, role, bio, image, links).
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any

from ..article import Article
from ..model.archive import Period
from ..model.front import Block
from ..model.pages import Page, Pagination
from ..model.taxonomy import Term

ARTICLE_FIELDS = (
    "source",                        # its file, relative to the site folder: content/2024/x.md
    "title", "slug", "summary", "summary_from_body",
    "date", "updated", "modified",   # aware datetimes; modified is updated, or else date
    "url", "permalink",              # its page: a path with the site's sub-path, and the absolute URL
    "tags", "categories",            # names as the article spells them
    "tag_links", "category_links",   # Links to their pages (name, url, term: the name the page shows)
    "authors", "author_links",       # writers' names as written, and Links to their pages
    "sources", "image", "lang", "dir", "draft", "aliases",
    "featured",                      # marked as the home page's lead story
    "extra",                         # front-matter keys ssg does not know, as written
)
PAGE_FIELDS = (
    "kind",                          # model.pages.PageKind: article, home, tag, category, year, month, day, ...
    "title", "lang", "dir", "description",
    "url", "permalink", "lastmod",
    "feed_url",                      # the Atom feed the page links as alternate ("" for none)
    "breadcrumbs",                   # Links from the home page to this one
    "alternate",                     # a feed: the URL of its HTML page
    "redirect_to",                   # a redirect: the absolute URL it leads to
    "profile",                       # an author page: Profile (name, role, bio, image, links) or None
    "sitemaps",                      # robots.txt: the sitemaps' URLs
    "urls",                          # a sitemap: SitemapEntry for each page; a sitemap index: for each sitemap
)
PAGE_VIEWS = (
    "article", "newer", "older",     # ArticleViews: the article, and its neighbours by date
    "related",                       # ArticleViews: "continue reading"
    "articles",                      # ArticleViews: a feed's entries, the news sitemap's articles
    "pagination",                    # PaginationView, on listings
    "term", "terms",                 # TermViews: a tag or category page's term; the index of them all
    "period", "newer_period", "older_period",   # PeriodViews: a year, month or day page's, and its neighbours
    "archive",                       # (year PeriodView, its month PeriodViews) for each year
    "lead",                          # ArticleView: the home page's lead story (its first page only)
    "blocks",                        # BlockViews: the home page's sections (name, url, articles)
    "entries",                       # the older name of articles, urls or sitemaps, whichever the page has
)
PAGINATION_FIELDS = (
    "number",                        # counted from the oldest page; the first page has the highest
    "first_url", "prev_url", "next_url",   # prev: the newer page, next: the older one (None at the ends)
)
TERM_FIELDS = ("taxonomy", "name", "slug", "url", "permalink", "count")   # count None on numbered pages
PERIOD_FIELDS = ("year", "month", "day", "level", "url", "permalink", "count")   # level: year, month or day


class Views:
    """Makes the views of one renderer. An article has one view for the renderer's life,
    so that `cached(macro, article)` finds a card it printed on another page."""

    def __init__(self) -> None:
        self._articles: dict[int, ArticleView] = {}

    def article(self, record: Article | None) -> ArticleView | None:
        if record is None:
            return None
        view = self._articles.get(id(record))
        if view is None:
            # The view holds its record, so the id cannot be another record's while it is here.
            view = self._articles[id(record)] = ArticleView(record)
        return view

    def articles(self, records: tuple[Article, ...]) -> tuple[ArticleView, ...]:
        return tuple(map(self.article, records))

    def page(self, record: Page) -> PageView:
        return PageView(record, self)

    def pagination(self, record: Pagination | None) -> PaginationView | None:
        return PaginationView(record, self) if record is not None else None


class _View:
    __slots__ = ("_record",)

    def __init__(self, record: Any):
        self._record = record

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._record!r}>"


def _show(view: type, fields: tuple[str, ...]) -> None:
    """Give VIEW a read-only property for each of FIELDS, read from its record."""
    for name in fields:
        setattr(view, name, property(attrgetter("_record." + name)))


class ArticleView(_View):
    __slots__ = ()


def record_of(view: ArticleView) -> Article:
    """The record behind a view, for the Python code a template hands one to (entry_content)."""
    return view._record


class TermView(_View):
    __slots__ = ()


class PeriodView(_View):
    __slots__ = ()


def _term(record: Term | None) -> TermView | None:
    return TermView(record) if record is not None else None


def _period(record: Period | None) -> PeriodView | None:
    return PeriodView(record) if record is not None else None


class BlockView(_View):
    __slots__ = ("_views",)

    def __init__(self, record: Block, views: Views):
        super().__init__(record)
        self._views = views

    @property
    def articles(self) -> tuple[ArticleView, ...]:
        return self._views.articles(self._record.articles)


class PaginationView(_View):
    __slots__ = ("_views",)

    def __init__(self, record: Pagination, views: Views):
        super().__init__(record)
        self._views = views

    @property
    def items(self) -> tuple[ArticleView, ...]:
        """The page's articles, newest first."""
        return self._views.articles(self._record.items)


class PageView(_View):
    __slots__ = ("_views",)

    def __init__(self, record: Page, views: Views):
        super().__init__(record)
        self._views = views

    @property
    def article(self) -> ArticleView | None:
        return self._views.article(self._record.article)

    @property
    def newer(self) -> ArticleView | None:
        return self._views.article(self._record.newer)

    @property
    def older(self) -> ArticleView | None:
        return self._views.article(self._record.older)

    @property
    def related(self) -> tuple[ArticleView, ...]:
        return self._views.articles(self._record.related)

    @property
    def articles(self) -> tuple[ArticleView, ...]:
        return self._views.articles(self._record.articles)

    @property
    def lead(self) -> ArticleView | None:
        return self._views.article(self._record.lead)

    @property
    def blocks(self) -> tuple[BlockView, ...]:
        return tuple(BlockView(block, self._views) for block in self._record.blocks)

    @property
    def pagination(self) -> PaginationView | None:
        return self._views.pagination(self._record.pagination)

    @property
    def term(self) -> TermView | None:
        return _term(self._record.term)

    @property
    def terms(self) -> tuple[TermView, ...]:
        return tuple(map(TermView, self._record.terms))

    @property
    def period(self) -> PeriodView | None:
        return _period(self._record.period)

    @property
    def newer_period(self) -> PeriodView | None:
        return _period(self._record.newer_period)

    @property
    def older_period(self) -> PeriodView | None:
        return _period(self._record.older_period)

    @property
    def archive(self) -> tuple[tuple[PeriodView, tuple[PeriodView, ...]], ...]:
        return tuple((PeriodView(year), tuple(map(PeriodView, months))) for year, months in self._record.archive)

    @property
    def entries(self) -> tuple:
        return self.articles or self._record.urls or self._record.sitemaps


_show(ArticleView, ARTICLE_FIELDS)
_show(PageView, PAGE_FIELDS)
_show(PaginationView, PAGINATION_FIELDS)
_show(TermView, TERM_FIELDS)
_show(PeriodView, PERIOD_FIELDS)
_show(BlockView, ("name", "url"))
