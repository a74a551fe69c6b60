"""The home page's front: a lead story, then the latest articles of each section.

Sections are the categories: those site.toml's `menu` names, in its order, else the
largest, so that a navigation bar and the home page's blocks stay short.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from ..article import Article, pickled_as_tuple
from .taxonomy import Term

MOST_SECTIONS = 7         # sections found without a menu: the largest, as a bar holds them on a phone
BLOCK_SIZE = 4            # articles in a section's block on the home page


@pickled_as_tuple
@dataclass(frozen=True, slots=True)
class Block:
    """A section on the home page: its name, its page, its latest articles."""
    name: str
    url: str
    articles: tuple[Article, ...]


def sections(categories: Sequence[Term], menu: Sequence[str], key: Callable[[str], str]) -> tuple[Term, ...]:
    """The categories MENU names (by folded KEY, in its order; a name no article has is left
    out), else the largest categories, by count. CATEGORIES: by count, most first."""
    if not menu:
        return tuple(categories[:MOST_SECTIONS])
    by_key = {term.key: term for term in categories}
    chosen = []
    for name in menu:
        term = by_key.get(key(name))
        if term is not None and term not in chosen:
            chosen.append(term)
    return tuple(chosen)


def lead_story(articles: Sequence[Article]) -> Article | None:
    """The newest article marked `featured: true`, else the newest. ARTICLES: newest first."""
    return next((a for a in articles if a.featured), articles[0] if articles else None)


def blocks(shown: Sequence[Term], lead: Article | None) -> tuple[Block, ...]:
    """Each section's latest articles, each article once on the page: not the lead story,
    and an article of two sections only in the first of them. A section with none left
    is left out."""
    found = []
    placed = {lead.source} if lead is not None else set()
    for term in shown:
        latest = []
        for article in term.articles:       # newest first; at most len(placed) skipped
            if article.source not in placed:
                latest.append(article)
                placed.add(article.source)
                if len(latest) == BLOCK_SIZE:
                    break
        if latest:
            found.append(Block(term.name, term.url, tuple(latest)))
    return tuple(found)
