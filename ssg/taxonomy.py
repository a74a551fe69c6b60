"""Tags and categories: one term however its name is spelt, with its articles."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

from .arabic import FOLDS, fold_key
from .article import Article, Link
from .urls import slugify

TAXONOMIES = ("tags", "categories")


@dataclass(frozen=True, slots=True)
class Term:
    taxonomy: str                    # "tags" or "categories"
    key: str                         # the folded identity
    name: str                        # the spelling most articles use
    slug: str
    url: str
    permalink: str
    articles: tuple[Article, ...]    # newest first

    @property
    def count(self) -> int:
        return len(self.articles)


class TermNamer:
    """Gives every spelling of a term its key, slug and URL, before any article is placed."""

    def __init__(self, url_of: Callable[[str], str], folds: tuple[str, ...] = FOLDS):
        self.url_of, self.folds = url_of, folds

    def key(self, name: str) -> str:
        return fold_key(name, self.folds)

    def slug(self, name: str) -> str:
        key = self.key(name)
        # A name of only punctuation still needs a stable, unique URL.
        return slugify(key) or "t-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]

    def path(self, taxonomy: str, name: str) -> str:
        return f"/{taxonomy}/{self.slug(name)}/"

    def link(self, taxonomy: str, name: str) -> Link:
        return Link(name, self.url_of(self.path(taxonomy, name)))


def group_terms(taxonomy: str, articles: Iterable[Article], namer: TermNamer,
                permalink_of: Callable[[str], str]) -> tuple[Term, ...]:
    """Terms sorted by article count (most first), then by name. ARTICLES are newest first."""
    members: dict[str, list[Article]] = defaultdict(list)
    spellings: dict[str, Counter] = defaultdict(Counter)
    for article in articles:
        seen: set[str] = set()
        for name in getattr(article, taxonomy):
            key = namer.key(name)
            spellings[key][name] += 1
            if key not in seen:
                seen.add(key)
                members[key].append(article)
    terms = []
    for key, group in members.items():
        # The most used spelling; ties go to the one that sorts first, so builds are stable.
        name = min(spellings[key].items(), key=lambda item: (-item[1], item[0]))[0]
        path = namer.path(taxonomy, name)
        terms.append(Term(taxonomy, key, name, namer.slug(name), namer.url_of(path), permalink_of(path),
                          tuple(group)))
    return tuple(sorted(terms, key=lambda t: (-t.count, t.name)))


def terms_by_key(terms: Iterable[Term]) -> Mapping[str, Term]:
    return {term.key: term for term in terms}
