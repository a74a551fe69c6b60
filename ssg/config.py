"""site.toml: parsed, validated and frozen into a SiteConfig."""

from __future__ import annotations

import dataclasses
import difflib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, Mapping
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError

from .text.arabic import FOLDS
from .errors import ConfigError, SiteError
from .generators import find_layout
from .text.lang import is_valid_language

CONFIG_FILE = "site.toml"
PERMALINK_FIELDS = ("year", "month", "day", "slug", "lang", "section", "folder", "categories",
                    "i_month", "i_day", "short_year", "y_day", "hour", "minute", "second")
SHARE_NETWORKS = ("whatsapp", "telegram", "x", "facebook", "email", "copy")


@dataclass(frozen=True, slots=True)
class SiteConfig:
    title: str
    base_url: str
    language: str = "ar"
    timezone: str = "UTC"
    permalink: str = "/{year}/{month}/{slug}/"
    permalinks: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # section -> its permalink
    per_page: int = 10
    theme: str = "default"
    description: str = ""
    feed_entries: int = 20
    share: tuple[str, ...] = SHARE_NETWORKS
    locale: str = ""                 # CLDR locale for dates; "" means the site's language
    month_names: str = "locale"      # "locale", or "dual" for both Arabic month names: أيلول/سبتمبر
    digits: str = "latin"            # "latin" 0-9 or "arabic" ٠-٩ in dates and numbers
    hijri: bool = False              # the Umm al-Qura date beside the Gregorian one
    slug_style: str = "arabic"       # "arabic" keeps Arabic letters, "latin" transliterates, "pretty" is Jekyll's
    slug_case: str = "keep"          # "keep" a file name's or front-matter slug's capitals, or make them "lower"
    slug_from: str = "file"          # where a slug comes from without `slug:`: the "file" name or the "title"
    content: str = "content"         # the folder of articles (Jekyll's archives built in place: "_posts")
    copy: tuple[str, ...] = ()       # folders copied into site/ at their own path (Jekyll's assets/, images/)
    undated: str = "error"           # a Markdown file without a date: an "error", or "skip" it (a Hugo page)
    tags_split: str = "comma"        # a tags or categories string splits at each "comma", or "space" (Jekyll)
    tag_folds: tuple[str, ...] = FOLDS
    tag_aliases: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # alias -> tag
    strings: Mapping[str, Mapping[str, str]] = field(default_factory=lambda: MappingProxyType({}))
    search: bool = True              # a Pagefind index and a /search/ page
    search_shard_size: int = 500     # articles per part of the index, at most (ssg/search/shards.py)
    cname: str = ""                  # written to site/CNAME for GitHub Pages' custom domain
    logo: str = ""                   # the publisher's logo (JSON-LD): a path from the site's root, or a URL
    default_image: str = ""          # the share picture of pages without one of their own
    picture_widths: tuple[int, ...] = (480, 800, 1200)   # the widths of a picture's smaller copies
    picture_format: str = "webp"     # of those copies: "webp", or "avif"
    picture_quality: int = 80        # of those copies, 1-100
    keep_photo_metadata: bool = False   # publish pictures with their GPS position and camera serials
    share_cards: str = "missing"     # a share card for articles "missing" a large picture, "all", or "none"
    card_font: str = ""              # the card's font file; "" finds Noto Naskh Arabic (or the like) by name
    web_fonts: bool = True           # the theme's fonts, subset and self-hosted (webfonts/); false: the reader's
    fonts: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # role -> font file
    menu: tuple[str, ...] = ()       # the sections (categories) the navigation lists, in order; () for the largest
    authors: Mapping[str, Mapping[str, Any]] = field(default_factory=lambda: MappingProxyType({}))  # name -> record
    deploy: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    extra: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    # Where the site lives; not keys of site.toml.
    root: Path = Path(".")
    output_dir: Path = Path("site")
    settings_file: str = CONFIG_FILE         # or the generator's own (_config.yml) for an archive built in place
    settings_notes: tuple[SiteError, ...] = ()   # warnings on the settings: what a generator's could not
                                                 # carry over, a key that sets nothing

    @property
    def date_locale(self) -> str:
        return self.locale or self.language

    @property
    def content_dir(self) -> Path:
        return self.root / self.content

    @property
    def origin(self) -> str:
        """scheme://host[:port] of base_url, without its path."""
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def base_path(self) -> str:
        """The sub-path the site is served under, '' or e.g. '/archive'."""
        return urlsplit(self.base_url).path.rstrip("/")

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @classmethod
    def for_tests(cls, **overrides: Any) -> "SiteConfig":
        values: dict[str, Any] = {"title": "موقع تجريبي", "base_url": "https://example.org/"}
        values.update(overrides)
        return cls(**values)


