"""From read articles to the site: which pages exist, where each lives, what each shows.

Every Page is a plain record of its inputs (its articles, its template, the
config, the theme's words), so a renderer can turn any one of them into bytes on
its own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import posixpath
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Callable, Iterable, Mapping, Sequence

from ..article import Article, Image, Link
from ..config import AUTHOR_ORIGIN, SiteConfig
from ..errors import BuildFailed, SiteError
from ..options import NEWS_WINDOW, BuildOptions
from ..pictures.fonts import CardFonts
from ..pictures.probe import Picture
from ..pictures.shown import PicturesShown
from ..reading.frontmatter import FrontMatterError, line_of_key, split_front_matter
from ..reading.reader import ALIASES, JEKYLL_NAME, decode_source
from ..text.dates import DateStyle
from ..text.lang import direction_of, normalize_language
from ..text.urls import Urls, is_inside, output_path_for
from .archive import Period, group_periods, neighbours
from .authors import Profile, profiles
from .front import blocks, lead_story, sections
from .pages import Page, PageKind, Pagination, SitemapEntry
from .related import related_articles
from .taxonomy import TAXONOMIES, Term, TermNamer, group_terms, look_alike

Words = Callable[[str, str], str]   # (key, language) -> the theme's word
SITEMAP_LIMIT = 50_000              # URLs per sitemap file (the sitemaps.org limit)
PATH_KEYS = ("url", "permalink", "path")   # front-matter that sets an article's whole path
MARKDOWN = (".md", ".markdown")
SINGULAR = {"tags": "tag", "categories": "category", "authors": "author"}   # a term's page kind
FEEDS = ("tags", "authors")          # the taxonomies whose terms have a feed each
NAME_MAX = 255                      # bytes in a file or folder name: ext4, XFS, Btrfs, APFS, NTFS


@dataclass(frozen=True, slots=True)
class Site:
    config: SiteConfig
    articles: tuple[Article, ...]    # published, newest first
    pages: tuple[Page, ...]
    assets: tuple[str, ...]          # content/ files copied to the same relative path
    links: dict[str, str] = field(default_factory=dict)  # article source -> url, for links between articles
    tags: tuple[Term, ...] = ()
    categories: tuple[Term, ...] = ()
    authors: tuple[Term, ...] = ()
    sections: tuple[Link, ...] = ()  # the navigation's sections: model/front.py
    periods: tuple[Period, ...] = ()
    build_time: dt.datetime = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    warnings: tuple[str, ...] = ()
    reusable: dict = field(default_factory=dict)   # work the next build may reuse: build_site's REMEMBERED
    cards: dict = field(default_factory=dict)      # share card output path -> (key, text): pictures/shown.py
    shown_pictures: frozenset = frozenset()        # the pictures pages show with their smaller copies


def slim(group):
    """A term or period as pages carry it: its articles stay in the Site, the page lists its
    own (pagination.items), so a tag on 40,000 articles is not copied into each of its pages."""
    return dataclasses.replace(group, articles=()) if group is not None else None


def uncounted(group: Term | Period) -> Term | Period:
    """A term or period as its numbered pages carry it: without its articles, and without
    their count (None)."""
    return dataclasses.replace(group, articles=(), count=None)


def no_words(key: str, language: str) -> str:
    return key


def site_urls(config: SiteConfig) -> Urls:
    return Urls(config.base_path, config.origin)


def expand_permalink(pattern: str, article: Article) -> str:
    section = article.content_dir.split("/")[0] if article.content_dir else ""
    values = {
        "year": f"{article.date.year:04d}", "month": f"{article.date.month:02d}",
        "day": f"{article.date.day:02d}", "slug": article.slug,
        "lang": article.lang.split("-")[0], "section": section,
    }
    if "{folder}" in pattern:
        values["folder"] = article_folder(article)
    if "{i_" in pattern or "{short_year}" in pattern or "{y_day}" in pattern or "{hour}" in pattern \
            or "{minute}" in pattern or "{second}" in pattern:      # Jekyll's rarer placeholders
        date = article.date
        values.update(i_month=str(date.month), i_day=str(date.day), short_year=f"{date.year % 100:02d}",
                      y_day=f"{date.timetuple().tm_yday:03d}", hour=f"{date.hour:02d}",
                      minute=f"{date.minute:02d}", second=f"{date.second:02d}")
    if "{categories}" in pattern:
        values["categories"] = "/".join(category_path(c) for c in article.categories)
    path = pattern.format(**values)
    while "//" in path:  # an empty {section} or {lang}
        path = path.replace("//", "/")
    return path


def article_folder(article: Article) -> str:
    """The article's folder under content/, without a page bundle's own folder (Hugo's
    content/posts/trip/index.md is at /posts/trip/, not /posts/trip/trip/)."""
    folder = article.content_dir
    if PurePosixPath(article.source).stem in ("index", "_index") and folder:
        folder = posixpath.dirname(folder)
    return folder


def category_path(category: str) -> str:
    """A category as Jekyll writes it in a URL: lowercased, as it is otherwise."""
    return "".join(ch for ch in category.lower() if ch not in '/\\?#%"<>|*:' and ch >= " ").strip(". ")


def build_site(config: SiteConfig, articles: Iterable[Article], assets: Sequence[str] = (),
               options: BuildOptions = BuildOptions(), words: Words = no_words,
               remembered: dict | None = None, dates: DateStyle | None = None,
               static: Sequence[tuple[str, str]] = (), pictures: Mapping[str, Picture] | None = None,
               fonts: CardFonts | None = None) -> Site:
    """REMEMBERED: the last build's Site.reusable (the related lists, the dates printed), whose
    entries still good are taken instead of computed again. DATES: the build's date style,
    which the renderer shares (else one made from the config and REMEMBERED). STATIC: the
    theme's and the site's static files, (output path, where it comes from), which no page
    may take the place of. PICTURES: the records of the site's pictures, by output path (the
    pictures stage). FONTS: those of the share cards, None for none."""
    remembered = dict(remembered or {})
    if dates is None:
        dates = DateStyle.from_config(config, remembered.get("dates"))
    builder = _SiteBuilder(config, options, words, remembered, dates, pictures or {}, fonts)
    return builder.build(articles, assets, static)


class _SiteBuilder:
    def __init__(self, config: SiteConfig, options: BuildOptions, words: Words, memo: dict, dates: DateStyle,
                 pictures: Mapping[str, Picture], fonts: CardFonts | None):
        self.config, self.options, self.words, self.memo = config, options, words, memo
        self.dates = dates.asking()
        self.urls = site_urls(config)
        self.shown = PicturesShown(config, pictures, self.urls, dates, fonts)
        self.namer = TermNamer(self.urls.url, config.tag_folds, config.tag_aliases, config.slug_style)
        self.lang = normalize_language(config.language)
        self.dir = direction_of(self.lang)
        self.errors: list[SiteError] = []
        self.site_feed = self.urls.url("/feed.xml")
        self.home_crumb: Link | None = None
        self.profiles: dict[str, Profile] = profiles(config.authors, self.namer.key, self._profile_image)

    def _profile_image(self, src: str, alt: str) -> Image:
        return self.shown.placed(Image(src, alt))

    def build(self, articles: Iterable[Article], assets: Sequence[str], static: Sequence[tuple[str, str]]) -> Site:
        site = self._build(articles, assets, static)
        self.memo["dates"] = self.dates.printed_when_asked()   # the dates of this build's periods
        return site

    def _build(self, articles: Iterable[Article], assets: Sequence[str], static: Sequence[tuple[str, str]]) -> Site:
        published = sorted((a for a in articles if self._is_published(a)),
                           key=lambda a: (a.date, a.source), reverse=True)
        for taxonomy in TAXONOMIES:
            self.namer.learn(taxonomy, published)
        placed = [self._place(a) for a in published]
        pages: list[Page] = []
        pages += self._article_pages(placed)
        terms = {taxonomy: group_terms(taxonomy, placed, self.namer, self.urls.permalink) for taxonomy in TAXONOMIES}
        shown_sections = sections(terms["categories"], self.config.menu, self.namer.key)
        self.memo["sections"] = nav = tuple(Link(term.name, term.url) for term in shown_sections)
        lead = lead_story(placed)
        home_description = self.config.description or self._index_description(self.words("latest", self.lang))
        pages += self._paginate("home", "index.html", "/", self.config.title, placed,
                                description=home_description, breadcrumbs=(), lead=lead,
                                blocks=blocks(shown_sections, lead), numbered={"lead": None, "blocks": ()})
        for taxonomy, taxonomy_terms in terms.items():
            pages += self._term_pages(taxonomy, taxonomy_terms)
        periods = group_periods(placed, self.urls.url, self.urls.permalink)
        pages += self._period_pages(periods)
        pages.append(self._page("not_found", "404.html", "/404.html", self.words("not_found_title", self.lang),
                                in_sitemap=False))
        if self.config.search:
            title = self.words("search", self.lang)
            pages.append(self._page("search", "search.html", "/search/", title, in_sitemap=False,
                                    description=self._index_description(title),
                                    breadcrumbs=(self._home_crumb(), Link(title, self.urls.url("/search/")))))
        pages += self._redirect_pages(placed)
        pages += self._feeds(placed, terms["tags"] + terms["authors"])
        pages += self._sitemaps(pages, placed)
        self._check_collisions(pages, assets, static)
        self._check_name_lengths(pages, terms)
        if self.errors:
            raise BuildFailed(self.errors)
        return Site(config=self.config, articles=tuple(placed), pages=tuple(pages), assets=tuple(assets),
                    links={**{a.source: a.url for a in placed}, **named_links(placed),
                           **self.shown.body_entries(placed)},
                    tags=terms["tags"], categories=terms["categories"], authors=terms["authors"], sections=nav,
                    periods=periods, build_time=self.options.now, reusable=self.memo, cards=self.shown.cards,
                    shown_pictures=frozenset(self.shown.used),
                    warnings=tuple(_look_alike_warning(a, b)
                                   for a, b in look_alike(terms["tags"] + terms["categories"] + terms["authors"]))
                    + self._records_of_nobody(terms["authors"]))

    def _records_of_nobody(self, writers: tuple[Term, ...]) -> tuple[str, ...]:
        """A warning for each writer's record that no article names (a typo in the record
        or in the articles' bylines), on its line: site.toml's [authors."name"], or the
        file of content/authors/ it came from (its AUTHOR_ORIGIN)."""
        known = {term.key for term in writers}
        found = []
        for name, record in self.config.authors.items():
            if self.namer.key(name) in known:
                continue
            if AUTHOR_ORIGIN in record:
                source, line = record[AUTHOR_ORIGIN]
                what = f"«{name}»"
            else:
                source = self.config.settings_file
                line = _record_line(self.config.root / source, name)
                what = f"[authors.\"{name}\"]"
            found.append(str(SiteError(source, line, f"{what} is the record of no article's writer: it shows nowhere",
                                       "write the name as the articles' author: lines do "
                                       "(spellings of hamza and ى fold)")))
        return tuple(found)

    # --- articles -------------------------------------------------------------------

    def _is_published(self, article: Article) -> bool:
        if article.draft and not self.options.drafts:
            return False
        return self.options.future or article.date <= self.options.now

    def _place(self, article: Article) -> Article:
        path = article.fixed_path or expand_permalink(self.permalink_of(article), article)
        output_path = output_path_for(path)
        if not is_inside(output_path):
            self.errors.append(SiteError(article.source, self._line_of(article.source, ("slug",) + PATH_KEYS),
                                         f"the permalink {path!r} would write outside site/",
                                         "use a slug without `..`"))
        url, permalink = self.urls.url(path), self.urls.permalink(path)
        image = self.shown.image(article)
        card = self.shown.card(article, image)
        tag_links = tuple(self.namer.link("tags", t) for t in article.tags)
        category_links = tuple(self.namer.link("categories", c) for c in article.categories)
        author_links = tuple(self.namer.link("authors", name) for name in article.authors)
        if (url == article.url and output_path == article.output_path and permalink == article.permalink
                and image is article.image and tag_links == article.tag_links
                and category_links == article.category_links and author_links == article.author_links
                and card == article.card):
            # The record the last build placed, placed the same: kept as the same object,
            # which is what tells a rebuild that it is unchanged (incremental.state.unchanged).
            return article
        return dataclasses.replace(article, url=url, output_path=output_path, permalink=permalink, image=image,
                                   tag_links=tag_links, category_links=category_links, author_links=author_links,
                                   card=card)

    def permalink_of(self, article: Article) -> str:
        """The section's own pattern ([permalinks] in site.toml), else the site's."""
        if self.config.permalinks:
            section = article.content_dir.split("/")[0] if article.content_dir else ""
            return self.config.permalinks.get(section, self.config.permalink)
        return self.config.permalink

    def _article_pages(self, placed: list[Article]) -> list[Page]:
        related = self._related(placed)
        pages = []
        for index, article in enumerate(placed):
            crumbs = [self._home_crumb()]
            if article.category_links:
                crumbs.append(article.category_links[0])
            crumbs.append(Link(article.title, article.url))
            pages.append(Page(
                kind="article", template="article.html", url=article.url, output_path=article.output_path,
                permalink=article.permalink, title=article.title, lang=article.lang, dir=article.dir,
                description=article.summary, lastmod=article.modified, feed_url=self.site_feed,
                breadcrumbs=tuple(crumbs), article=article, related=related[index],
                newer=placed[index - 1] if index > 0 else None,
                older=placed[index + 1] if index + 1 < len(placed) else None,
            ))
        return pages

    def _related(self, placed: list[Article]) -> list[tuple[Article, ...]]:
        """Only the lists an edit may have changed are computed again (see related.py).
        The memo keeps one entry per article, so that a rebuild saves only those that
        changed."""
        memo = self.memo
        last = {key[1]: memo.pop(key) for key in [key for key in memo if type(key) is tuple and key[0] == "related"]}
        related, (scale, entries) = related_articles(placed, self.namer.key,
                                                     remembered=(memo.get("related scale"), last))
        memo["related scale"] = scale
        memo.update((("related", source), entry) for source, entry in entries.items())
        return related

    # --- listings -------------------------------------------------------------------

    def _home_crumb(self) -> Link:
        if self.home_crumb is None:
            self.home_crumb = Link(self.config.title, self.urls.url("/"))
        return self.home_crumb

    def _page(self, kind: PageKind, template: str, path: str, title: str, **fields) -> Page:
        fields.setdefault("feed_url", self.site_feed)
        return Page(kind=kind, template=template, url=self.urls.url(path), output_path=output_path_for(path),
                    permalink=self.urls.permalink(path), title=title, lang=self.lang, dir=self.dir, **fields)

    def _paginate(self, kind: PageKind, template: str, path: str, title: str, items: Sequence[Article],
                  breadcrumbs: tuple[Link, ...], numbered: dict | None = None, **fields) -> list[Page]:
        """The newest ITEMS at PATH, the older ones in pages of per_page numbered from the
        oldest: PATH/page/1/ holds the oldest, PATH/page/2/ the next, and so on. A page keeps
        its number and its articles as newer ones come: a link to it stays true, and an
        article added as the newest changes the first page alone (and once per per_page
        articles makes the next numbered page), where numbering from the newest would shift
        every page of the listing by one. An article added further back shifts only the
        pages newer than it. The first page holds per_page articles or more, fewer than
        twice per_page. NUMBERED: fields that numbered pages get instead (a term or period
        without its count, which changes with every article added)."""
        size = self.config.per_page
        older = max(0, len(items) // size - 1)       # numbered pages
        first = len(items) - older * size

        def path_of(number: int) -> str:
            return path if number > older else f"{path}page/{number}/"

        pages = []
        for number in range(older + 1, 0, -1):
            chunk = tuple(items[:first]) if number > older else \
                tuple(items[first + (older - number) * size: first + (older - number + 1) * size])
            pagination = Pagination(
                number=number, items=chunk, first_url=self.urls.url(path),
                prev_url=self.urls.url(path_of(number + 1)) if number <= older else None,
                next_url=self.urls.url(path_of(number - 1)) if number > 1 else None,
            )
            crumbs = breadcrumbs + (Link(title, self.urls.url(path)),) if breadcrumbs else ()
            shown = {**fields, **numbered} if numbered and number <= older else fields
            pages.append(self._page(kind, template, path_of(number), title, pagination=pagination,
                                    lastmod=max((a.modified for a in chunk), default=None),
                                    breadcrumbs=crumbs, **shown))
        return pages

    def _term_pages(self, taxonomy: str, terms: tuple[Term, ...]) -> list[Page]:
        singular = SINGULAR[taxonomy]
        index_title = self.words(taxonomy, self.lang)
        index_crumbs = (self._home_crumb(), Link(index_title, self.urls.url(f"/{taxonomy}/")))
        pages = [self._page(taxonomy, "terms.html", f"/{taxonomy}/", index_title, terms=tuple(map(slim, terms)),
                            breadcrumbs=index_crumbs, description=self._index_description(index_title),
                            lastmod=max((t.articles[0].modified for t in terms), default=None))]
        for term in terms:
            feed = self.urls.url(f"/{taxonomy}/{term.slug}/feed.xml") if taxonomy in FEEDS else self.site_feed
            profile = self.profiles.get(term.key) if taxonomy == "authors" else None
            description = self.words("term_description", self.lang).format(name=term.name, site=self.config.title)
            if profile is not None and profile.role:
                description = f"{profile.role}. {description}"
            pages += self._paginate(singular, "term.html", f"/{taxonomy}/{term.slug}/", term.name, term.articles,
                                    breadcrumbs=index_crumbs, term=slim(term), feed_url=feed, profile=profile,
                                    description=description, numbered={"term": uncounted(term)})
        return pages

    def _period_pages(self, periods: tuple[Period, ...]) -> list[Page]:
        around = neighbours(periods)
        slims = {id(period): slim(period) for period in periods}   # each shown by several pages
        # A neighbour is shown by its name and link: its count, which changes with every
        # article added to it, would have its neighbours' pages rewritten for nothing.
        named = {id(period): uncounted(period) for period in periods}
        pages = []
        for period in periods:
            title = self.dates.format_period(period.year, period.month, period.day, self.lang)
            crumbs = [self._home_crumb()]
            if period.month:
                crumbs.append(Link(self.dates.format_period(period.year, None, None, self.lang),
                                   self.urls.url(f"/{period.year:04d}/")))
            if period.day:
                crumbs.append(Link(self.dates.format_period(period.year, period.month, None, self.lang),
                                   self.urls.url(f"/{period.year:04d}/{period.month:02d}/")))
            newer, older = around[period.path]
            description = self.words("period_description", self.lang).format(name=title, site=self.config.title)
            pages += self._paginate(period.level, "period.html", period.path, title, period.articles,
                                    breadcrumbs=tuple(crumbs), period=slims[id(period)],
                                    newer_period=named.get(id(newer)), older_period=named.get(id(older)),
                                    description=description, numbered={"period": named[id(period)]})
        years = [p for p in periods if p.level == "year"]
        months = [p for p in periods if p.level == "month"]
        archive = tuple((slims[id(year)], tuple(slims[id(m)] for m in months if m.year == year.year))
                        for year in years)
        title = self.words("archive", self.lang)
        pages.append(self._page("archive", "archive.html", "/archive/", title, archive=archive,
                                description=self._index_description(title),
                                breadcrumbs=(self._home_crumb(), Link(title, self.urls.url("/archive/"))),
                                lastmod=max((y.articles[0].modified for y in years), default=None)))
        return pages

    def _index_description(self, title: str) -> str:
        return self.words("index_description", self.lang).format(name=title, site=self.config.title)

    # --- redirects, feeds, sitemaps ---------------------------------------------------

    def _redirect_pages(self, placed: list[Article]) -> list[Page]:
        pages = []
        for article in placed:
            for alias in article.aliases:
                path = "/" + alias.strip().lstrip("/")
                output_path = output_path_for(path)
                if not is_inside(output_path.split("?")[0].split("#")[0]):
                    self.errors.append(SiteError(
                        article.source, self._line_of(article.source, ("aliases", "redirect_from")),
                        f"alias {alias!r} would write outside site/",
                        "write the old URL as a path from the site root, e.g. /old/story.html"))
                    continue
                pages.append(Page(kind="redirect", template="redirect.html", url=self.urls.url(path),
                                  output_path=output_path, permalink=self.urls.permalink(path),
                                  title=article.title, lang=article.lang, dir=article.dir, in_sitemap=False,
                                  redirect_to=article.permalink, article=article))
        return pages

    def _feeds(self, placed: list[Article], terms: tuple[Term, ...]) -> list[Page]:
        """The site's feed, and one for each tag and writer (TERMS)."""
        size = self.config.feed_entries
        feeds = [self._feed("/feed.xml", self.config.title, tuple(placed[:size]), self.urls.url("/"))]
        for term in terms:
            feeds.append(self._feed(f"/{term.taxonomy}/{term.slug}/feed.xml", f"{term.name} | {self.config.title}",
                                    term.articles[:size], term.url, term=slim(term)))
        return feeds

    def _feed(self, path: str, title: str, entries: tuple[Article, ...], alternate: str, **fields) -> Page:
        updated = max((a.modified for a in entries), default=self.options.now)
        return self._page("feed", "feed.xml", path, title, articles=entries, lastmod=updated, in_sitemap=False,
                          feed_url=self.urls.url(path), alternate=alternate, **fields)

    def _sitemaps(self, pages: list[Page], placed: list[Article]) -> list[Page]:
        entries = tuple(SitemapEntry(p.permalink, p.lastmod) for p in pages if p.in_sitemap)
        extra = dict(in_sitemap=False, feed_url="")
        chunks = [entries[i:i + SITEMAP_LIMIT] for i in range(0, len(entries), SITEMAP_LIMIT)] or [()]
        if len(chunks) == 1:
            sitemaps = [self._page("sitemap", "sitemap.xml", "/sitemap.xml", "sitemap", urls=chunks[0], **extra)]
        else:
            sitemaps = [self._page("sitemap", "sitemap.xml", f"/sitemap-{n}.xml", "sitemap", urls=chunk, **extra)
                        for n, chunk in enumerate(chunks, start=1)]
            index = tuple(SitemapEntry(s.permalink, max((e.lastmod for e in s.urls if e.lastmod), default=None))
                          for s in sitemaps)
            sitemaps.append(self._page("sitemap_index", "sitemap-index.xml", "/sitemap.xml", "sitemap",
                                       urls=index, **extra))
        since = self.options.now - NEWS_WINDOW
        news = tuple(a for a in placed if since <= a.date <= self.options.now)
        sitemaps.append(self._page("news_sitemap", "news-sitemap.xml", "/news-sitemap.xml", self.config.title,
                                   articles=news, **extra))
        sitemaps.append(self._page("robots", "robots.txt", "/robots.txt", "robots", **extra,
                                   sitemaps=(self.urls.permalink("/sitemap.xml"),
                                            self.urls.permalink("/news-sitemap.xml"))))
        return sitemaps

    def _check_name_lengths(self, pages: Sequence[Page], terms: dict[str, tuple[Term, ...]]) -> None:
        """A file or folder name longer than file systems take would fail part-way through
        writing the site: refused here, before anything is written, naming where it comes
        from. (Arabic letters take two bytes each: a slug of about 128 is too long.)"""
        full_terms = {(term.taxonomy, term.slug): term for group in terms.values() for term in group}
        reported = set()
        for page in pages:
            name = _too_long_name(page.output_path)
            if name is None:
                continue
            source, keys, what = self._origin_of(page, full_terms)
            if (source, name) in reported:
                continue
            reported.add((source, name))
            shown = name if len(name) <= 40 else name[:40] + "…"
            self.errors.append(SiteError(
                source, self._line_of(source, keys),
                f"the {what} makes a file or folder name of {_byte_length(name)} bytes ({shown}); "
                f"file systems take at most {NAME_MAX}",
                f"shorten the {what} (Arabic letters take 2 bytes each, most Latin ones 1)"))

    @staticmethod
    def _origin_of(page: Page, terms: dict) -> tuple[str, tuple[str, ...], str]:
        """Which source, under which front-matter keys, gave PAGE its path; and what it is."""
        if page.kind == "redirect":
            return page.article.source, ("aliases", "redirect_from"), "alias"
        if page.kind == "article":
            return page.article.source, ("slug", "title") + PATH_KEYS, "slug"
        if page.term is not None:
            term = terms.get((page.term.taxonomy, page.term.slug))
            if term is not None and term.articles:
                return term.articles[-1].source, ALIASES[term.taxonomy], SINGULAR[term.taxonomy]
        return "site.toml", ("permalink",), "permalink"

    def _line_of(self, source: str, keys: tuple[str, ...]) -> int | None:
        """The line of the first of KEYS set in SOURCE's front-matter (read again: errors are rare)."""
        try:
            split = split_front_matter(decode_source((self.config.root / source).read_bytes()))
        except (OSError, ValueError, FrontMatterError):
            return None
        for key in keys:
            if key in split.data:
                return line_of_key(split, key)
        return None

    def _check_collisions(self, pages: Sequence[Page], assets: Sequence[str],
                          static: Sequence[tuple[str, str]]) -> None:
        claims: dict[str, list[str]] = defaultdict(list)
        for page in pages:
            if page.kind == "redirect":
                claims[page.output_path].append(f"{page.article.source} (alias)")
            else:
                claims[page.output_path].append(page.article.source if page.article else f"the {page.kind} page")
        for asset in assets:
            claims[asset].append(f"{self.config.content}/{asset}")
        copied = set()
        for output_path, origin in static:
            if output_path in claims:     # a static file would be copied over the page or asset
                claims[output_path].append(origin)
                copied.add(origin)
        for path, sources in sorted(item for item in claims.items() if len(item[1]) > 1):
            sources = sorted(sources)
            hint = "give one of them another slug (`slug: ...` in its front-matter)"
            if copied.intersection(sources):
                hint = "rename or move the static file, or " + hint
            located = [self._located(source) for source in sources]
            first, line = located[0]
            self.errors.append(SiteError(
                first, line,
                f"{len(sources)} pages claim the same URL /{path.removesuffix('index.html')}: "
                + ", ".join(f"{where}:{at}" + (" (alias)" if shown.endswith(" (alias)") else "") if at else shown
                            for shown, (where, at) in zip(sources, located)),
                hint))

    def _located(self, claimant: str) -> tuple[str, int | None]:
        """A claimant of a URL as _check_collisions names it, as a file and the line that
        gives the URL (the slug, the url or an alias), where it is an article."""
        source = claimant.removesuffix(" (alias)")
        if not source.endswith(MARKDOWN):
            return source, None
        keys = ("aliases", "redirect_from") if claimant.endswith(" (alias)") else PATH_KEYS + ("slug", "title")
        return source, self._line_of(source, keys)


