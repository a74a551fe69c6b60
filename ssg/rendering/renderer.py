"""Pages to bytes through the theme's Jinja templates, streamed one page at a time."""

from __future__ import annotations

import datetime as dt
import re
import traceback
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping, Protocol

import jinja2
from jinja2 import meta
from markupsafe import Markup

from ..article import Article
from ..config import SiteConfig
from ..errors import SiteError, display_path
from ..model.pages import Page
from ..model.site import site_urls
from ..reading.reader import load_markdown
from ..text.arabic import folding_rules
from ..text.controls import xml_safe
from ..text.dates import DateStyle, iso, zone_city, zone_offset
from ..text.lang import direction_of, normalize_language
from .markup import link_resolver, picture_sizes, render_inline, render_markdown
from ..text.urls import encode_path
from .share import SharePicture, SiteShare, json_for_script, share_links, share_meta
from .theme import Theme
from .views import ArticleView, Views, record_of

BUILTIN_TEMPLATES = Path(__file__).parent / "builtin"
MACRO_MEMO_SIZE = 10_000     # cards and the like kept by `cached`, about a kilobyte each


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
    origin: str          # scheme://host, for making root-relative URLs absolute
    search: bool         # the site has a search page
    extra: Any
    sections: tuple = ()     # Links to the sections the navigation lists (model/front.py)
    fonts_css: str = ""      # the web fonts' @font-face rules (webfonts/), for a <style> in <head>
    fonts_preload: tuple = ()   # the URLs of the faces every page needs at once


def make_environment(theme: Theme, config: SiteConfig, compiled: Path | None = None,
                     dates: DateStyle | None = None) -> jinja2.Environment:
    """COMPILED: a folder that keeps compiled templates for the next build (Jinja checks
    each against its source), rather than compiling the whole theme for every rebuild."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in theme.template_dirs] + [str(BUILTIN_TEMPLATES)]),
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        auto_reload=False,   # an environment lives for one build; templates do not change under it
        bytecode_cache=_bytecode_cache(compiled) if compiled is not None else None,
    )
    urls = site_urls(config)

    dates = dates if dates is not None else DateStyle.from_config(config)

    def language(context, lang: str | None) -> str:
        return lang or context["page"].lang

    plain_words: dict[tuple[str, str], str] = {}

    @jinja2.pass_context
    def word(context, key: str, lang: str | None = None, count: int | None = None, **values: Any) -> str:
        """A theme word; numbers in it are printed with the site's digits."""
        lang = lang or context["page"].lang
        if count is None and not values:
            # A page prints twenty-odd words: looked up once per language, not per page.
            found = plain_words.get((key, lang))
            if found is None:
                found = plain_words[key, lang] = theme.word(key, lang)
            return found
        text = theme.word(key, lang, count)
        if values or count is not None:
            shown = {k: dates.number(v, lang) if isinstance(v, int) else v for k, v in values.items()}
            text = text.format(count=dates.number(count, lang) if count is not None else "", **shown)
        return text

    @jinja2.pass_context
    def date_filter(context, moment: dt.datetime, style: str = "long", lang: str | None = None) -> str:
        return dates.format_date(moment, language(context, lang), style)

    @jinja2.pass_context
    def dateline_filter(context, moment: dt.datetime, lang: str | None = None) -> str:
        """Weekday, date and hour in the site's time zone: "الجمعة، 13 أيلول 2024، 10:30 بتوقيت
        بغداد". A date written without a time (read as midnight) shows no hour."""
        lang = language(context, lang)
        local = moment.astimezone(config.tz)
        text = dates.format_date(local, lang, "full")
        if (local.hour, local.minute) != (0, 0):
            city = zone_city(config.timezone, lang)
            zone = theme.word("time_in", lang).format(city=city) if city else zone_offset(local, lang)
            text += theme.word("date_hour_separator", lang) + dates.format_hour(local, lang) + " " + zone
        return text

    @jinja2.pass_context
    def period_filter(context, period, lang: str | None = None) -> str:
        return dates.format_period(period.year, period.month, period.day, language(context, lang))

    @jinja2.pass_context
    def month_filter(context, month: int, lang: str | None = None) -> str:
        return dates.month_name(month, language(context, lang))

    @jinja2.pass_context
    def number_filter(context, value: int, lang: str | None = None) -> str:
        return dates.number(value, language(context, lang))

    @jinja2.pass_context
    def words_json(context, *keys: str, digits: bool = False, folding: bool = False) -> Markup:
        """Theme words (plural tables included) for a page's script, safe inside <script>.
        FOLDING: with the rules that fold spellings into one (the search page's queries)."""
        lang = context["page"].lang
        data: dict[str, Any] = {key: theme.entry(key, lang) for key in keys}
        if digits:
            data["digits"] = "arabic" if dates.number(0, lang) != "0" else "latin"
        if folding:
            data["folding"] = folding_rules(config.tag_folds)
        return Markup(json_for_script(data))

    def asset(path: str) -> str:
        return urls.url("/" + theme.assets.get(path, path))

    env.globals.update(t=word, asset=asset, url_for=urls.url, words_json=words_json, cached=MacroMemo())
    env.filters.update(date=date_filter, dateline=dateline_filter, reading_minutes=reading_minutes,
                       period=period_filter, month_name=month_filter, number=number_filter, iso=iso,
                       inline_markdown=lambda text: Markup(render_inline(text)))
    env.tests["labelled"] = labelled
    return env


