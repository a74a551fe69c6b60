"""Markdown to HTML with markdown-it-py: CommonMark, tables, strikethrough, footnotes,
heading ids that work for Arabic, bidi-safe direction attributes and resolved links."""

from __future__ import annotations

import html
import posixpath
import re
import unicodedata
from typing import Callable, Mapping
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin

from ..reading.dialects import ATTRIBUTE_LIST, REFERENCE, TOC_MARK
from ..reading.links import site_path
from ..text.urls import encode_path, slugify

# Blocks whose direction follows their own first strong character, so an English
# paragraph inside an Arabic article reads left to right.
AUTO_DIRECTION = frozenset({"paragraph_open", "heading_open", "th_open", "td_open"})
# Blocks that hold other blocks: dir="auto" would skip their children, which carry their own
# dir, and find no text (a loose list's items, a quote of paragraphs: ltr). A quote's direction
# is its first strong letter's, found here; a list's is its items' when they agree, and else
# the page's. Items inherit it, so that a Latin item of an Arabic list ("Reuters" among the
# sources) keeps its marker on the list's side, inside the column.
CONTAINERS = frozenset({"bullet_list_open", "ordered_list_open", "blockquote_open"})

Resolver = Callable[[str], str]
# A picture's src as written -> the attributes its <img> gets (width, height, srcset...), or None.
PictureSizes = Callable[[str], "tuple[tuple[str, str], ...] | None"]


def _set_directions(state: StateCore) -> None:
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type in AUTO_DIRECTION and not token.hidden:
            token.attrSet("dir", "auto")
        elif token.type in CONTAINERS:
            direction = _list_direction(tokens, index) if token.type != "blockquote_open" \
                else _first_strong_direction(tokens, index)
            if direction:
                token.attrSet("dir", direction)
        if token.children:
            for child in token.children:
                if child.type == "code_inline":
                    child.attrSet("dir", "ltr")


def _list_direction(tokens, start: int) -> str:
    """The direction the items of the list at TOKENS[START] agree on, or '' (the page's)."""
    level, found = tokens[start].level, set()
    for index in range(start + 1, len(tokens)):
        token = tokens[index]
        if token.level == level and token.nesting == -1:
            break
        if token.type == "list_item_open" and token.level == level + 1:
            found.add(_first_strong_direction(tokens, index))
    found.discard("")
    return found.pop() if len(found) == 1 else ""


def _first_strong_direction(tokens, start: int) -> str:
    """'rtl' or 'ltr' by the first strong letter of the text inside the block that opens at
    TOKENS[START] (code aside, as a browser's dir="auto" sets it aside); '' if none."""
    level = tokens[start].level
    for token in tokens[start + 1:]:
        if token.level <= level and token.nesting == -1:
            return ""
        for child in token.children or ():
            if child.type == "text":
                for ch in child.content:
                    kind = unicodedata.bidirectional(ch)
                    if kind in ("R", "AL"):
                        return "rtl"
                    if kind == "L":
                        return "ltr"
    return ""


def _normalize(state: StateCore) -> None:
    """CommonMark's line endings and NUL replacement, as markdown-it's own rule does them,
    with str.replace: its regex substitutes every newline of the text, a large share of
    the time of rendering a body."""
    source = state.src
    if "\r" in source:
        source = source.replace("\r\n", "\n").replace("\r", "\n")
    if "\0" in source:
        source = source.replace("\0", "\ufffd")
    state.src = source


