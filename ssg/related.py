"""Related articles ("continue reading"): ranked by the tags they share, rarer tags
weighing more, newest first on ties, never the article itself."""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Callable, Sequence

from .article import Article

RELATED_COUNT = 4


def related_articles(articles: Sequence[Article], key_of: Callable[[str], str],
                     count: int = RELATED_COUNT) -> list[tuple[Article, ...]]:
    """For each of ARTICLES (newest first), its related articles, in the same order.

    A shared tag scores log(N / df): a tag on three articles says far more about
    two of them than a tag on half the archive.
    """
    total = len(articles)
    keys = [frozenset(key_of(tag) for tag in article.tags) for article in articles]
    holders: dict[str, list[int]] = defaultdict(list)
    for index, article_keys in enumerate(keys):
        for key in article_keys:
            holders[key].append(index)
    weight = {key: math.log((total + 1) / len(members)) for key, members in holders.items()}
    result = []
    for index, article_keys in enumerate(keys):
        scores: dict[int, float] = defaultdict(float)
        for key in article_keys:
            for other in holders[key]:
                if other != index:
                    scores[other] += weight[key]
        # Indexes run newest first, so the smaller index wins a tie.
        best = sorted(scores.items(), key=lambda item: (-round(item[1], 9), item[0]))[:count]
        result.append(tuple(articles[other] for other, _ in best))
    return result