_TAGS = re.compile(r"<[^>]+>")
WORDS_A_MINUTE = 200          # a reader's pace in Arabic or English prose, words a minute


def reading_minutes(body_html: str) -> int:
    """How many minutes an article's body takes to read: its words at WORDS_A_MINUTE, at least one."""
    return max(1, round(len(_TAGS.sub(" ", str(body_html)).split()) / WORDS_A_MINUTE))


_LABEL = re.compile(r"^\s*(?:©|\(c\)|[^\s:：]+(?:\s+[^\s:：]+){0,2}\s*[:：]"
                    r"|(?:تصوير|رسم|صورة|الصورة|المصدر|عدسة|photo|image|source|illustration|graphic|credit)\b)",
                    re.IGNORECASE)


def labelled(text: str) -> bool:
    """A credit that says what it credits (رسم: قسم الغرافيك, Photo: AP, © الوكالة, تصوير وكالة
    الأنباء): the theme adds no "تصوير:" of its own. A label is up to three words and a colon,
    ©, or a word that names a kind of credit."""
    return bool(_LABEL.match(str(text or "")))


def _bytecode_cache(folder: Path) -> jinja2.BytecodeCache | None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None          # a read-only cache folder: templates are compiled each time
    return jinja2.FileSystemBytecodeCache(str(folder))


class MacroMemo:
    """`cached(macro, arg, ...)` in a template: the macro's output, remembered for the rest of
    the build. An article's card is printed on its home, tag, category, year, month and day
    pages; a macro's call costs more than the card's own markup. Only for macros whose
    output depends on their arguments alone (imported without context).

    Arguments are told apart by identity: the renderer gives each article one view for
    its life (views.Views), and each entry holds its arguments, so an id cannot be
    reused under it."""

    def __init__(self, size: int = MACRO_MEMO_SIZE):
        self.size = size
        self._outputs: OrderedDict[tuple, tuple[tuple, Markup]] = OrderedDict()

    def __call__(self, macro: Any, *args: Any) -> Markup:
        key = (getattr(macro, "_func", macro), *map(id, args))
        found = self._outputs.get(key)
        if found is not None and all(a is b for a, b in zip(found[0], args)):
            self._outputs.move_to_end(key)
            return found[1]
        output = Markup(macro(*args))
        self._outputs[key] = (args, output)
        if len(self._outputs) > self.size:
            self._outputs.popitem(last=False)
        return output