_HTML_LINK = re.compile(r"""(\s(?:href|src)\s*=\s*)(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


# How wide a picture in an article's body is shown: the article's column (the default
# theme's --measure, 44rem), or the screen less its margins on a phone.
BODY_PICTURE_SIZES = "(max-width: 46rem) calc(100vw - 2rem), 44rem"
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_IMG_SRC = re.compile(r"""\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


def _resolve_links(state: StateCore) -> None:
    """Links and pictures, in Markdown and in raw HTML alike (an <img> an include or a
    shortcode wrote, or an author), resolve the same way; a picture of the site gets its
    size and smaller copies."""
    resolve: Resolver | None = state.env.get("resolve_link")
    if resolve is None:
        return
    sized: PictureSizes | None = state.env.get("picture_sizes")

    def in_html(match: re.Match) -> str:
        written = html.unescape(match.group(2) if match.group(2) is not None else match.group(3))
        return f'{match.group(1)}"{html.escape(resolve(written))}"'

    def html_picture(match: re.Match) -> str:
        tag = match.group(0)
        src = _IMG_SRC.search(tag)
        found = sized(html.unescape(src.group(1) if src.group(1) is not None else src.group(2))) if src else None
        if found is None or re.search(r"\sheight\s*=", tag, re.IGNORECASE):
            return tag
        width = re.search(r"""\swidth\s*=\s*["']?(\d+)""", tag, re.IGNORECASE)
        if width is not None:            # the author's width: the height that keeps the picture's shape
            size = dict(found)
            height = round(int(width.group(1)) * int(size["height"]) / max(1, int(size["width"])))
            found = (("height", str(height)),)
        attributes = "".join(f' {name}="{html.escape(value)}"' for name, value in found
                             if not re.search(rf"\s{name}\s*=", tag, re.IGNORECASE))
        end = len(tag) - (2 if tag.endswith("/>") else 1)
        return tag[:end].rstrip() + attributes + tag[end:]

    def in_block(content: str) -> str:
        if sized is not None and ("<img" in content or "<IMG" in content):
            content = _IMG_TAG.sub(html_picture, content)
        return _HTML_LINK.sub(in_html, content)

    for token in state.tokens:
        if token.type == "html_block" and ("href" in token.content or "src" in token.content):
            token.content = in_block(token.content)
        for child in token.children or ():
            if child.type == "link_open":
                child.attrSet("href", resolve(str(child.attrGet("href") or "")))
            elif child.type == "image":
                written = str(child.attrGet("src") or "")
                child.attrSet("src", resolve(written))
                for name, value in (sized(written) or ()) if sized is not None else ():
                    child.attrSet(name, value)
            elif child.type == "html_inline" and ("href" in child.content or "src" in child.content):
                child.content = in_block(child.content)


_HEADING_ID = re.compile(r"\s*\{#([\w-]+)\}\s*$")
_LAST_LINE_ATTRIBUTES = re.compile(r"(?:^|\n)[ \t]*(" + ATTRIBUTE_LIST.pattern + r")[ \t]*$")


def _attributes(text: str) -> list[tuple[str, str]]:
    """kramdown's `{: .class #id key="value"}` as attributes."""
    found: list[tuple[str, str]] = []
    for part in re.findall(r"""[.#][\w-]+|[\w-]+=(?:"[^"]*"|'[^']*'|[^\s}]+)""", text):
        if part[0] == ".":
            found.append(("class", part[1:]))
        elif part[0] == "#":
            found.append(("id", part[1:]))
        else:
            key, value = part.split("=", 1)
            if not key.lower().startswith("on"):       # attributes, not scripts
                found.append((key, value.strip("\"'")))
    return found


def _take_kramdown_attributes(state: StateCore) -> None:
    """Before inline parsing: a block attribute list on the last line of a paragraph, or in
    a paragraph of its own after a block, or a header id (`## Title {#id}`), is taken out
    of the text and kept for its block (set once the anchors have their ids)."""
    if "{" not in state.src:
        return                           # most bodies: nothing to look for
    tokens = state.tokens
    drop = []
    for index, token in enumerate(tokens):
        if token.type != "inline" or "{" not in token.content:
            continue
        opener = tokens[index - 1]
        if opener.type == "heading_open":
            found = _HEADING_ID.search(token.content)
            if found:
                token.content = token.content[:found.start()]
                opener.meta.setdefault("attributes", []).append(("id", found.group(1)))
                state.env["kramdown attributes"] = True
            continue
        found = _LAST_LINE_ATTRIBUTES.search(token.content)
        if opener.type != "paragraph_open" or found is None:
            continue
        attributes = _attributes(found.group(2))
        state.env["kramdown attributes"] = True
        if found.start() > 0:
            token.content = token.content[:found.start()]
            opener.meta.setdefault("attributes", []).extend(attributes)
            continue
        target = _block_before(tokens, index - 1)          # a paragraph of the list alone
        if target is not None:
            target.meta.setdefault("attributes", []).extend(attributes)
            drop.append(index - 1)
    for start in reversed(drop):
        del tokens[start:start + 3]


def _block_before(tokens, index: int):
    """The opening token of the block just before TOKENS[INDEX], at the same level."""
    level = tokens[index].level
    for back in range(index - 1, -1, -1):
        token = tokens[back]
        if token.level == level and token.nesting != -1:
            return token if token.type not in ("inline",) else None
        if token.level < level:
            return None
    return None


def _set_kramdown_attributes(state: StateCore) -> None:
    if not state.env.get("kramdown attributes"):
        return
    for token in state.tokens:
        for key, value in token.meta.get("attributes", ()) if token.meta else ():
            if key == "class" and token.attrGet("class"):
                value = f"{token.attrGet('class')} {value}"
            token.attrSet(key, value)


def table_of_contents(body_html: str) -> str:
    """The body with kramdown's {:toc} mark replaced by a list of its headings."""
    headings = re.findall(r'<h([2-6])[^>]*\bid="([^"]+)"[^>]*>(.*?)</h\1>', body_html, re.DOTALL)
    if not headings:
        return body_html.replace(TOC_MARK, "")
    top = min(int(level) for level, _, _ in headings)
    lines, depth = ['<nav class="toc">'], top - 1
    for level, anchor, inner in headings:
        level = min(int(level), depth + 1)        # h2 then h4: one level deeper, not two
        if depth < level:
            lines.append("<ul>")
            depth += 1
        while depth > level:
            lines.append("</li></ul>")
            depth -= 1
        if lines[-1] != "<ul>":
            lines.append("</li>")
        text = re.sub(r"<[^>]+>", "", inner).strip()
        lines.append(f'<li><a href="#{anchor}">{text}</a>')
    while depth >= top:
        lines.append("</li></ul>")
        depth -= 1
    lines.append("</nav>")
    return body_html.replace(TOC_MARK, "".join(lines), 1).replace(TOC_MARK, "")


def _code_block_ltr(md: MarkdownIt) -> None:
    """Code reads left to right whatever the article's direction."""
    for rule in ("fence", "code_block"):
        default = md.renderer.rules[rule]

        def render(self, tokens, idx, options, env, _default=default):
            return _default(tokens, idx, options, env).replace("<pre>", '<pre dir="ltr">', 1)

        md.add_render_rule(rule, render)


def make_markdown() -> MarkdownIt:
    md = (
        MarkdownIt("commonmark", {"html": True, "xhtmlOut": False})
        .enable(["table", "strikethrough"])
        .use(footnote_plugin)
        .use(anchors_plugin, min_level=1, max_level=6, slug_func=lambda text: slugify(text) or "section")
    )
    md.core.ruler.at("normalize", _normalize)
    md.core.ruler.after("block", "kramdown_take_attributes", _take_kramdown_attributes)
    md.core.ruler.push("ssg_directions", _set_directions)
    md.core.ruler.push("ssg_links", _resolve_links)
    md.core.ruler.push("kramdown_set_attributes", _set_kramdown_attributes)
    _code_block_ltr(md)
    return md


_MARKDOWN = make_markdown()
# Front-matter text (a source, a caption): Markdown's links, emphasis and code, but no raw
# HTML, which is shown as written. Unlike a body, front-matter often comes from elsewhere
# (an import, a wire feed), where a <script> would run on the article's page.
_INLINE = MarkdownIt("commonmark", {"html": False}).enable(["strikethrough"])


def render_markdown(text: str, resolve_link: Resolver | None = None, picture_sizes: PictureSizes | None = None) -> str:
    """Pure: Markdown text in, HTML out."""
    env: dict = {"resolve_link": resolve_link} if resolve_link else {}
    if picture_sizes is not None:
        env["picture_sizes"] = picture_sizes
    rendered = _MARKDOWN.render(text, env)
    if TOC_MARK in rendered:
        rendered = table_of_contents(rendered)
    return rendered.replace('<hr class="footnotes-sep" />', '<hr class="footnotes-sep">')


def render_inline(text: str) -> str:
    """One line of Markdown (a source, a caption) without a wrapping paragraph, and with
    any HTML in it escaped."""
    return _INLINE.renderInline(text)


def picture_sizes(article_dir: str, articles: Mapping[str, str]) -> PictureSizes:
    """The attributes of a picture an article in content/ARTICLE_DIR shows: ARTICLES holds
    "picture:PATH" -> "WIDTH HEIGHT SRCSET" for each picture of the site its body shows
    (pictures/shown.py)."""

    def sizes(src: str) -> tuple[tuple[str, str], ...] | None:
        path = site_path(unquote(src.split("#")[0].split("?")[0]), article_dir)
        found = articles.get("picture:" + path) if path is not None else None
        if found is None:
            return None
        width, height, *srcset = found.split(" ", 2)
        attributes = [("width", width), ("height", height)]
        if srcset:
            attributes += [("srcset", srcset[0]), ("sizes", BODY_PICTURE_SIZES)]
        return (*attributes, ("loading", "lazy"), ("decoding", "async"))

    return sizes


def link_resolver(article_dir: str, base_path: str, articles: Mapping[str, str], content: str = "content") -> Resolver:
    """Resolve a link written in an article in content/ARTICLE_DIR.

    A relative link to another article's .md file becomes that article's URL; a
    relative link to any other file becomes its URL beside the pages (content
    assets are copied to the same relative path); a root-relative link gets the
    site's sub-path. Absolute URLs and in-page anchors are left alone.
    """

    def resolve(href: str) -> str:
        if not href or href.startswith(("#", "//")):
            return href
        if href.startswith(REFERENCE):           # an article named by a shortcode or a Liquid tag
            name, _, fragment = href[len(REFERENCE):].partition("#")
            name = unquote(name)                 # Markdown percent-encodes a link's Arabic letters
            found = articles.get("name:" + name)
            return (found or encode_path(name)) + ("#" + fragment if fragment else "")
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            return href
        suffix = ("?" + parts.query if parts.query else "") + ("#" + parts.fragment if parts.fragment else "")
        path = unquote(parts.path)
        if path.startswith("/"):
            return encode_path(base_path + path) + suffix
        target = posixpath.normpath(posixpath.join(article_dir, path))
        if target.startswith("../") or target == "..":
            return href
        source = f"{content}/{target}" if target != "." else content
        if source in articles:
            return articles[source] + ("#" + parts.fragment if parts.fragment else "")
        named = articles.get("name:" + path.strip("/")) if "/" not in path.strip("/") else None
        if named is not None:                    # [x](other-post), as Jekyll archives link their posts
            return named + ("#" + parts.fragment if parts.fragment else "")
        trailing = "/" if path.endswith("/") else ""
        return encode_path(f"{base_path}/{target}{trailing}") + suffix

    return resolve
