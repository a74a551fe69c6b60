"""From read articles to the site: which pages exist, where each lives, what each shows.

Every Page is a plain record of its inputs (its articles, its template, the
config), so a renderer can turn any one of them into bytes on its own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import posixpath
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from .article import Article, Image
from .config import SiteConfig
from .errors import BuildFailed, SiteError
from .lang import direction_of, normalize_language
from .urls import encode_path, is_inside, output_path_for


@dataclass(frozen=True, slots=True)
class BuildOptions:
    drafts: bool = False
    future: bool = False
    now: dt.datetime = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


@dataclass(frozen=True, slots=True)
class Pagination:
    number: int                      # 1-based
    total: int
    items: tuple[Article, ...]
    first_url: str
    prev_url: str | None
    next_url: str | None


@dataclass(frozen=True, slots=True)
class Page:
    kind: str                        # "article", "home", "not_found"
    template: str
    url: str
    output_path: str
    permalink: str
    title: str
    lang: str
    dir: str
    description: str = ""
    article: Article | None = None
    pagination: Pagination | None = None
    newer: Article | None = None     # neighbours by date
    older: Article | None = None


@dataclass(frozen=True, slots=True)
class Site:
    config: SiteConfig
    articles: tuple[Article, ...]    # published, newest first
    pages: tuple[Page, ...]
    assets: tuple[str, ...]          # content/ files copied to the same relative path
    links: dict[str, str] = field(default_factory=dict)  # article source -> url, for links between articles


class Urls:
    """Turns a site path into its url (with the sub-path, percent-encoded) and permalink."""

    def __init__(self, config: SiteConfig):
        self.base_path, self.origin = config.base_path, config.origin

    def url(self, path: str) -> str:
        return encode_path(self.base_path + path)

    def permalink(self, path: str) -> str:
        return self.origin + self.url(path)


def expand_permalink(pattern: str, article: Article) -> str:
    section = article.content_dir.split("/")[0] if article.content_dir else ""
    values = {
        "year": f"{article.date.year:04d}", "month": f"{article.date.month:02d}",
        "day": f"{article.date.day:02d}", "slug": article.slug,
        "lang": article.lang.split("-")[0], "section": section,
    }
    path = pattern.format(**values)
    while "//" in path:  # an empty {section} or {lang}
        path = path.replace("//", "/")
    return path


def build_site(config: SiteConfig, articles: Iterable[Article], assets: Sequence[str] = (),
               options: BuildOptions = BuildOptions()) -> Site:
    urls = Urls(config)
    published = sorted(
        (a for a in articles if _is_published(a, options)),
        key=lambda a: (a.date, a.source), reverse=True,
    )
    placed = [_place(a, config, urls) for a in published]
    pages: list[Page] = []
    for index, article in enumerate(placed):
        pages.append(Page(
            kind="article", template="article.html", url=article.url, output_path=article.output_path,
            permalink=article.permalink, title=article.title, lang=article.lang, dir=article.dir,
            description=article.summary, article=article,
            newer=placed[index - 1] if index > 0 else None,
            older=placed[index + 1] if index + 1 < len(placed) else None,
        ))
    pages.extend(paginate("home", "index.html", "/", config.title, placed, config, urls, config.description))
    pages.append(_page("not_found", "404.html", "/404.html", config.title, config, urls))
    _check_collisions(pages, assets)
    links = {a.source: a.url for a in placed}
    return Site(config=config, articles=tuple(placed), pages=tuple(pages), assets=tuple(assets), links=links)


def _is_published(article: Article, options: BuildOptions) -> bool:
    if article.draft and not options.drafts:
        return False
    return options.future or article.date <= options.now


def _place(article: Article, config: SiteConfig, urls: Urls) -> Article:
    path = expand_permalink(config.permalink, article)
    output_path = output_path_for(path)
    if not is_inside(output_path):
        raise BuildFailed([SiteError(article.source, None, f"the permalink {path!r} would write outside site/",
                                     "use a slug without `/` or `..`")])
    return dataclasses.replace(
        article, url=urls.url(path), output_path=output_path, permalink=urls.permalink(path),
        image=_resolve_image(article, urls),
    )


def _resolve_image(article: Article, urls: Urls) -> Image | None:
    """The picture's URL: absolute URLs stay, root paths get the sub-path, other paths are
    relative to the article's file (content assets are copied beside the pages)."""
    image = article.image
    if image is None:
        return None
    if "://" in image.src or image.src.startswith("//"):
        return dataclasses.replace(image, url=image.src, permalink=image.src)
    path = image.src if image.src.startswith("/") else \
        posixpath.normpath(posixpath.join("/", article.content_dir, image.src))
    return dataclasses.replace(image, url=urls.url(path), permalink=urls.permalink(path))


def _page(kind: str, template: str, path: str, title: str, config: SiteConfig, urls: Urls,
          **fields) -> Page:
    lang = normalize_language(config.language)
    return Page(kind=kind, template=template, url=urls.url(path), output_path=output_path_for(path),
                permalink=urls.permalink(path), title=title, lang=lang, dir=direction_of(lang), **fields)


def paginate(kind: str, template: str, path: str, title: str, items: Sequence[Article],
             config: SiteConfig, urls: Urls, description: str = "") -> list[Page]:
    """Pages of per_page items: page 1 at PATH, then PATH/page/2/, ..."""
    size = config.per_page
    total = max(1, -(-len(items) // size))

    def path_of(number: int) -> str:
        return path if number == 1 else f"{path}page/{number}/"

    pages = []
    for number in range(1, total + 1):
        pagination = Pagination(
            number=number, total=total, items=tuple(items[(number - 1) * size: number * size]),
            first_url=urls.url(path),
            prev_url=urls.url(path_of(number - 1)) if number > 1 else None,
            next_url=urls.url(path_of(number + 1)) if number < total else None,
        )
        pages.append(_page(kind, template, path_of(number), title, config, urls,
                           description=description, pagination=pagination))
    return pages


def _check_collisions(pages: Sequence[Page], assets: Sequence[str]) -> None:
    claims: dict[str, list[str]] = defaultdict(list)
    for page in pages:
        claims[page.output_path].append(page.article.source if page.article else f"the {page.kind} page")
    for asset in assets:
        claims[asset].append(f"content/{asset}")
    errors = [
        SiteError(sources[0], None,
                  f"{len(sources)} pages claim the same URL /{path.removesuffix('index.html')}: "
                  + ", ".join(sources),
                  "give one of them another slug (`slug: ...` in its front-matter)")
        for path, sources in ((path, sorted(sources)) for path, sources in sorted(claims.items()))
        if len(sources) > 1
    ]
    if errors:
        raise BuildFailed(errors)
