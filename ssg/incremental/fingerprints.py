"""What each output was made from, as one hash: a page is rendered again only when its
digest changes, so the digest must cover everything its template can see."""

from __future__ import annotations

import dataclasses
import operator
from functools import lru_cache
from pathlib import Path
from typing import Mapping, NamedTuple

import jinja2
from jinja2 import meta

from ..article import CARD_FIELDS, Article
from ..errors import BuildFailed, SiteError, display_path
from .state import sha1, unchanged
from ..model.pages import Page

_PAGE_FIELDS = tuple(f.name for f in dataclasses.fields(Page))
_NEIGHBOUR_FIELDS = frozenset({"newer", "older", "lead"})   # articles shown by their cards
_card_values = operator.attrgetter(*CARD_FIELDS)


class Fingerprints(NamedTuple):
    """Two per article: most pages show an article's card (title, date, summary, tags, where
    it lives), and only its own page and the feeds show its body. So an edited body renders
    those pages again and no listing."""
    cards: dict[str, str]            # source -> card fingerprint
    bodies: dict[str, str]           # source -> body fingerprint


def card_fingerprint(article: Article) -> str:
    """Changes when anything a page may show of the article, other than its body, changes."""
    return sha1(repr(_card_values(article)))


def body_fingerprint(article: Article, links: Mapping[str, str]) -> str:
    """Changes when the article's rendered body may change: its file, its URL (links in the
    body are made relative to it), and where the articles it links to live."""
    content = article.content_hash or sha1(article.body or "")
    return sha1(article.source, content, article.url, article.dialect,
                repr(tuple((source, links.get(source)) for source in article.md_links)))


def fingerprints_of(articles, links: Mapping[str, str], last: tuple | None = None) -> Fingerprints:
    """LAST: the last build's (records by source, Fingerprints, links), whose fingerprints
    carry over for the records that are unchanged (state.unchanged)."""
    cards, bodies = {}, {}
    records, (last_cards, last_bodies), last_links = last if last is not None else ({}, ({}, {}), {})
    for article in articles:
        source = article.source
        same = unchanged(records.get(source), article) and source in last_cards
        cards[source] = last_cards[source] if same else card_fingerprint(article)
        if same and all(links.get(target) == last_links.get(target) for target in article.md_links):
            bodies[source] = last_bodies[source]
        else:
            bodies[source] = body_fingerprint(article, links)
    return Fingerprints(cards, bodies)


def carried_by_feeds(pages) -> set[str]:
    """The sources of the articles the feeds among PAGES carry."""
    return {a.source for page in pages if page.kind == "feed" for a in page.articles}


def feed_bodies(pages, fingerprints: Fingerprints) -> set[str]:
    """The keys of the bodies the feeds among PAGES show (kept for the next build)."""
    return {fingerprints.bodies[source] for source in carried_by_feeds(pages)}


_PLAIN = frozenset({str, int, float, bool, type(None)})
# Records many pages hold (each page of a tag holds its term): printed once per build.
_SHARED_FIELDS = frozenset({"term", "terms", "period", "newer_period", "older_period", "archive"})
_page_values = operator.attrgetter(*_PAGE_FIELDS)


def shows_bodies(page: Page) -> bool:
    """An article's page shows its body, a feed its entries' bodies."""
    return page.kind in ("article", "feed")


def page_digest(page: Page, fingerprints: Fingerprints, template: str, site: str,
                shown: dict[int, str] | None = None) -> str:
    """SHOWN keeps, for one build, the repr of records many pages share (a tag, a period):
    by id, as they live as long as the site model."""
    shown = {} if shown is None else shown
    cards, bodies = fingerprints
    with_bodies = shows_bodies(page)
    plain = []                       # printed together: one repr for the page's plain fields
    parts = [template, site]
    for name, value in zip(_PAGE_FIELDS, _page_values(page)):
        if type(value) in _PLAIN:
            plain.append(value)
            continue
        plain.append(...)            # the other fields follow in PARTS, each under its name
        if name == "article":
            source = value.source
            parts.append(f"{name}={cards[source]}:{bodies[source] if with_bodies else ''}")
        elif name in _NEIGHBOUR_FIELDS:
            parts.append(f"{name}={cards[value.source]}")
        elif name == "blocks":
            parts.append(name)
            for block in value:
                parts.append(repr((block.name, block.url)))
                parts.extend(cards[a.source] for a in block.articles)
        elif name == "related":
            parts.append(name)
            parts.extend(cards[a.source] for a in value)
        elif name == "pagination":
            parts.append(name + repr((value.number, value.first_url, value.prev_url, value.next_url)))
            parts.extend(cards[a.source] for a in value.items)
        elif name == "articles":
            parts.append(name)
            parts.extend(cards[a.source] + ":" + bodies[a.source] if with_bodies else cards[a.source] for a in value)
        elif name == "urls":             # a sitemap's 50,000 entries: no one repr of them all
            parts.append(name)
            parts.extend(map(repr, value))
        elif name in _SHARED_FIELDS:
            text = shown.get(id(value))
            if text is None:
                text = shown[id(value)] = repr(value)
            parts.append(f"{name}={text}")
        else:
            parts.append(f"{name}={value!r}")
    parts.append(repr(plain))
    return sha1(*parts)


class TemplateDigests:
    """A template's digest covers its own source and every template it extends, imports or
    includes, so a change to a partial re-renders exactly the pages that use it."""

    def __init__(self, env: jinja2.Environment, known: Mapping[str, str] | None = None, root: Path | None = None):
        """KNOWN: digests already made of these very templates (by name). ROOT: the site
        folder, which errors name files from."""
        self.env, self.known, self.root = env, known or {}, root
        self.digest = lru_cache(maxsize=None)(self._digest)

    def _digest(self, name: str) -> str:
        if name in self.known:
            return self.known[name]
        try:
            source, filename, _ = self.env.loader.get_source(self.env, name)
        except jinja2.TemplateNotFound:
            return sha1("missing", name)
        except UnicodeDecodeError as error:
            raise BuildFailed([self._not_utf8(name, error)]) from None
        try:
            referenced = sorted(n for n in meta.find_referenced_templates(self.env.parse(source)) if n)
        except jinja2.TemplateSyntaxError:
            referenced = []
        return sha1(name, filename or "", source, *(self.digest(n) for n in referenced if n != name))

    def _not_utf8(self, name: str, error: UnicodeDecodeError) -> SiteError:
        """The template file NAME stands for, and the line of its first byte that is not UTF-8."""
        for folder in getattr(self.env.loader, "searchpath", ()):
            path = Path(folder) / name
            if path.is_file():
                line = path.read_bytes()[:error.start].count(b"\n") + 1
                return SiteError(display_path(path, self.root), line, "template is not UTF-8 text",
                                 "save the template as UTF-8 (most editors: Save with Encoding)")
        return SiteError(name, None, "template is not UTF-8 text", "save the template as UTF-8")


def site_digest(*parts: object) -> str:
    return sha1(*(repr(p) for p in parts))

