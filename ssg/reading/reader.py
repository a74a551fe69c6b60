"""Reading content/: every Markdown file becomes an Article (no HTML yet), every
other file an asset copied beside the pages."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from pathlib import Path, PurePosixPath
from typing import Any

from markdown_it import MarkdownIt

from ..article import Article, Image, Note
from ..config import SiteConfig
from ..text.dates import BadDate, parse_date
from ..errors import SiteError, display_path
from .dialects import Converted, convert
from .dialects.convert import may_hold_constructs
from .dialects.context import context_for
from .links import files_linked, linked_sources, links_by_name
from .placeholders import placeholder_lines
from .frontmatter import FrontMatterError, Split, line_of_key, split_front_matter
from ..text.lang import direction_of, is_valid_language, normalize_language
from ..text.controls import without_controls
from ..text.urls import UnsafeSlug, clean_path, clean_slug, slugify

JEKYLL_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)$")

# Each field and the front-matter keys that give it, first match wins
# (Hugo, Jekyll and Pelican spellings, so their archives build unchanged).
ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "date": ("date", "publishDate", "publishdate", "pubDate"),
    "updated": ("updated", "lastmod", "modified", "last_modified_at", "lastModified"),
    "slug": ("slug",),
    "path": ("url", "permalink", "path"),
    "summary": ("summary", "description", "excerpt"),
    "tags": ("tags", "keywords"),
    "categories": ("categories", "category"),
    "authors": ("author", "authors"),
    # Gatsby's thumbnail, Jekyll themes' feature and header: {image}, Hugo themes' cover: {image}
    "image": ("image", "images", "featured_image", "cover", "thumbnail", "feature", "feature_image",
              "cover_image", "header"),
    "image_alt": ("image_alt",),
    "image_caption": ("image_caption", "caption"),
    "image_credit": ("image_credit",),
    "sources": ("sources", "source"),
    "lang": ("lang", "language"),
    "dir": ("dir",),
    "draft": ("draft",),
    "published": ("published",),
    "aliases": ("aliases", "redirect_from"),
    "featured": ("featured", "sticky"),      # the home page's lead story (WordPress calls it sticky)
}
KNOWN_KEYS = frozenset(key for keys in ALIASES.values() for key in keys)
MOST_TERMS = 100        # tags, or categories, of one article: every tag's feed lists each entry's tags


def decode_source(data: bytes) -> str:
    """A source file's text as the parser sees it: UTF-8, LF line ends, no byte-order mark."""
    return data.decode("utf-8").replace("\r\n", "\n").removeprefix("\ufeff")


def read_source(path: Path, config: SiteConfig) -> Article | list[SiteError]:
    """Read and parse one file. The Article keeps no body: it is read again when the page is
    rendered, so that a large archive's bodies are never all in memory at once."""
    shown = display_path(path, config.root)
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return [SiteError(shown, 1, "UTF-16 text among the articles",
                          "save the file as UTF-8 (most editors: Save with Encoding)")]
    if b"\x00" in data:
        return [SiteError(shown, None, "binary file among the articles",
                          "only Markdown text files may end in .md; move this file or rename it")]
    try:
        text = decode_source(data)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return [SiteError(shown, line, "not UTF-8 text", "save the file as UTF-8 (most editors: Save with Encoding)")]
    result = parse_source(shown, text, config)
    if isinstance(result, Article):
        result = dataclasses.replace(result, body=None, content_hash=hashlib.sha1(data).hexdigest())
    return result


def load_body(article: Article, root: Path) -> str:
    """The article's body as written, from the record or else from its file."""
    if article.body is not None:
        return article.body
    return decode_source((root / article.source).read_bytes())[article.body_offset:]


def load_markdown(article: Article, config: SiteConfig) -> str:
    """The article's body as Markdown: other generators' constructs converted (dialects)."""
    body = without_controls(load_body(article, config.root))
    if not may_hold_constructs(body):
        return body
    return convert(body, context_for(article, config)).text


def parse_source(source: str, text: str, config: SiteConfig) -> Article | list[SiteError]:
    """Pure: one file's text to an Article, or the list of everything wrong with it."""
    try:
        split = split_front_matter(text)
    except FrontMatterError as error:
        return [SiteError(source, error.line, error.message, error.hint)]
    reader = _FieldReader(source, split)
    article = reader.article(config)
    if reader.undated and config.undated == "skip":
        return []                    # a page (Hugo's about.md), not an article: build.py says so
    if reader.errors:
        return reader.errors
    return _with_dialects(article, config)


