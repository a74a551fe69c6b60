"""A WordPress post's HTML as Markdown. WordPress stores what its editors wrote: Gutenberg
blocks as HTML between comments, classic posts without <p> (paragraphs are blank lines,
which its `wpautop` turns into <p> when a page is shown), shortcodes in square brackets,
and the addresses of the site and its uploads written out whole. What no Markdown can say
(a figure with its caption, an allowed video frame) stays as an HTML block; what must not
be published (a <script>, a frame from an unknown host) is left out with a note."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urlsplit

from markdownify import markdownify

_BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->\n?", re.DOTALL)
_BLOCK_TAG = re.compile(r"^\s*</?(?:p|div|h[1-6]|ul|ol|li|table|thead|tbody|tr|td|th|blockquote|pre|figure|"
                        r"figcaption|hr|iframe|address|dl|dd|dt|section|article|aside|form|script|style|!--)\b",
                        re.IGNORECASE)
_SHORTCODE = re.compile(r"\[(caption|gallery|embed|video|audio|[a-z][\w-]*)\b([^\]]*)\](?:(.*?)\[/\1\])?",
                        re.DOTALL | re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""(\w[\w-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
_SCRIPT = re.compile(r"<script\b.*?</script\s*>|<script\b[^>]*/>", re.IGNORECASE | re.DOTALL)
_IFRAME = re.compile(r"<iframe\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)[\"'][^>]*>\s*</iframe\s*>", re.IGNORECASE | re.DOTALL)
_URL_LINE = re.compile(r"^\s*(?:<p>)?\s*(https?://[^\s<>\"]+)\s*(?:</p>)?\s*$", re.MULTILINE)
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
# WordPress's own sizing of a picture: its size classes, and the srcset of resized copies the
# archive may not have; ssg sizes the pictures it publishes itself.
_WORDPRESS_SIZING = re.compile(r"""\s(?:width|height|class|srcset|sizes|loading|decoding)"""
                               r"""\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
_ADDRESS = re.compile(r"""(\s(?:href|src)\s*=\s*)(["'])(.*?)\2""", re.IGNORECASE)
# Frames a post may keep: video and audio players and maps, by host.
FRAME_HOSTS = ("youtube.com", "youtube-nocookie.com", "player.vimeo.com", "w.soundcloud.com", "google.com",
               "dailymotion.com", "facebook.com")
YOUTUBE = re.compile(r"(?:youtube\.com/watch\?v=|youtu\.be/|youtube\.com/embed/)([\w-]{11})")


@dataclass
class Converted:
    markdown: str
    notes: list[tuple[str, str]] = field(default_factory=list)   # (kind, message)
    converted: dict[str, int] = field(default_factory=dict)       # shortcode name -> count


@dataclass
class Context:
    """What a body's conversion needs of the rest of the export."""
    address: Callable[[str], str]                     # a URL as written -> as the new site has it
    attachment: Callable[[int], tuple[str, str, str] | None]   # id -> (url, alt, caption)


def wpautop(text: str) -> str:
    """WordPress's paragraphs: text between blank lines becomes a <p>, a single line break
    a <br>, blocks (headings, lists, tables, figures...) stay as they are."""
    chunks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    out = []
    for chunk in chunks:
        chunk = chunk.strip()
        if not chunk:
            continue
        if _BLOCK_TAG.match(chunk) or chunk.startswith("["):
            out.append(chunk)
        else:
            out.append("<p>" + chunk.replace("\n", "<br>\n") + "</p>")
    return "\n\n".join(out)


