"""What each output was made from, as one hash: a page is rendered again only when its
digest changes, so the digest must cover everything its template can see."""

from __future__ import annotations

import dataclasses
import operator
from functools import lru_cache
from typing import Mapping

import jinja2
from jinja2 import meta

from .article import Article
from .cache import sha1
from .model import Page

_PAGE_FIELDS = tuple(f.name for f in dataclasses.fields(Page))
_ARTICLE_FIELDS = frozenset({"article", "newer", "older"})


def article_fingerprint(article: Article, links: Mapping[str, str]) -> str:
    """Changes when anything a page may show of the article changes: its file, where it
    and its tags live, and where the articles its body links to live."""
    body = article.content_hash or sha1(article.body or "")
    return sha1(article.source, body, repr(article.date), article.url, article.output_path, article.permalink,
                repr(article.tag_links), repr(article.category_links), repr(article.image),
                repr(tuple((source, links.get(source)) for source in article.md_links)))


_PLAIN = frozenset({str, int, float, bool, type(None)})
# Records many pages hold (each page of a tag holds its term): printed once per build.
_SHARED_FIELDS = frozenset({"term", "terms", "period", "newer_period", "older_period", "archive"})
_page_values = operator.attrgetter(*_PAGE_FIELDS)


def page_digest(page: Page, fingerprints: Mapping[str, str], template: str, site: str,
                shown: dict[int, str] | None = None) -> str:
    """SHOWN keeps, for one build, the repr of records many pages share (a tag, a period):
    by id, as they live as long as the site model."""
    shown = {} if shown is None else shown
    plain = []                       # printed together: one repr for the page's plain fields
    parts = [template, site]
    for name, value in zip(_PAGE_FIELDS, _page_values(page)):
        if type(value) in _PLAIN:
            plain.append(value)
            continue
        plain.append(...)            # the other fields follow in PARTS, each under its name
        if name in _ARTICLE_FIELDS:
            parts.append(f"{name}={fingerprints[value.source]}")
        elif name == "related":
            parts.append(name)
            parts.extend(fingerprints[a.source] for a in value)
        elif name == "pagination":
            parts.append(name + repr((value.number, value.total, value.first_url, value.prev_url, value.next_url)))
            parts.extend(fingerprints[a.source] for a in value.items)
        elif name == "entries":
            parts.append(name)
            parts.extend(fingerprints[e.source] if isinstance(e, Article) else repr(e) for e in value)
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

    def __init__(self, env: jinja2.Environment):
        self.env = env
        self.digest = lru_cache(maxsize=None)(self._digest)

    def _digest(self, name: str) -> str:
        try:
            source, filename, _ = self.env.loader.get_source(self.env, name)
        except jinja2.TemplateNotFound:
            return sha1("missing", name)
        try:
            referenced = sorted(n for n in meta.find_referenced_templates(self.env.parse(source)) if n)
        except jinja2.TemplateSyntaxError:
            referenced = []
        return sha1(name, filename or "", source, *(self.digest(n) for n in referenced if n != name))


def site_digest(*parts: object) -> str:
    return sha1(*(repr(p) for p in parts))

