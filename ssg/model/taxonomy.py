"""Tags and categories: one term however its name is spelt, with its articles."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

from ..text.arabic import FOLDS, fold_key
from ..article import Article, Link, pickled_as_tuple
from ..text.urls import slugify

TAXONOMIES = ("tags", "categories", "authors")


@pickled_as_tuple
@dataclass(frozen=True, slots=True)
class Term:
    taxonomy: str                    # "tags", "categories" or "authors"
    key: str                         # the folded identity
    name: str                        # the spelling most articles use
    slug: str
    url: str
    permalink: str
    count: int | None                # None on numbered listing pages (model.uncounted)
    articles: tuple[Article, ...] = ()   # newest first; pages get terms without them (see model.slim)


class TermNamer:
    """Gives every spelling of a term its key, slug and URL, before any article is placed.

    ALIASES (alias -> tag, from site.toml's tag_aliases) merge synonyms into one term,
    shown under the name the alias table gives it.
    """

    def __init__(self, url_of: Callable[[str], str], folds: tuple[str, ...] = FOLDS,
                 aliases: Mapping[str, str] | None = None, slug_style: str = "arabic"):
        # A tag's URL is made from its folded key: Jekyll's "pretty" style is for file names.
        self.url_of, self.folds = url_of, folds
        self.slug_style = "arabic" if slug_style == "pretty" else slug_style
        aliases = aliases or {}
        self.canonical_names = {fold_key(target, folds): target for target in aliases.values()}
        self._alias_keys = {fold_key(alias, folds): fold_key(target, folds) for alias, target in aliases.items()}
        self._names: dict[tuple[str, str], str] = {}
        # An archive names a few hundred tags a hundred thousand times: fold each name once.
        self._keys: dict[str, str] = {}
        self._links: dict[tuple[str, str], Link] = {}

    def learn(self, taxonomy: str, articles: Iterable[Article]) -> None:
        """Count the spellings of every term, so that each is shown one way: the alias
        table's name, else the spelling most articles use (ties: the one that sorts first)."""
        self._links.clear()
        spellings: dict[str, Counter] = defaultdict(Counter)
        for article in articles:
            for name in getattr(article, taxonomy):
                spellings[self.key(name)][name] += 1
        for key, counts in spellings.items():
            self._names[(taxonomy, key)] = self.canonical_names.get(key) or \
                min(counts.items(), key=lambda item: (-item[1], item[0]))[0]

    def display_name(self, taxonomy: str, name: str) -> str:
        return self._names.get((taxonomy, self.key(name)), name)

    def key(self, name: str) -> str:
        found = self._keys.get(name)
        if found is None:
            key = fold_key(name, self.folds)
            found = self._keys[name] = self._alias_keys.get(key, key)
        return found

    def slug(self, name: str) -> str:
        key = self.key(name)
        # A name of only punctuation still needs a stable, unique URL.
        return slugify(key, self.slug_style) or "t-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]

    def path(self, taxonomy: str, name: str) -> str:
        return f"/{taxonomy}/{self.slug(name)}/"

    def link(self, taxonomy: str, name: str) -> Link:
        found = self._links.get((taxonomy, name))
        if found is None:
            found = Link(name, self.url_of(self.path(taxonomy, name)), self.display_name(taxonomy, name))
            self._links[(taxonomy, name)] = found
        return found

def group_terms(taxonomy: str, articles: Iterable[Article], namer: TermNamer,
                permalink_of: Callable[[str], str]) -> tuple[Term, ...]:
    """Terms sorted by article count (most first), then by name. ARTICLES are newest first;
    NAMER has learnt their spellings."""
    members: dict[str, list[Article]] = defaultdict(list)
    first_spelling: dict[str, str] = {}
    for article in articles:
        seen: set[str] = set()
        for name in getattr(article, taxonomy):
            key = namer.key(name)
            first_spelling.setdefault(key, name)
            if key not in seen:
                seen.add(key)
                members[key].append(article)
    terms = []
    for key, group in members.items():
        name = namer.display_name(taxonomy, first_spelling[key])
        path = namer.path(taxonomy, name)
        terms.append(Term(taxonomy, key, name, namer.slug(name), namer.url_of(path), permalink_of(path),
                          len(group), tuple(group)))
    return tuple(sorted(terms, key=lambda t: (-t.count, t.name)))


# Letters Arabic writers swap for one another: hamza seats, teh and teh marbuta, dad and
# zah, Persian and Arabic forms. A one-letter difference between two tags counts as a
# spelling variant only when it is one of these, or the insertion of a long vowel, a
# hamza or a space: "الأمن" and "اليمن" differ by one letter but are different words.
CONFUSABLE = {frozenset(pair) for pair in (
    ("ي", "ئ"), ("و", "ؤ"), ("ؤ", "ئ"), ("ء", "ئ"), ("ء", "ؤ"), ("ء", "أ"), ("ا", "أ"), ("ا", "إ"), ("ا", "آ"),
    ("ه", "ة"), ("ت", "ة"), ("ي", "ى"), ("ض", "ظ"), ("ك", "ک"), ("ي", "ی"), ("-", " "),
)}
INSERTABLE = frozenset("اويءئؤ -")


def _spelling_variant(a: str, b: str) -> bool:
    if a.isascii() and b.isascii():
        return min(len(a), len(b)) >= 5   # a Latin typo: Syria and Syrie (short names: too many false pairs)
    if len(a) == len(b):
        diffs = [(x, y) for x, y in zip(a, b) if x != y]
        return len(diffs) == 1 and frozenset(diffs[0]) in CONFUSABLE
    short, long_ = sorted((a, b), key=len)
    for index, char in enumerate(long_):
        if long_[:index] + long_[index + 1:] == short:
            return char in INSERTABLE
    return False


def look_alike(terms: Iterable[Term]) -> list[tuple[Term, Term]]:
    """Pairs of terms an editor may want to merge: names that differ only by the
    article "ال", or by one letter that writers commonly swap or drop."""
    terms = list(terms)
    pairs: set[tuple[int, int]] = set()
    by_stem: dict[str, list[int]] = defaultdict(list)
    by_deletion: dict[str, set[int]] = defaultdict(set)
    for index, term in enumerate(terms):
        by_stem[" ".join(word.removeprefix("ال") for word in term.key.split())].append(index)
        variants = {term.key} | {term.key[:i] + term.key[i + 1:] for i in range(len(term.key))}
        for variant in variants:
            by_deletion[variant].add(index)
    for group in by_stem.values():
        pairs.update((a, b) for a in group for b in group if a < b)
    for group in by_deletion.values():
        pairs.update((a, b) for a in group for b in group
                     if a < b and _spelling_variant(terms[a].key, terms[b].key))
    found = [(terms[a], terms[b]) for a, b in pairs if terms[a].taxonomy == terms[b].taxonomy]
    return sorted(found, key=lambda pair: (pair[0].taxonomy, pair[0].name, pair[1].name))
