"""Markdown to HTML with markdown-it-py: CommonMark, tables, strikethrough, footnotes,
heading ids that work for Arabic, bidi-safe direction attributes and resolved links."""

from __future__ import annotations

import posixpath
from typing import Callable, Mapping
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin

from ..text.urls import encode_path, slugify

# Blocks whose direction follows their own first strong character, so an English
# paragraph inside an Arabic article reads left to right.
AUTO_DIRECTION = frozenset({
    "paragraph_open", "heading_open", "list_item_open", "blockquote_open", "th_open", "td_open",
})

Resolver = Callable[[str], str]


def _set_directions(state: StateCore) -> None:
    for token in state.tokens:
        if token.type in AUTO_DIRECTION and not token.hidden:
            token.attrSet("dir", "auto")
        if token.children:
            for child in token.children:
                if child.type == "code_inline":
                    child.attrSet("dir", "ltr")


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


def _resolve_links(state: StateCore) -> None:
    resolve: Resolver | None = state.env.get("resolve_link")
    if resolve is None:
        return
    for token in state.tokens:
        for child in token.children or ():
            if child.type == "link_open":
                child.attrSet("href", resolve(str(child.attrGet("href") or "")))
            elif child.type == "image":
                child.attrSet("src", resolve(str(child.attrGet("src") or "")))


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
    md.core.ruler.push("ssg_directions", _set_directions)
    md.core.ruler.push("ssg_links", _resolve_links)
    _code_block_ltr(md)
    return md


_MARKDOWN = make_markdown()
# Front-matter text (a source, a caption): Markdown's links, emphasis and code, but no raw
# HTML, which is shown as written. Unlike a body, front-matter often comes from elsewhere
# (an import, a wire feed), where a <script> would run on the article's page.
_INLINE = MarkdownIt("commonmark", {"html": False}).enable(["strikethrough"])


def render_markdown(text: str, resolve_link: Resolver | None = None) -> str:
    """Pure: Markdown text in, HTML out."""
    html = _MARKDOWN.render(text, {"resolve_link": resolve_link} if resolve_link else {})
    return html.replace('<hr class="footnotes-sep" />', '<hr class="footnotes-sep">')


def render_inline(text: str) -> str:
    """One line of Markdown (a source, a caption) without a wrapping paragraph, and with
    any HTML in it escaped."""
    return _INLINE.renderInline(text)


def link_resolver(article_dir: str, base_path: str, articles: Mapping[str, str]) -> Resolver:
    """Resolve a link written in an article in content/ARTICLE_DIR.

    A relative link to another article's .md file becomes that article's URL; a
    relative link to any other file becomes its URL beside the pages (content
    assets are copied to the same relative path); a root-relative link gets the
    site's sub-path. Absolute URLs and in-page anchors are left alone.
    """

    def resolve(href: str) -> str:
        if not href or href.startswith(("#", "//")):
            return href
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
        source = f"content/{target}" if target != "." else "content"
        if source in articles:
            return articles[source] + ("#" + parts.fragment if parts.fragment else "")
        trailing = "/" if path.endswith("/") else ""
        return encode_path(f"{base_path}/{target}{trailing}") + suffix

    return resolve
