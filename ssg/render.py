"""Pages to bytes through the theme's Jinja templates, streamed one page at a time."""

from __future__ import annotations

import datetime as dt
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import jinja2
from markupsafe import Markup

from .article import Article
from .config import SiteConfig
from .dates import format_date, iso
from .errors import BuildFailed, SiteError, display_path
from .lang import direction_of, normalize_language
from .markup import link_resolver, render_inline, render_markdown
from .model import Page, Site, Urls
from .theme import Theme


@dataclass(frozen=True, slots=True)
class OutputFile:
    path: str            # relative to site/
    data: bytes


@dataclass(frozen=True, slots=True)
class SiteView:
    """What templates may know of the site (never the raw config)."""
    title: str
    description: str
    language: str
    dir: str
    url: str             # home page url
    permalink: str       # home page absolute URL
    extra: Any


def make_environment(theme: Theme, config: SiteConfig) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in theme.template_dirs]),
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    urls = Urls(config)

    @jinja2.pass_context
    def word(context, key: str, lang: str | None = None, **values: Any) -> str:
        text = theme.word(key, lang or context["page"].lang)
        return text.format(**values) if values else text

    @jinja2.pass_context
    def date_filter(context, moment: dt.datetime, style: str = "long", lang: str | None = None) -> str:
        return format_date(moment, lang or context["page"].lang, style)

    def asset(path: str) -> str:
        return urls.url("/" + theme.assets.get(path, path))

    env.globals.update(t=word, asset=asset, url_for=lambda path: urls.url(path))
    env.filters.update(date=date_filter, iso=iso, inline_markdown=lambda text: Markup(render_inline(text)))
    return env


def render_site(site: Site, theme: Theme) -> Iterator[OutputFile]:
    """Yield every page; template errors are gathered and raised together at the end."""
    env = make_environment(theme, site.config)
    view = _site_view(site.config)
    errors: dict[tuple, SiteError] = {}
    for page in site.pages:
        try:
            yield OutputFile(page.output_path, render_page(page, site, env, view).encode("utf-8"))
        except Exception as error:  # noqa: BLE001 - reported with its template and line
            problem = template_error(error, page, site.config)
            errors.setdefault((problem.path, problem.line, problem.message), problem)
    if errors:
        raise BuildFailed(errors.values())


def render_page(page: Page, site: Site, env: jinja2.Environment, view: SiteView) -> str:
    template = env.get_template(page.template)
    context: dict[str, Any] = {"site": view, "page": page}
    if page.article is not None:
        context["article"] = page.article
        context["body"] = Markup(render_article_body(page.article, site))
    if page.pagination is not None:
        context["pagination"] = page.pagination
    return template.render(context)


def render_article_body(article: Article, site: Site) -> str:
    resolve = link_resolver(article.content_dir, site.config.base_path, site.links)
    return render_markdown(article.body, resolve)


def _site_view(config: SiteConfig) -> SiteView:
    urls = Urls(config)
    lang = normalize_language(config.language)
    return SiteView(title=config.title, description=config.description, language=lang,
                    dir=direction_of(lang), url=urls.url("/"), permalink=urls.permalink("/"),
                    extra=config.extra)


def template_error(error: Exception, page: Page, config: SiteConfig) -> SiteError:
    """Name the template file and line where rendering failed, and the page it was for."""
    for_page = f" (while rendering {page.article.source if page.article else page.url})"
    if isinstance(error, jinja2.TemplateSyntaxError):
        return SiteError(_shown(error.filename or error.name or "?", config), error.lineno,
                         f"template syntax error: {error.message}{for_page}")
    if isinstance(error, jinja2.TemplateNotFound):
        return SiteError(page.template, None, f"template {error.name!r} not found{for_page}",
                         "add it to templates/ or to the theme's templates/")
    path, line = page.template, None
    for frame, lineno in traceback.walk_tb(error.__traceback__):
        # Jinja rewrites tracebacks so that template frames carry the template's file and line.
        if "__jinja_exception__" in frame.f_globals or "__jinja_template__" in frame.f_globals:
            path, line = _shown(frame.f_code.co_filename, config), lineno
    return SiteError(path, line, f"{type(error).__name__}: {error}{for_page}")


def _shown(filename: str, config: SiteConfig) -> str:
    return display_path(Path(filename), config.root)
