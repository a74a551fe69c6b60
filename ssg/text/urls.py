"""Slugs, permalinks and the url / output_path / permalink triple of every page.

`url` is the public, percent-encoded path including the site's sub-path
(`/archive/2024/09/x/`), `output_path` the file under site/ (`2024/09/x/index.html`),
and `permalink` the absolute URL (`https://example.org/archive/2024/09/x/`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote

from slugify import slugify as latin_slugify

from .arabic import ZWNJ, strip_marks, to_latin_digits

# Characters kept in a percent-encoded path besides letters and digits (RFC 3986 pchar).
_PATH_SAFE = "/-._~!$&'()*+,;=:@"
_PRETTY = frozenset("._~!$&'()+,;=@")
_UNSAFE_IN_SLUG = re.compile(r"[\x00-\x1f\x7f<>:\"|?*#%\\]")


_LEAVES_THE_SITE = re.compile(r"\x00|\\|^[A-Za-z]:|^[A-Za-z][A-Za-z0-9+.-]*://|(?:^|/)\.\.(?:/|$)")


class UnsafeSlug(ValueError):
    """A front-matter slug or path that would lead out of the site."""


def slugify(text: str, style: str = "arabic", lower: bool = True) -> str:
    """A URL name from a title or a file name.

    "arabic" keeps Arabic (and any other) letters, drops tashkeel, tatweel,
    punctuation and invisible characters, and joins words with hyphens;
    "latin" transliterates to ASCII; "pretty" is Jekyll's :title, which keeps letters,
    marks, digits and ._~!$&'()+,;=@ and makes a hyphen of any other run. LOWER false keeps
    Latin capitals (as Jekyll keeps a file name's).
    """
    if style == "latin":
        return latin_slugify(strip_marks(text), lowercase=lower)
    if style == "pretty":     # Jekyll's :title: what its "pretty" mode keeps, other runs a hyphen
        text = unicodedata.normalize("NFC", text.lower() if lower else text)
        kept = "".join(ch if unicodedata.category(ch)[0] in "LNM" or ch in _PRETTY else "\0" for ch in text)
        return "-".join(part for part in kept.split("\0") if part).lstrip(".")
    text = to_latin_digits(strip_marks(text).replace(ZWNJ, ""))
    if lower:
        text = text.lower()
    kept = [ch if unicodedata.category(ch)[0] in "LNM" else " " for ch in text]
    return "-".join("".join(kept).split())


def clean_slug(slug: str) -> str:
    """A slug written in front-matter, kept as written but safe: one segment, or a path of
    them (`web/javascript/story`, as Gatsby archives write them) that stays inside the
    site. Slashes at its ends are dropped. Raises UnsafeSlug for `..`, a drive letter,
    a backslash, a scheme or NUL."""
    return "/".join(clean_path(slug).strip("/").split("/"))


def clean_path(path: str) -> str:
    """A path written in front-matter (a slug, or Hugo's `url:`), each segment made safe
    as clean_slug makes one; leading and trailing slashes kept, empty segments dropped."""
    path = unicodedata.normalize("NFC", path).strip()
    if _LEAVES_THE_SITE.search(path):
        raise UnsafeSlug(path)
    segments = ["-".join(_UNSAFE_IN_SLUG.sub("", segment).split()).strip(".") for segment in path.split("/")]
    inner = "/".join(segment for segment in segments if segment)
    if not inner:
        return "/" if path.startswith("/") else ""
    return ("/" if path.startswith("/") else "") + inner + ("/" if path.endswith("/") else "")


class _PercentEncoding(dict):
    """Character code -> the character itself when it is safe in a path, else the
    percent-encoding of its UTF-8 bytes; filled as characters are met."""

    def __missing__(self, code: int) -> str:
        encoded = self[code] = quote(chr(code), safe=_PATH_SAFE)
        return encoded


_PATH_ENCODING = _PercentEncoding()


def encode_path(path: str) -> str:
    """Percent-encode a path (UTF-8), leaving '/' and RFC 3986 sub-delimiters alone: what
    urllib.parse.quote(path, safe=...) gives, one character at a time through str.translate,
    which is several times faster on Arabic slugs (an archive encodes every URL it has)."""
    return path.translate(_PATH_ENCODING)


def output_path_for(path: str) -> str:
    """'/2024/09/x/' -> '2024/09/x/index.html'; '/about.html' -> 'about.html'."""
    relative = path.lstrip("/")
    if relative == "" or relative.endswith("/"):
        return relative + "index.html"
    return relative


def is_inside(path: str) -> bool:
    """True when a relative output path cannot climb out of the output folder."""
    parts = path.split("/")
    return not path.startswith("/") and all(part not in ("..", ".") for part in parts) and "\\" not in path


class Urls:
    """Turns a site path ('/2024/09/x/') into its url (with the site's sub-path,
    percent-encoded) and its permalink (absolute)."""

    def __init__(self, base_path: str, origin: str):
        self.base_path, self.origin = base_path, origin
        # A listing's URL is asked for by each of its pages and by every page linking to
        # it; an article's twice (url and permalink). Recent ones are remembered.
        self.url = lru_cache(maxsize=8192)(self._url)

    def _url(self, path: str) -> str:
        return encode_path(self.base_path + path)

    def permalink(self, path: str) -> str:
        return self.origin + self.url(path)