def _with_dialects(article: Article, config: SiteConfig) -> Article:
    """The record with what converting its body finds: the constructs left as written (notes
    on their lines), the articles it names, and the digest of the values it prints."""
    body = article.body or ""
    plain = without_controls(body)
    converted = convert(plain, context_for(article, config)) if may_hold_constructs(plain) else Converted(plain)
    offset = article.body_line - 1
    by_name = links_by_name(body)
    named = [(offset + line, "link", name) for line, name in by_name]
    files = files_linked(body, article.content_dir)
    named += sorted({(offset + line, "file", path) for line, path, _ in files})
    # The pictures it shows: their sizes and smaller copies go into its HTML (pictures/shown.py).
    pictures = tuple(dict.fromkeys("picture:" + path for _, path, shown in files if shown))
    named += [(offset + line, "placeholder", f"«{text}» is the text `ssg new article` wrote: replace it")
              for line, text in placeholder_lines(body)]
    if converted.text is article.body and not converted.notes:
        links = linked_sources(body, article.source, [name for _, name in by_name]) + pictures
        if not named and not links:
            return article
        return dataclasses.replace(article, notes=article.notes + tuple(named), md_links=links)
    notes: list[Note] = [(offset + line, kind, message) for line, kind, message in converted.notes] + named
    notes += article.notes
    notes += [(offset + line, "reference", name) for line, name in converted.references]
    links = list(linked_sources(converted.text, article.source))
    links += [f"name:{name}" for _, name in converted.references if f"name:{name}" not in links]
    # What the converted body shows: an include's or a shortcode's <img>, a Liquid value's path.
    links += dict.fromkeys("picture:" + path for _, path, shown in files_linked(converted.text, article.content_dir)
                           if shown)
    summary = article.summary
    if article.summary_from_body:
        summary = without_controls(first_paragraph(converted.text))
    return dataclasses.replace(article, notes=tuple(sorted(set(notes))), md_links=tuple(links),
                               dialect=converted.digest, summary=summary)