def site_share(config: SiteConfig, home: str, pictures: Mapping[str, Any] | None = None) -> SiteShare:
    """site.toml's share settings with their absolute URLs (and the default picture's size,
    when PICTURES, the pictures stage's records, have it)."""
    def absolute(path: str) -> str:
        return path if "://" in path else config.origin + encode_path(config.base_path + path)

    default = None
    if config.default_image:
        found = (pictures or {}).get(config.default_image.lstrip("/"))
        size = (found.width, found.height) if found is not None else (0, 0)
        default = SharePicture(absolute(config.default_image), config.title, *size)
    return SiteShare(config.title, home, default, absolute(config.logo) if config.logo else "", config.origin)


class Bodies(Protocol):
    """Where the renderer gets an article's body as HTML. A build hands in one that keeps
    bodies between pages and builds (ssg.incremental.bodies); forked workers share it."""

    def __call__(self, article: Article, links: Mapping[str, str], keep: bool = False) -> str:
        """KEEP: a feed will show this body again."""

    def take_added(self) -> tuple:
        """In a worker: what it kept since last asked, for the build to learn()."""

    def learn(self, added: tuple) -> None:
        """In the build: what a worker kept, for the workers forked after it."""

    def forked(self) -> None:
        """In a worker, once, before its first page."""


class FreshBodies:
    """Every body rendered from its Markdown each time it is asked for."""

    def __init__(self, config: SiteConfig):
        self.config = config

    def __call__(self, article: Article, links: Mapping[str, str], keep: bool = False) -> str:
        return render_body(article, links, self.config)

    def take_added(self) -> tuple:
        return ()

    def learn(self, added: tuple) -> None:
        pass

    def forked(self) -> None:
        pass


def render_body(article: Article, links: Mapping[str, str], config: SiteConfig) -> str:
    """An article's body as HTML: LINKS are the URLs of the articles it links to."""
    resolve = link_resolver(article.content_dir, config.base_path, links, config.content)
    return render_markdown(load_markdown(article, config), resolve, picture_sizes(article.content_dir, links))


class Renderer:
    """Renders pages one at a time. A page depends only on its Page record, the URLs of the
    articles its bodies link to (LINKS), the config and the theme."""

    def __init__(self, config: SiteConfig, theme: Theme, bodies: Bodies | None = None,
                 compiled: Path | None = None, dates: DateStyle | None = None,
                 pictures: Mapping[str, Any] | None = None, sections: tuple = (), fonts: Any = None):
        """COMPILED: a folder that keeps compiled templates between builds. DATES: the
        build's date style, with the dates it printed. PICTURES: the pictures' records.
        SECTIONS: the site model's, which every page's navigation lists. FONTS: the web
        fonts stage's WebFonts, or None for none."""
        self.config, self.theme = config, theme
        self.env = make_environment(theme, config, compiled, dates)
        self.view = site_view(config, sections, fonts)
        self.share = site_share(config, self.view.permalink, pictures)
        self.bodies = bodies if bodies is not None else FreshBodies(config)
        self.views = Views()

    def compile(self, names) -> None:
        """Compile the templates NAMES and every template they extend, import or include,
        now: forked workers then inherit them instead of each compiling its own."""
        todo, seen = sorted(names), set()
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            try:
                self.env.get_template(name)
                source = self.env.loader.get_source(self.env, name)[0]
                todo.extend(n for n in meta.find_referenced_templates(self.env.parse(source)) if n)
            except jinja2.TemplateError:
                pass         # reported, with its page, when that page is rendered

    def render(self, page: Page, links: Mapping[str, str], keep_body: bool = False) -> str:
        """KEEP_BODY stores an article's rendered body for the feeds that will show it."""
        template = self.env.get_template(page.template)
        shown = self.views.page(page)
        context: dict[str, Any] = {"site": self.view, "page": shown,
                                   "share": share_meta(page, self.share)}
        if page.article is not None:
            context["article"] = shown.article
            if page.kind == "article":
                context["body"] = Markup(self.bodies(page.article, links, keep_body))
                context["share_links"] = share_links(page.article, self.config.share)
        if page.pagination is not None:
            context["pagination"] = shown.pagination
        if page.kind == "feed":
            def entry_content(entry: ArticleView) -> str:
                """The body for a feed: every URL absolute, as feed readers need."""
                article = record_of(entry)
                return absolute_urls(self.bodies(article, links), self.view.origin, article.permalink)
            context["entry_content"] = entry_content
        text = template.render(context)
        return xml_safe(text) if page.template.endswith(".xml") else text