def convert_body(text: str, context: Context) -> Converted:
    result = Converted("")
    text = _BLOCK_COMMENT.sub("", text)
    if "<p" not in text.lower():                     # a classic post: paragraphs are blank lines
        text = wpautop(text)
    kept: list[str] = []                             # HTML blocks Markdown cannot say, put back after

    def keep(block: str) -> str:
        kept.append(block)
        return f"\n\nSSGKEPT{len(kept) - 1}X\n\n"

    def shortcode(match: re.Match) -> str:
        name, attributes, inner = match.group(1).lower(), _attributes(match.group(2)), match.group(3) or ""
        made = _shortcode(name, attributes, inner, context, keep)
        if made is None:
            result.notes.append(("wordpress", f"shortcode [{name}] has no equivalent here: shown as text"))
            return html.escape(match.group(0)).replace("[", "&#91;").replace("]", "&#93;")
        result.converted[name] = result.converted.get(name, 0) + 1
        return made

    text = _SHORTCODE.sub(shortcode, text)
    if "<script" in text.lower():
        result.notes.append(("script", "a <script> was left out: a static archive runs no post's scripts"))
        text = _SCRIPT.sub("", text)

    def frame(match: re.Match) -> str:
        host = urlsplit(html.unescape(match.group(1))).hostname or ""
        if any(host == allowed or host.endswith("." + allowed) for allowed in FRAME_HOSTS):
            return keep(match.group(0))
        result.notes.append(("iframe", f"a frame from {host or 'nowhere'} was left out (not a known player)"))
        return ""

    text = _IFRAME.sub(frame, text)
    text = _URL_LINE.sub(lambda m: _embed(html.unescape(m.group(1)), keep, result), text)
    kept[:] = [_IMG.sub(_bare_picture, block) for block in kept]

    def readdress(match: re.Match) -> str:
        quote = match.group(2)
        return f"{match.group(1)}{quote}{html.escape(context.address(html.unescape(match.group(3))))}{quote}"

    text = _ADDRESS.sub(readdress, text)
    kept[:] = [_ADDRESS.sub(readdress, block) for block in kept]
    markdown = markdownify(text, heading_style="ATX", bullets="-", strip=["style", "span", "font"],
                           escape_underscores=False, escape_asterisks=False)
    markdown = re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"
    markdown = re.sub(r"SSGKEPT(\d+)X", lambda m: kept[int(m.group(1))], markdown)
    result.markdown = markdown
    return result


def _bare_picture(match: re.Match) -> str:
    return _WORDPRESS_SIZING.sub("", match.group(0)).replace(" />", ">").replace("/>", ">")


def _attributes(text: str) -> dict[str, str]:
    return {m.group(1).lower(): html.unescape(next(g for g in m.groups()[1:] if g is not None))
            for m in _ATTRIBUTE.finditer(text)}


def _shortcode(name: str, attributes: dict[str, str], inner: str, context: Context, keep) -> str | None:
    if name == "caption":
        image = re.search(r"<img\b[^>]*>", inner, re.IGNORECASE)
        caption = attributes.get("caption") or re.sub(r"<a\b[^>]*>\s*<img\b[^>]*>\s*</a>|<img\b[^>]*>", "",
                                                      inner).strip()
        if image is None:
            return inner
        return keep(f"<figure>{image.group(0)}<figcaption>{caption}</figcaption></figure>")
    if name == "gallery":
        ids = [int(i) for i in re.findall(r"\d+", attributes.get("ids", ""))]
        figures = []
        for number in ids:
            found = context.attachment(number)
            if found is not None:
                url, alt, caption = found
                figures.append(f'<figure><img src="{html.escape(url)}" alt="{html.escape(alt)}">'
                               + (f"<figcaption>{html.escape(caption)}</figcaption>" if caption else "")
                               + "</figure>")
        return keep('<div class="gallery">' + "".join(figures) + "</div>") if figures else ""
    if name == "embed":
        return f"\n\n{inner.strip()}\n\n"        # a URL on its own line: made an embed below
    if name in ("video", "audio"):
        source = attributes.get("src") or attributes.get("mp4") or attributes.get("mp3") or inner.strip()
        if not source:
            return None
        return keep(f'<{name} controls src="{html.escape(source)}"></{name}>')
    return None


def _embed(url: str, keep, result: Converted) -> str:
    """A URL alone on its line, which WordPress shows as the platform's player or post."""
    video = YOUTUBE.search(url)
    if video:
        result.converted["embed"] = result.converted.get("embed", 0) + 1
        return keep(f'<iframe src="https://www.youtube-nocookie.com/embed/{video.group(1)}" title="YouTube" '
                    'width="560" height="315" loading="lazy" allowfullscreen></iframe>')
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    if host in ("x.com", "twitter.com", "facebook.com", "instagram.com", "vimeo.com", "soundcloud.com", "t.me"):
        result.converted["embed"] = result.converted.get("embed", 0) + 1
        return f'<p><a href="{html.escape(url)}">{html.escape(url)}</a></p>'
    return f"<p>{html.escape(url)}</p>"