def with_records(pages: dict[str, Page], records: dict[str, Article]) -> dict[str, Page]:
    """The PAGES that hold older records of the articles RECORDS has (by source), by output
    path, each holding the records of RECORDS instead. For a rebuild that changes articles'
    bodies and nothing else (incremental.modelling)."""
    changed = {}
    if not records:
        return changed
    for output_path, page in pages.items():
        fresh = {}
        for name in ("article", "newer", "older"):
            held = getattr(page, name)
            if held is not None and held.source in records:
                fresh[name] = records[held.source]
        for name in ("related", "articles"):
            held = getattr(page, name)
            if any(a.source in records for a in held):
                fresh[name] = tuple(records.get(a.source, a) for a in held)
        if fresh:
            changed[output_path] = dataclasses.replace(page, **fresh)
    return changed


def names_of(article: Article) -> list[str]:
    """The names another article may link this one by: its file name (with and without a
    Jekyll date), its page bundle's folder, its slug."""
    path = PurePosixPath(article.source)
    names = [path.stem]
    dated = JEKYLL_NAME.match(path.stem)
    if dated:
        names.append(dated.group(2))
    if path.stem in ("index", "_index") and len(path.parts) > 2:
        names.append(path.parent.name)
    names.append(article.slug.rsplit("/", 1)[-1])
    return names


