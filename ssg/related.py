"""Related articles ("continue reading"): ranked by the tags they share, rarer tags
weighing more, newest first on ties, never the article itself."""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from typing import Callable, Sequence

from .article import Article

RELATED_COUNT = 4


def related_articles(articles: Sequence[Article], key_of: Callable[[str], str],
                     count: int = RELATED_COUNT) -> list[tuple[Article, ...]]:
    """For each of ARTICLES (newest first), its related articles, in the same order.

    A shared tag scores log((N + 1) / df): a tag on three articles says far more about
    two of them than a tag on half the archive.

    Tags are visited rarest first. Once `count` candidates already score more than any
    newcomer could still reach with the tags left, the common tags (whose article
    lists are the long ones) only add to the candidates already found, which is what
    makes this fast on archives where one tag sits on half the articles.
    """
    total = len(articles)
    keys = [frozenset(key_of(tag) for tag in article.tags) for article in articles]
    holders: dict[str, list[int]] = defaultdict(list)
    for index, article_keys in enumerate(keys):
        for key in article_keys:
            holders[key].append(index)
    # Whole-number weights (micro-units of the logarithm) add up exactly, so ties are ties
    # whatever order the tags are added in.
    weight = {key: round(math.log((total + 1) / len(members)) * 1_000_000) for key, members in holders.items()}
    result = []
    for index, article_keys in enumerate(keys):
        tags = sorted(article_keys, key=lambda k: (-weight[k], k))
        reach = sum(weight[k] for k in tags)          # the most a newcomer can still score
        scores: dict[int, int] = {}
        for key in tags:
            if len(scores) >= count and heapq.nlargest(count, scores.values())[-1] > reach:
                for other in scores:
                    if key in keys[other]:
                        scores[other] += weight[key]
            else:
                for other in holders[key]:
                    if other != index:
                        scores[other] = scores.get(other, 0) + weight[key]
            reach -= weight[key]
        # Indexes run newest first, so the smaller index wins a tie.
        best = heapq.nsmallest(count, [(-score, other) for other, score in scores.items()])
        result.append(tuple(articles[other] for _, other in best))
    return result