class _FieldReader:
    """Turns front-matter keys into Article fields, collecting errors with their lines."""

    def __init__(self, source: str, split: Split):
        self.source, self.split, self.data = source, split, split.data
        self.errors: list[SiteError] = []
        self.undated = False

    def error(self, key: str | None, message: str, hint: str = "") -> None:
        line = line_of_key(self.split, key) if key else self.split.first_line - 1
        self.errors.append(SiteError(self.source, line, message, hint))

    def get(self, field: str) -> tuple[str | None, Any]:
        for key in ALIASES[field]:
            if key in self.data and self.data[key] is not None:
                return key, self.data[key]
        return None, None

    def text(self, field: str) -> str:
        key, value = self.get(field)
        if value is None:
            return ""
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return without_controls(str(value)).strip()
        self.error(key, f"{key} must be text, not {type(value).__name__}", f"write `{key}: \"...\"`")
        return ""

    def strings(self, field: str, split: str = "comma") -> tuple[str, ...]:
        """A list, or one string of them separated by commas (as many Hugo sites write tags) or
        with SPLIT "space" by spaces (as Jekyll reads `tags: a b`; its singular `category`
        is one)."""
        key, value = self.get(field)
        if value is None:
            return ()
        if isinstance(value, str):
            if field not in ("tags", "categories"):
                items = [value]
            elif split == "space":
                items = [value] if key == "category" else value.split()
            else:
                items = value.split(",")
        elif isinstance(value, list):
            items = value
        else:
            self.error(key, f"{key} must be a list or a comma-separated string",
                       f"write `{key}: [first, second]`")
            return ()
        result: list[str] = []
        for item in items:
            if isinstance(item, (str, int, float)) and not isinstance(item, bool):
                item = " ".join(without_controls(str(item)).split())
                if item and not any(unicodedata.category(ch) != "Cf" for ch in item):
                    shown = item.encode("unicode_escape").decode("ascii")
                    self.error(key, f"an item of {key} has no visible character ({shown})",
                               "remove it, or write the word it was meant to be")
                elif item and item not in result:
                    result.append(item)
            else:
                self.error(key, f"every item of {key} must be text", f"write `{key}: [first, second]`")
        if field in ("tags", "categories") and len(result) > MOST_TERMS:
            self.error(key, f"{len(result):,} {key}: an article may have at most {MOST_TERMS}",
                       "keep the ones a reader would browse by (each becomes a page and a feed that lists them all)")
            return tuple(result[:MOST_TERMS])
        return tuple(result)

    def flag(self, field: str) -> bool | None:
        key, value = self.get(field)
        if value is None:
            return None
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("true", "false", "yes", "no"):
            return value.strip().lower() in ("true", "yes")
        self.error(key, f"{key} must be true or false", f"write `{key}: true` or `{key}: false`")
        return None

    def date(self, field: str, config: SiteConfig, fallback: str | None = None):
        key, value = self.get(field)
        if value is None:
            value = fallback
            if value is None:
                return None
        try:
            return parse_date(value, config.tz)
        except BadDate as error:
            self.error(key, f"{key}: {error}",
                       "write the date as 2024-09-13, or with a time as 2024-09-13T10:30:00+03:00")
            return None

    def image(self, base_alt: str) -> Image | None:
        key, value = self.get("image")
        if isinstance(value, list):
            value = value[0] if value else None
        details: dict[str, Any] = {}
        if isinstance(value, dict):  # Jekyll themes write image: {path: ..., alt: ...}, Hugo's cover: {image: ...}
            details = value
            value = next((value[name] for name in _PICTURE_KEYS if value.get(name)), "")
            if not value and key == "header":
                return None          # a Jekyll theme's header without a picture (a colour, a title)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.error(key, f"{key} must be a path or URL of a picture", f"write `{key}: images/photo.jpg`")
            return None
        return Image(src=value.strip(),
                     alt=self.text("image_alt") or _detail(details, "alt") or base_alt,
                     caption=self.text("image_caption") or _detail(details, "caption"),
                     credit=self.text("image_credit") or _detail(details, "credit"))

    def article(self, config: SiteConfig) -> Article:
        path = PurePosixPath(self.source)
        jekyll = JEKYLL_NAME.match(path.stem)
        title = self.text("title")
        if not title:
            self.error("title", "missing title", "add a line `title: \"...\"` to the front-matter")
        date = self.date("date", config, fallback=jekyll.group(1) if jekyll else None)
        if date is None and self.get("date")[0] is None and not jekyll:
            self.undated = True
            self.error("date", "missing date",
                       "add a line `date: 2024-09-13` (or name the file 2024-09-13-slug.md)")
        updated = self.date("updated", config)
        lang = self.text("lang") or config.language
        if not is_valid_language(lang):
            self.error("lang", f"lang {lang!r} is not a language tag", "write e.g. `lang: ar` or `lang: en`")
            lang = config.language
        lang = normalize_language(lang)
        direction = self.text("dir").lower() or direction_of(lang)
        if direction not in ("rtl", "ltr", "auto"):
            self.error("dir", f"dir must be rtl, ltr or auto, not {direction!r}",
                       "write `dir: rtl` or `dir: ltr`, or leave it out: the article's language gives it")
            direction = direction_of(lang)
        draft = self.flag("draft")
        published = self.flag("published")
        featured = self.flag("featured")
        slug = self._slug(path, jekyll, title, config)
        summary = self.text("summary")
        extra = {k: v for k, v in self.data.items() if k not in KNOWN_KEYS}
        notes = [(line_of_key(self.split, key), "frontmatter", message)
                 for key, value in extra.items() if (message := _misspelt(key, value))]
        image = self.image(title)
        image_line = line_of_key(self.split, self.get("image")[0] or "image") if image is not None else 0
        # With share cards (the default), an article whose picture previews cannot show gets a card.
        if image is not None and image.src.lower().split("?")[0].endswith(".svg") and config.share_cards == "none":
            instead = "default_image instead" if config.default_image else "none: set default_image in site.toml"
            notes.append((line_of_key(self.split, self.get("image")[0] or "image"), "share",
                          f"{image.src} is an SVG: it shows on the page, but link previews (WhatsApp, X, "
                          f"Facebook) show no SVG, so the share card takes {instead}"))
        return Article(
            source=self.source, title=title, date=date, slug=slug,
            body=self.split.body, body_line=self.split.body_line, body_offset=self.split.body_offset,
            updated=updated, summary=summary or without_controls(first_paragraph(self.split.body)),
            summary_from_body=not summary,
            tags=self.strings("tags", config.tags_split), categories=self.strings("categories", config.tags_split),
            authors=self.strings("authors"), image=image,
            sources=self.strings("sources"), lang=lang, dir=direction,
            draft=bool(draft) or published is False, aliases=self.strings("aliases"), featured=bool(featured),
            extra=extra, fixed_path=self._fixed_path(), notes=tuple(notes), image_line=image_line,
        )

    def _slug(self, path: PurePosixPath, jekyll: re.Match | None, title: str, config: SiteConfig) -> str:
        lower = config.slug_case == "lower"
        key, value = self.get("slug")
        if value is not None:
            try:
                slug = clean_slug(str(value))
            except UnsafeSlug:
                self.error(key, f"slug {value!r} would lead out of the site",
                           "write the slug as a name, or a path inside the site such as `news/2024/story`: "
                           "no `..`, backslash or drive letter")
                return "invalid"
            if slug:
                return slug.lower() if lower else slug
        stem = jekyll.group(2) if jekyll else path.stem
        if stem in ("index", "_index") and len(path.parts) > 2:  # a Hugo page bundle
            stem = path.parent.name
        style = config.slug_style
        titled = "arabic" if style == "pretty" else style        # Jekyll's pretty style is for file names
        if config.slug_from == "title":          # Hugo's :slug and :title permalinks
            return slugify(title, titled) or slugify(stem, style, lower) or "article"
        return slugify(stem, style, lower) or slugify(title, titled) or "article"

    def _fixed_path(self) -> str:
        """The article's whole URL path when front-matter sets it (Hugo's `url:`, Jekyll's and
        Gatsby's `permalink:` or `path:`), in place of the site's permalink pattern."""
        key, value = self.get("path")
        if value is None:
            return ""
        if not isinstance(value, str) or not value.strip("/ "):
            self.error(key, f"{key} must be a path such as /news/story/", f"write `{key}: /news/story/`")
            return ""
        if ":" in value.replace("://", "") and not value.startswith("http"):
            self.error(key, f"{key} {value!r} has placeholders, which only site.toml's permalink takes",
                       f"write the article's path itself, e.g. `{key}: /news/story/`, or leave it out")
            return ""
        try:
            path = clean_path(value)
        except UnsafeSlug:
            self.error(key, f"{key} {value!r} would lead out of the site",
                       f"write a path from the site's root, e.g. `{key}: /news/story/`")
            return ""
        path = "/" + path.lstrip("/")
        if not path.endswith("/") and not path.endswith((".html", ".htm")):
            path += "/"          # as Hugo writes `url: /a/b`: a folder with its index.html
        return path