def named_links(placed: Sequence[Article]) -> dict[str, str]:
    """name:NAME -> URL for each name an article links to ({% post_url %}, {{< ref >}},
    [x](other-post)): only those, so that an archive that links by path pays nothing.
    Where two articles have one name, the first by file wins."""
    wanted = {target[5:] for article in placed for target in article.md_links if target.startswith("name:")}
    if not wanted:
        return {}
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}          # a name written in other capitals than the file's
    for article in sorted(placed, key=lambda a: a.source):
        for name in names_of(article):
            exact.setdefault(name, article.url)
            folded.setdefault(name.lower(), article.url)
    return {"name:" + name: exact.get(name) or folded[name.lower()] for name in sorted(wanted)
            if name in exact or name.lower() in folded}


def _byte_length(name: str) -> int:
    return len(name.encode("utf-8", "surrogatepass"))


def _too_long_name(path: str) -> str | None:
    """The first name in PATH longer than NAME_MAX bytes. UTF-8 takes at most 4 bytes a
    character, so a name of NAME_MAX // 4 characters or fewer cannot be, and most paths
    are cleared by their length alone (a whole model checks every page's path)."""
    shortest = NAME_MAX // 4
    if len(path) <= shortest:
        return None
    return next((part for part in path.split("/") if len(part) > shortest and _byte_length(part) > NAME_MAX), None)


def _record_line(settings, name: str) -> int | None:
    """The line of the [authors."NAME"] header in the SETTINGS file."""
    try:
        lines = settings.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return next((number for number, line in enumerate(lines, start=1)
                 if line.strip().startswith("[authors") and name in line), None)


def _look_alike_warning(a: Term, b: Term) -> str:
    many, few = (a, b) if a.count >= b.count else (b, a)
    return (f"{a.taxonomy} «{many.name}» ({many.count}) and «{few.name}» ({few.count}) look alike; "
            f"if they are one, merge them in site.toml: [tag_aliases] \"{few.name}\" = \"{many.name}\"")
