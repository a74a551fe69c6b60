"""Which part of the search index (shard) holds which article.

Each shard is a Pagefind bundle of its own, for one language. The articles of a
language are spread over a power of two of shards by a hash of their source file,
so that each shard is a random sample of the archive: its word statistics are those
of the whole archive, and the scores Pagefind gives in different shards compare
fairly when the search page merges them into one list (shards by year would not:
a word common in one year is rare in another, and its rare year's articles would
outrank the rest).

An article's shard depends only on its source path and on the shard count, so an
added, edited or removed article changes one shard, and a rebuild indexes that one
alone. The count stays as it was while each shard holds on average between a quarter
of SIZE and SIZE articles (site.toml's search_shard_size, 500 by default); past either
bound it doubles or halves (or more), and every shard of that language is indexed
again, once.

SIZE weighs three costs (benchmarks/RESULTS.md, session 9): a rebuild indexes a
whole shard again (about 3 ms an article); Pagefind takes about 400 KB an article of
the shard it indexes, beside a build that takes 800 MB at 100,000 articles; and the
search page fetches a few files of every shard for each query (at 10,000 articles, 32
shards of 312 fetch about twice the bytes of 16 shards of 625).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from typing import Iterable, Mapping

from ..article import Article

_NAME = re.compile(r"(.+)-(\d+)-(\d+)")


def assign_shards(articles: Iterable[Article], last: Iterable[str], size: int) -> dict[str, list[Article]]:
    """Shard name ("ar-16-07": language, shard count, shard) -> its articles, in no set
    order. LAST: the last build's shard names, whose counts are kept while they fit."""
    by_language: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        by_language[_safe(article.lang)].append(article)
    last_counts = _counts(last)
    shards: dict[str, list[Article]] = defaultdict(list)
    for lang, members in by_language.items():
        count = shard_count(len(members), last_counts.get(lang), size)
        width = len(str(count - 1))
        for article in members:
            shards[f"{lang}-{count}-{bucket(article.source, count):0{width}d}"].append(article)
    return dict(shards)


def shard_count(articles: int, last: int | None, size: int) -> int:
    """How many shards ARTICLES articles of one language take: LAST while each shard holds
    on average no more than SIZE and more than a quarter of it, or else the smallest
    power of two that puts SIZE or fewer in each."""
    if last is not None and last * size // 4 < articles <= last * size or last == 1 and articles <= size:
        return last
    count = 1
    while count * size < articles:
        count *= 2
    return count


def bucket(source: str, count: int) -> int:
    """The shard of the article in SOURCE among COUNT (a power of two): doubling the count
    splits each shard in two."""
    return int.from_bytes(hashlib.sha1(source.encode("utf-8", "surrogatepass")).digest()[:8], "big") % count


def _counts(names: Iterable[str]) -> Mapping[str, int]:
    found = {}
    for name in names:
        match = _NAME.fullmatch(name)
        if match is not None:
            found[match.group(1)] = int(match.group(2))
    return found


def _safe(lang: str) -> str:
    """A language tag as a folder name: a shard's name must never be a path."""
    return re.sub(r"[^a-z0-9-]", "", lang.lower()) or "und"