def host_files(config: SiteConfig) -> Iterator[OutputFile]:
    """Files static hosts read: .nojekyll (GitHub Pages serves folders starting with _ as
    they are), and CNAME for a custom domain."""
    yield OutputFile(".nojekyll", b"")
    if config.cname:
        yield OutputFile("CNAME", config.cname.encode("ascii") + b"\n")


_ROOT_RELATIVE = re.compile(r'(\s(?:href|src)=")(/(?!/)[^"]*|#[^"]*)"')
_SRCSET = re.compile(r'(\ssrcset=")([^"]*)"')


def absolute_urls(html: str, origin: str, page_permalink: str) -> str:
    """Make root-relative and in-page URLs in HTML absolute (a srcset's too)."""
    def replace(match: re.Match) -> str:
        url = match.group(2)
        return f'{match.group(1)}{page_permalink + url if url.startswith("#") else origin + url}"'

    def candidates(match: re.Match) -> str:
        shown = ", ".join(origin + entry if entry.startswith("/") and not entry.startswith("//") else entry
                          for entry in match.group(2).split(", "))
        return f'{match.group(1)}{shown}"'
    html = _ROOT_RELATIVE.sub(replace, html)
    return _SRCSET.sub(candidates, html) if " srcset=" in html else html


def site_view(config: SiteConfig, sections: tuple = (), fonts: Any = None) -> SiteView:
    urls = site_urls(config)
    lang = normalize_language(config.language)
    return SiteView(title=config.title, description=config.description, language=lang,
                    dir=direction_of(lang), url=urls.url("/"), permalink=urls.permalink("/"),
                    origin=config.origin, search=config.search, extra=config.extra, sections=tuple(sections),
                    fonts_css=fonts.css(urls.url) if fonts else "",
                    fonts_preload=fonts.preload(urls.url) if fonts else ())


def template_error(error: Exception, page: Page, config: SiteConfig) -> SiteError:
    """Name the template file and line where rendering failed, and the page it was for."""
    for_page = f" (while rendering {page.article.source if page.article else page.url})"
    if isinstance(error, jinja2.TemplateSyntaxError):
        return SiteError(_shown(error.filename or error.name or "?", config), error.lineno,
                         f"template syntax error: {error.message}{for_page}",
                         "check the {% %} and {{ }} on this line: each tag closed, each block ended")
    path, line = _template_frame(error, config)
    if isinstance(error, jinja2.TemplateNotFound):
        return SiteError(path or page.template, line, f"template {error.name!r} not found{for_page}",
                         "add it to templates/ or to the theme's templates/, or correct the name")
    return SiteError(path or page.template, line, f"{type(error).__name__}: {error}{for_page}",
                     "the template's expression on this line failed for that page; `page`, `article` and "
                     "the other names a template sees are listed in the README (Themes)")


def _template_frame(error: Exception, config: SiteConfig) -> tuple[str | None, int | None]:
    """The template file and line the error was raised from: Jinja rewrites tracebacks so
    that template frames carry them."""
    path, line = None, None
    for frame, lineno in traceback.walk_tb(error.__traceback__):
        if "__jinja_exception__" in frame.f_globals or "__jinja_template__" in frame.f_globals:
            path, line = _shown(frame.f_code.co_filename, config), lineno
    return path, line


def _shown(filename: str, config: SiteConfig) -> str:
    return display_path(Path(filename), config.root)