# --- validation -----------------------------------------------------------------------

def _check_title(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return "must be a non-empty string"
    return None


def _check_base_url(value: Any) -> str | None:
    if not isinstance(value, str):
        return "must be a string such as \"https://example.org/\""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return "must be an absolute http(s) URL such as \"https://example.org/\" or \"https://example.org/archive/\""
    if parts.query or parts.fragment:
        return "must not have a query or fragment"
    return None


def _check_language(value: Any) -> str | None:
    if not isinstance(value, str) or not is_valid_language(value):
        return "must be a language tag such as \"ar\", \"en\" or \"fr\""
    return None


def _check_timezone(value: Any) -> str | None:
    if not isinstance(value, str):
        return "must be a time zone name such as \"UTC\" or \"Asia/Baghdad\""
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        return f"unknown time zone {value!r}; use an IANA name such as \"UTC\", \"Asia/Baghdad\" or \"Africa/Cairo\""
    return None


def _check_permalink(value: Any) -> str | None:
    if not isinstance(value, str):
        return "must be a string such as \"/{year}/{month}/{slug}/\""
    if not value.startswith("/"):
        return "must start with \"/\""
    if not (value.endswith("/") or value.endswith(".html")):
        return "must end with \"/\" (a folder with index.html) or \".html\""
    names = re.findall(r"\{([^{}]*)\}", value)
    unknown = [n for n in names if n not in PERMALINK_FIELDS]
    if unknown:
        return f"unknown placeholder {{{unknown[0]}}}; allowed: " + ", ".join(f"{{{n}}}" for n in PERMALINK_FIELDS)
    if "slug" not in names:
        return "must contain {slug}, so that every article gets its own URL"
    if re.sub(r"\{[^{}]*\}", "", value).count("{") or "}" in re.sub(r"\{[^{}]*\}", "", value):
        return "has an unbalanced { or }"
    if "/../" in value or "/./" in value or "//" in value:
        return "must not contain empty, '.' or '..' segments"
    return None


def _check_count(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return "must be a whole number of 1 or more"
    return None


def _check_theme(value: Any) -> str | None:
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9_.-]+", value) or value in (".", ".."):
        return "must be the name of a folder under themes/, such as \"default\""
    return None


def _check_share(value: Any) -> str | None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return "must be a list such as [\"whatsapp\", \"telegram\"]"
    unknown = [v for v in value if v not in SHARE_NETWORKS]
    if unknown:
        return f"has unknown network {unknown[0]!r}; allowed: " + ", ".join(SHARE_NETWORKS)
    return None


def _one_of(*allowed: str) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if value not in allowed:
            return "must be one of: " + ", ".join(f'"{a}"' for a in allowed)
        return None
    return check


def _check_locale(value: Any) -> str | None:
    if not isinstance(value, str):
        return "must be a locale such as \"ar\", \"ar_SY\" or \"ar_EG\""
    try:
        Locale.parse(value.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return f"unknown locale {value!r}; use e.g. \"ar\", \"ar_SY\", \"ar_IQ\", \"ar_EG\", \"ar_SA\", \"en\", \"fr\""
    return None


def _check_bool(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


def _check_tag_folds(value: Any) -> str | None:
    if not isinstance(value, list) or any(v not in FOLDS for v in value):
        return "must be a list of folds among: " + ", ".join(f'"{f}"' for f in FOLDS)
    return None


def _check_permalinks(value: Any) -> str | None:
    if not isinstance(value, dict):
        return 'must be a table: [permalinks] then news = "/news/{year}/{slug}/"'
    for section, pattern in value.items():
        problem = _check_permalink(pattern)
        if problem:
            return f"{section}: {problem}"
    return None


def _check_tag_aliases(value: Any) -> str | None:
    if not isinstance(value, dict):
        return 'must be a table: [tag_aliases] then "alias" = "tag", or "tag" = ["alias", ...]'
    for key, target in value.items():
        if isinstance(target, str) or (isinstance(target, list) and all(isinstance(t, str) for t in target)):
            continue
        return f"entry {key!r} must be a tag name or a list of names"
    return None


def _check_strings(value: Any) -> str | None:
    if not isinstance(value, dict) or not all(isinstance(words, dict) for words in value.values()):
        return 'must hold a table per language, e.g. [strings.ar] then related = "اقرأ أيضاً"'
    for language, words in value.items():
        if not is_valid_language(language):
            return f"has {language!r}, which is not a language tag"
        for key, text in words.items():
            if not isinstance(text, (str, dict)):
                return f"word {language}.{key} must be text"
    return None


DEPLOY_KEYS = {"target": ("git", "rsync"), "remote": None, "branch": None, "dest": None}


def _check_deploy(value: Any) -> str | None:
    if not isinstance(value, dict):
        return 'must be a table: [deploy] then target = "git" with remote and branch, or target = "rsync" with dest'
    for key, item in value.items():
        if key not in DEPLOY_KEYS:
            return f"has unknown key {key!r}; allowed: " + ", ".join(DEPLOY_KEYS)
        if not isinstance(item, str) or not item:
            return f"{key} must be a non-empty string"
        allowed = DEPLOY_KEYS[key]
        if allowed and item not in allowed:
            return f"{key} must be one of: " + ", ".join(f'"{a}"' for a in allowed)
    return None


SHARE_PICTURES = (".jpg", ".jpeg", ".png", ".webp", ".gif")    # what link previews show (not SVG)


def _check_picture(value: Any) -> str | None:
    if not isinstance(value, str) or not (value.startswith("/") or re.match(r"https?://", value)):
        return 'must be a path from the site\'s root, such as "/images/logo.png", or an http(s) URL'
    if not value.lower().split("?")[0].endswith(SHARE_PICTURES):
        return "must be a JPEG, PNG, WebP or GIF picture: link previews (WhatsApp, X, Facebook) show no SVG"
    return None


def _check_widths(value: Any) -> str | None:
    if not isinstance(value, list) or not value or not all(type(v) is int and 16 <= v <= 8192 for v in value):
        return "must be a list of widths in pixels, each from 16 to 8192, such as [480, 800, 1200]"
    return None


def _check_quality(value: Any) -> str | None:
    if type(value) is not int or not 1 <= value <= 100:
        return "must be a whole number from 1 to 100"
    return None


def _check_font(value: Any) -> str | None:
    if not isinstance(value, str) or not value.lower().endswith((".ttf", ".otf")):
        return "must be the path of a TrueType or OpenType font file, from the site folder"
    return None


FONT_ROLES = ("arabic", "arabic_bold", "latin", "latin_bold")     # webfonts.stage.ROLES


def _check_fonts(value: Any) -> str | None:
    if not isinstance(value, dict):
        return 'must be a table: [fonts] then arabic = "fonts/Amiri-Regular.ttf"'
    for role, path in value.items():
        if role not in FONT_ROLES:
            return f"has the unknown key {role!r} (allowed: {', '.join(FONT_ROLES)})"
        problem = _check_font(path)
        if problem:
            return f"{role} {problem}"
    return None


def _check_cname(value: Any) -> str | None:
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9.-]+\.[A-Za-z0-9-]+", value):
        return 'must be a bare host name such as "archive.example.org"'
    return None


_FOLDER_NAME = re.compile(r"[\w][\w.-]*")
_NOT_COPIED = ("content", "templates", "themes", "site", "static")


def _check_folder_name(value: Any) -> str | None:
    if not isinstance(value, str) or not _FOLDER_NAME.fullmatch(value) or value in ("site", "static", "templates"):
        return "must be the name of a folder in the site folder, such as \"content\" or \"_posts\""
    return None


def _check_folder_names(value: Any) -> str | None:
    if not isinstance(value, list) or not all(isinstance(v, str) and _FOLDER_NAME.fullmatch(v) for v in value):
        return "must be a list of folder names in the site folder, such as [\"assets\", \"images\"]"
    taken = [v for v in value if v in _NOT_COPIED]
    if taken:
        return f"cannot copy {taken[0]!r}: ssg reads it itself"
    return None


def _check_string(value: Any) -> str | None:
    return None if isinstance(value, str) else "must be a string"


AUTHOR_KEYS = ("bio", "role", "picture", "links")
AUTHOR_ORIGIN = "origin"    # a record's (file, line) when it came from content/authors/ (reading/records.py)


def _check_menu(value: Any) -> str | None:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return 'must be a list of category names, in the order the navigation shows them, e.g. ["سياسة", "اقتصاد"]'
    return None


def _check_authors(value: Any) -> str | None:
    if not isinstance(value, dict):
        return 'must be tables, one per writer: [authors."الاسم"] then bio = "..."'
    for name, record in value.items():
        if not isinstance(record, dict):
            return f'must be tables, one per writer: [authors."{name}"] then bio = "..."'
        unknown = sorted(set(record) - set(AUTHOR_KEYS))
        if unknown and unknown[0] in KEYS:
            return (f'of «{name}» holds `{unknown[0]}`, a setting of the site: TOML puts every line after a '
                    f'[table] header into that table, so move it above the first [table] of the file')
        problem = check_author_record(name, record)
        if problem:
            return problem
    return None


def check_author_record(name: str, record: dict) -> str | None:
    """What is wrong with one writer's record (site.toml's table, or a file of
    content/authors/), or None."""
    unknown = sorted(set(record) - set(AUTHOR_KEYS))
    if unknown:
        return f'of «{name}» has the unknown key {unknown[0]!r} (allowed: {", ".join(AUTHOR_KEYS)})'
    for key in ("bio", "role", "picture"):
        if key in record and not isinstance(record[key], str):
            return f'of «{name}»: {key} must be text'
    picture = record.get("picture", "")
    if picture and not (picture.startswith("/") or re.match(r"https?://", picture)):
        return f'of «{name}»: picture must be a path from the site\'s root, such as "/images/sara.jpg", or a URL'
    links = record.get("links", [])
    urls = links.values() if isinstance(links, dict) else links if isinstance(links, list) else None
    if urls is None or not all(isinstance(u, str) and re.match(r"(https?://|mailto:)", u) for u in urls):
        return f'of «{name}»: links must be a list of http(s) or mailto: URLs, or a table of label = URL'
    return None


def _check_table(value: Any) -> str | None:
    return None if isinstance(value, dict) else "must be a table, e.g. [extra]"


EXAMPLES = {                 # a valid line for each key: the hint of its errors
    "title": 'title = "أرشيف الأخبار"',
    "base_url": 'base_url = "https://example.org/"',
    "language": 'language = "ar"',
    "timezone": 'timezone = "Asia/Baghdad"',
    "permalink": 'permalink = "/{year}/{month}/{slug}/"',
    "permalinks": '[permalinks] then opinion = "/opinion/{slug}/"',
    "per_page": "per_page = 20",
    "feed_entries": "feed_entries = 20",
    "theme": 'theme = "default"',
    "description": 'description = "أخبار المدينة منذ 1990"',
    "share": 'share = ["whatsapp", "telegram", "x", "facebook", "email", "copy"]',
    "locale": 'locale = "ar_SY"',
    "month_names": 'month_names = "dual"',
    "digits": 'digits = "arabic"',
    "hijri": "hijri = true",
    "slug_style": 'slug_style = "latin"',
    "slug_case": 'slug_case = "lower"',
    "slug_from": 'slug_from = "title"',
    "content": 'content = "_posts"',
    "copy": 'copy = ["assets", "images"]',
    "undated": 'undated = "skip"',
    "tags_split": 'tags_split = "space"',
    "tag_folds": 'tag_folds = ["hamza", "teh_marbuta", "alef_maqsura"]',
    "tag_aliases": '[tag_aliases] then "اقتصاد" = ["الاقتصاد", "اقتصادي"]',
    "strings": '[strings.ar] then related = "اقرأ أيضاً"',
    "search": "search = false",
    "search_shard_size": "search_shard_size = 500",
    "cname": 'cname = "archive.example.org"',
    "logo": 'logo = "/images/logo.png"',
    "default_image": 'default_image = "/images/share.png"',
    "picture_widths": "picture_widths = [480, 800, 1200]",
    "picture_format": 'picture_format = "avif"',
    "picture_quality": "picture_quality = 80",
    "keep_photo_metadata": "keep_photo_metadata = true",
    "share_cards": 'share_cards = "all"',
    "card_font": 'card_font = "fonts/Amiri-Bold.ttf"',
    "web_fonts": "web_fonts = false",
    "fonts": '[fonts] then arabic = "fonts/Amiri-Regular.ttf" and arabic_bold = "fonts/Amiri-Bold.ttf"',
    "menu": 'menu = ["سياسة", "اقتصاد", "ثقافة"]',
    "authors": '[authors."سارة الأحمد"] then bio = "مراسلة الأرشيف في بغداد" and links = ["https://x.com/sara"]',
    "deploy": '[deploy] then target = "git" and remote = "git@host:user/repo.git"',
    "extra": "[extra] then your own keys",
}
KEYS: dict[str, Callable[[Any], str | None]] = {
    "title": _check_title,
    "base_url": _check_base_url,
    "language": _check_language,
    "timezone": _check_timezone,
    "permalink": _check_permalink,
    "permalinks": _check_permalinks,
    "per_page": _check_count,
    "feed_entries": _check_count,
    "theme": _check_theme,
    "description": _check_string,
    "share": _check_share,
    "locale": _check_locale,
    "month_names": _one_of("locale", "dual"),
    "digits": _one_of("latin", "arabic"),
    "hijri": _check_bool,
    "slug_style": _one_of("arabic", "latin", "pretty"),
    "slug_case": _one_of("keep", "lower"),
    "slug_from": _one_of("file", "title"),
    "content": _check_folder_name,
    "copy": _check_folder_names,
    "undated": _one_of("error", "skip"),
    "tags_split": _one_of("comma", "space"),
    "tag_folds": _check_tag_folds,
    "tag_aliases": _check_tag_aliases,
    "strings": _check_strings,
    "search": _check_bool,
    "search_shard_size": _check_count,
    "cname": _check_cname,
    "logo": _check_picture,
    "default_image": _check_picture,
    "picture_widths": _check_widths,
    "picture_format": _one_of("webp", "avif"),
    "picture_quality": _check_quality,
    "keep_photo_metadata": _check_bool,
    "share_cards": _one_of("missing", "all", "none"),
    "card_font": _check_font,
    "web_fonts": _check_bool,
    "fonts": _check_fonts,
    "menu": _check_menu,
    "authors": _check_authors,
    "deploy": _check_deploy,
    "extra": _check_table,
}
REQUIRED = ("title", "base_url")


def _line_of_key(text: str, key: str) -> int | None:
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=|^\s*\[\s*{re.escape(key)}\s*[\].]")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None


def line_in_site_toml(root: Path, key: str, table: str | None = None) -> int | None:
    """The line of KEY (in [TABLE], when given) in ROOT/site.toml, for errors found after
    the config was read."""
    try:
        lines = (root / CONFIG_FILE).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    start = 0
    if table is not None:
        found = _line_of_key("\n".join(lines), table)
        if found is None:
            return None
        start = found
    found = _line_of_key("\n".join(lines[start:]), key)
    return found + start if found is not None else None


def _toml_error_line(error: tomllib.TOMLDecodeError) -> int | None:
    match = re.search(r"at line (\d+)", str(error))
    return int(match.group(1)) if match else None


def parse_config(text: str, *, source: str = CONFIG_FILE, root: Path = Path("."),
                 output_dir: Path | None = None) -> SiteConfig:
    """Validate site.toml text; every bad key is reported at once."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        raise ConfigError([SiteError(source, _toml_error_line(error), f"invalid TOML: {message}",
                                     "check quotes and brackets; strings need \"double quotes\"")])
    return config_from(data, text, source=source, root=root, output_dir=output_dir)


def config_from(data: dict[str, Any], text: str = "", *, source: str = CONFIG_FILE, root: Path = Path("."),
                output_dir: Path | None = None, **fields: Any) -> SiteConfig:
    """Validate site.toml's keys (DATA), which TEXT, when given, holds on its lines. FIELDS:
    what is not a key of site.toml (the settings file, notes on its translation)."""
    errors: list[SiteError] = []
    for key, value in data.items():
        check = KEYS.get(key)
        if check is None:
            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            errors.append(SiteError(source, _line_of_key(text, key), f"unknown key {key!r}",
                                    hint + "allowed keys: " + ", ".join(KEYS) + "; put your own values under [extra]"))
            continue
        problem = check(value)
        if problem:
            errors.append(SiteError(source, _line_of_key(text, key), f"{key} {problem}",
                                    f"write it as in: {EXAMPLES[key]}"))
    for key in REQUIRED:
        if key not in data:
            errors.append(SiteError(source, None, f"missing required key {key!r}", f"add a line: {EXAMPLES[key]}"))
    if errors:
        raise ConfigError(errors)
    misplaced = _misplaced_keys(data, text, source)
    if misplaced:
        fields["settings_notes"] = tuple(fields.get("settings_notes", ())) + misplaced
    values = dict(data)
    base_url = values["base_url"]
    if not base_url.endswith("/"):
        values["base_url"] = base_url + "/"
    for key in ("share", "tag_folds", "copy", "picture_widths", "menu"):
        if key in values:
            values[key] = tuple(values[key])
    if "tag_aliases" in values:
        values["tag_aliases"] = MappingProxyType(_alias_map(values["tag_aliases"]))
    if "deploy" in values:
        values["deploy"] = MappingProxyType(values["deploy"])
    if "fonts" in values:
        values["fonts"] = MappingProxyType(values["fonts"])
    if "permalinks" in values:
        values["permalinks"] = MappingProxyType(values["permalinks"])
    if "strings" in values:
        values["strings"] = MappingProxyType({lang: MappingProxyType(words)
                                              for lang, words in values["strings"].items()})
    if "authors" in values:
        values["authors"] = MappingProxyType({name: MappingProxyType(record)
                                              for name, record in values["authors"].items()})
    if "extra" in values:
        values["extra"] = MappingProxyType(values["extra"])
    return SiteConfig(**values, root=root, output_dir=output_dir if output_dir is not None else root / "site",
                      **fields)


def _misplaced_keys(data: dict[str, Any], text: str, source: str) -> tuple[SiteError, ...]:
    """Settings written inside [extra]: TOML puts every line after a table's header into the
    table, so `locale = "ar_IQ"` appended to a site.toml that ends with [extra] sets nothing."""
    extra = data.get("extra")
    if not isinstance(extra, dict):
        return ()
    start = _line_of_key(text, "extra") or 0
    found = []
    for key in extra:
        if key in KEYS and key != "extra":
            line = _line_of_key("\n".join(text.splitlines()[start:]), key)
            found.append(SiteError(source, line + start if line else None,
                                   f"`{key}` is inside [extra], where it sets nothing (ssg reads it from the top)",
                                   "move the line above the first [table] of the file: TOML puts every line after "
                                   "a [table] header into that table"))
    return tuple(found)


def _alias_map(table: dict[str, Any]) -> dict[str, str]:
    """Both ways of writing an alias, as alias -> tag."""
    aliases: dict[str, str] = {}
    for key, value in table.items():
        if isinstance(value, str):
            aliases[key] = value
        else:
            aliases.update({alias: key for alias in value})
    return aliases


def load_config(root: Path, output_dir: Path | None = None) -> SiteConfig:
    """Read ROOT/site.toml. The output folder defaults to ROOT/site."""
    root = root.resolve()
    path = root / CONFIG_FILE
    output = (output_dir if output_dir is not None else root / "site").resolve()
    if not path.is_file():
        layout = find_layout(root)
        if layout is None:
            raise ConfigError([SiteError(path.as_posix(), None, "no site.toml here",
                                         "run `ssg new` to start a site, `ssg import` to bring an archive, or "
                                         "pass the site folder with -s DIR")])
        # An archive of another generator, built in place: its settings, translated.
        config = config_from(layout.settings, source=layout.settings_file, root=root, output_dir=output,
                             settings_file=layout.settings_file,
                             settings_notes=tuple(SiteError(layout.settings_file, None, note) for note in layout.notes))
        _check_output_dir(config)
        return config
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ConfigError([SiteError(CONFIG_FILE, data[:error.start].count(b"\n") + 1, "site.toml is not UTF-8 text",
                                     "save it as UTF-8 (most editors: Save with Encoding)")]) from None
    config = parse_config(text, source=CONFIG_FILE, root=root, output_dir=output)
    _check_output_dir(config)
    return config


def _check_output_dir(config: SiteConfig) -> None:
    out, root = config.output_dir, config.root
    if out == root or root.is_relative_to(out) or config.content_dir.is_relative_to(out) \
            or out.is_relative_to(config.content_dir):
        raise ConfigError([SiteError(out.as_posix(), None, "the output folder would overwrite the site's own files",
                                     "choose an output folder outside content/ that is not the site folder, "
                                     "e.g. -o site")])


def replace(config: SiteConfig, **changes: Any) -> SiteConfig:
    return dataclasses.replace(config, **changes)