_FLAGS = frozenset(ALIASES["draft"] + ALIASES["published"] + ALIASES["featured"])


def _misspelt(key: str, value: Any) -> str:
    """A note when KEY, which no field reads, is one typo away from a key that one does
    (tag, imgae, tilte, categroy); '' otherwise. A value of another kind than the key
    takes (featured: true is not a misspelt feature) is nobody's typo."""
    for known in sorted(KNOWN_KEYS):
        if (isinstance(value, bool)) != (known in _FLAGS):
            continue
        if _typos(key.lower(), known.lower()) <= (1 if len(known) <= 5 else 2) and key.lower() != known.lower():
            return (f"unknown front-matter key `{key}`: did you mean `{known}`? (as written, it reaches templates "
                    f"as article.extra.{key}, and the {known} is lost)")
    return ""


def _typos(a: str, b: str) -> int:
    """Edits between A and B (a letter added, dropped, changed, or two swapped), up to 3."""
    if abs(len(a) - len(b)) > 2:
        return 3
    previous, current = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        before, previous, current = previous, current, [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
    return current[len(b)]


_PICTURE_KEYS = ("path", "src", "url", "image", "feature", "file", "overlay_image", "teaser")


def _detail(details: dict, key: str) -> str:
    return without_controls(str(details.get(key) or "")).strip()


_MARKDOWN_INLINE = MarkdownIt("commonmark")
_NOT_A_PARAGRAPH = re.compile(r"^(#|>|!\[|\||```|~~~|<|\[\^|[-*+] |\d+[.)] |    )")


def first_paragraph(body: str) -> str:
    """The body's first paragraph as plain text, the lead when front-matter has none."""
    for block in re.split(r"\n\s*\n", body.strip()):
        block = block.strip()
        if not block or _NOT_A_PARAGRAPH.match(block):
            continue
        tokens = _MARKDOWN_INLINE.parseInline(block)
        return " ".join("".join(_plain_text(t) for t in tokens).split())
    return ""


def _plain_text(token) -> str:
    if token.children:
        return "".join(_plain_text(child) for child in token.children)
    if token.type in ("text", "code_inline"):
        return token.content
    if token.type in ("softbreak", "hardbreak"):
        return " "
    return ""
