"""Related articles ("continue reading"): ranked by the tags they share, rarer tags
weighing more, newest first on ties, never the article itself. A rebuild recomputes
only the lists an edit may have changed."""

from __future__ import annotations

import heapq
import itertools
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Callable, Sequence

from ..article import Article

RELATED_COUNT = 4


Remembered = dict[str, tuple]       # source -> (date, tag keys, related sources), from the last build
Scale = tuple[int, int]             # (size step, count): the lists are comparable when equal


def quarter_steps(count: int) -> int:
    """COUNT rounded up to a quarter power of two, counted in quarters. Tag weights are
    taken from the archive's size (articles + 1) and each tag's article count so rounded:
    one more article then moves a weight only when a count crosses such a step (every
    fifth or so larger), so it leaves the related lists of the articles that share none
    of its tags, and most that share one, as they were."""
    return math.ceil(4 * math.log2(count))


def tag_weight(step: int, holders: int) -> int:
    """log(size / holders), both rounded up to quarter powers of two, in whole micro-units:
    they add up exactly, so that ties are ties whatever order the tags are added in."""
    return round((step - quarter_steps(holders)) * math.log(2) / 4 * 1_000_000)


def related_articles(articles: Sequence[Article], key_of: Callable[[str], str], count: int = RELATED_COUNT,
                     remembered: tuple[Scale | None, Remembered] | None = None
                     ) -> tuple[list[tuple[Article, ...]], tuple[Scale, Remembered]]:
    """For each of ARTICLES (newest first), its related articles, in the same order; and
    what the next build needs to recompute only the lists that may change (REMEMBERED).

    A shared tag weighs log(size / articles holding it), both rounded up to a quarter power
    of two: a tag on three articles says far more about two of them than a tag on half the
    archive.

    An article is compared with the others by the set of tags they share (see
    _by_patterns), which keeps the work per article small even when one tag sits on
    half of a 100,000-article archive.
    """
    step = quarter_steps(len(articles) + 1)
    keys = [frozenset(key_of(tag) for tag in article.tags) for article in articles]
    holders: dict[str, list[int]] = defaultdict(list)
    for index, article_keys in enumerate(keys):
        for key in article_keys:
            holders[key].append(index)   # in index order: newest first
    weight = {key: tag_weight(step, len(members)) for key, members in holders.items()}
    before = remembered[1] if remembered is not None and remembered[0] == (step, count) else {}
    todo = _changed_lists(articles, keys, holders, weight, before, count) if before else range(len(articles))
    lists: list[tuple[str, ...] | None] = [None] * len(articles)
    if todo:
        # Indexing every pair of tags up front pays when most lists are computed; a
        # rebuild that computes a few finds the pairs it needs as it goes.
        tagged = _tagged(holders, keys, weight, whole=len(todo) * 8 > len(articles))
        for index in todo:
            if len(keys[index]) <= MAX_PATTERN_TAGS:
                best = _by_patterns(index, keys[index], tagged.masks[index], tagged, count)
            else:
                best = _by_scores(index, keys[index], keys, holders, tagged.weight, count)
            lists[index] = tuple(articles[other].source for other in best)
    by_source = {article.source: article for article in articles}
    entries: Remembered = {}
    result = []
    for index, article in enumerate(articles):
        sources = lists[index]
        if sources is None:
            last = before[article.source]
            sources, entry = last[2], last
        else:
            last = before.get(article.source)
            entry = last if last is not None and last[2] == sources and last[1] == keys[index] else \
                (article.date, keys[index], sources)
        entries[article.source] = entry
        result.append(tuple(by_source[source] for source in sources))
    return result, ((step, count), entries)


def _changed_lists(articles: Sequence[Article], keys: list[frozenset], holders: dict[str, list[int]],
                   weight: dict[str, int], before: Remembered, count: int) -> set[int]:
    """The articles whose related list may differ from last time. The others' lists are
    last time's: they hold no tag whose weight moved, so every score they see is as it was
    and so is the order of every article that did not change, and none of theirs left,
    moved or was retagged, so the only newcomers are the articles that did, and none of
    those outranks the last of the list."""
    position = {article.source: index for index, article in enumerate(articles)}
    moved = [index for index, article in enumerate(articles)
             if (last := before.get(article.source)) is None or last[0] != article.date or last[1] != keys[index]]
    changed = set(moved)                    # new, moved or retagged: their own lists
    counted = Counter(tag for last in before.values() for tag in last[1])
    for tag, members in holders.items():    # a tag whose weight moved rescored its holders
        if tag not in counted or quarter_steps(counted[tag]) != quarter_steps(len(members)):
            changed.update(members)
    left = {articles[index].source for index in moved} | (before.keys() - position.keys())
    for index, article in enumerate(articles):
        if index not in changed and not left.isdisjoint(before[article.source][2]):
            changed.add(index)              # one of its list left, moved or was retagged

    def score(one: int, other: int) -> int:
        return sum(weight[tag] for tag in keys[one] & keys[other])

    for newcomer in moved:
        for tag in keys[newcomer]:
            for index in holders[tag]:
                if index in changed:
                    continue
                listed = before[articles[index].source][2]
                if len(listed) < count:
                    changed.add(index)      # room in its list
                    continue
                last = position[listed[-1]]
                if (-score(index, newcomer), newcomer) < (-score(index, last), last):
                    changed.add(index)      # outranks the last of its list
    return changed


MAX_PATTERN_TAGS = 8


@dataclass(frozen=True, slots=True)
class _Tagged:
    holders: dict[str, list[int]]        # tag -> the articles holding it, newest first
    holder_masks: dict[str, list[int]]   # tag -> those articles' tag bits, in the same order
    weight: dict[str, int]
    bit: dict[str, int]
    masks: list[int]                     # each article's tag bits
    pairs: "_Pairs"


class _Pairs(dict):
    """The bits of two tags -> the articles holding both, newest first, and their tag bits.
    Filled whole when most lists are computed; otherwise each pair is found when first
    asked for, from the holders of its rarer tag (a rebuild asks for a few)."""

    def __init__(self, shared: list[str], holders: dict[str, list[int]], holder_masks: dict[str, list[int]]):
        super().__init__()
        self.shared, self.holders, self.holder_masks = shared, holders, holder_masks

    def __missing__(self, pair: int) -> tuple[list[int], list[int]]:
        rarer = self.shared[pair.bit_length() - 1]       # rarer tags have higher bits
        both = [(other, mask) for other, mask in zip(self.holders[rarer], self.holder_masks[rarer])
                if mask & pair == pair]
        found = self[pair] = ([other for other, _ in both], [mask for _, mask in both])
        return found

    def fill(self, bits_of: list[list[int]], masks: list[int]) -> None:
        together: dict[int, list[int]] = defaultdict(list)
        for index, bits in enumerate(bits_of):
            for one, other in itertools.combinations(bits, 2):
                together[one | other].append(index)
        self.update((pair, (members, [masks[member] for member in members])) for pair, members in together.items())


def _tagged(holders: dict[str, list[int]], keys: list[frozenset], weight: dict[str, int], whole: bool) -> _Tagged:
    """Each tag a bit, each article the bits of its tags: the tags two articles share are
    one AND, and each tag's holders come with their bits beside them. Common tags get the
    low bits and a tag on one article none (nobody shares it), so that the masks stay
    short in an archive with tens of thousands of tags. WHOLE: every list is to be
    computed, so every pair of tags is indexed up front."""
    shared = sorted((key for key, members in holders.items() if len(members) > 1),
                    key=lambda key: (-len(holders[key]), key))
    bit_of = dict.fromkeys(holders, 0) | {key: 1 << number for number, key in enumerate(shared)}
    bits_of = [[bit_of[key] for key in article_keys if bit_of[key]] for article_keys in keys]
    masks = [sum(bits) for bits in bits_of]
    holder_masks = {key: [masks[other] for other in members] for key, members in holders.items()}
    pairs = _Pairs(shared, holders, holder_masks)
    if whole:
        pairs.fill(bits_of, masks)
    return _Tagged(holders, holder_masks, weight, bit_of, masks, pairs)


def _by_patterns(index: int, article_keys: frozenset, mine: int, tagged: _Tagged, count: int) -> list[int]:
    """Every other article shares with this one a set of tags, its pattern, and all
    articles with one pattern score the same. Patterns are taken best first, until the
    list is full and none left can beat its last:
    - one tag alone: its holders are walked newest first until enough are found that
      share nothing else with this article, or one fails to make the list;
    - two tags or more: the articles holding its two rarest tags are walked, newest
      first, which completes every pattern that holds those two. The walk stops when
      even the best pattern it could still complete would lose to the last of the list.
    The work so grows with the articles that share two tags with this one, not with
    those that share one: the commonest tag of an archive can sit on half of it."""
    holders, bit, pairs = tagged.holders, tagged.bit, tagged.pairs
    tags = sorted((key for key in article_keys if bit[key]), key=lambda key: (len(holders[key]), key))
    size = 1 << len(tags)
    # Patterns by local bits (bit j for tags[j]): their scores and their archive bits.
    score = [0] * size
    archive_bits = [0] * size
    for local in range(1, size):
        low = local & -local
        tag = tags[low.bit_length() - 1]
        score[local] = score[local ^ low] + tagged.weight[tag]
        archive_bits[local] = archive_bits[local ^ low] | bit[tag]
    local_of = {bits: local for local, bits in enumerate(archive_bits)}
    complete = bytearray(size)                  # every member of the pattern was offered
    best: list[tuple[int, int]] = []            # min-heap of (score, -index): the last of the list first
    for pattern in sorted(range(1, size), key=score.__getitem__, reverse=True):
        if len(best) == count and score[pattern] < best[0][0]:
            break
        if complete[pattern]:
            continue
        if pattern & (pattern - 1) == 0:        # one tag alone
            tag = tags[pattern.bit_length() - 1]
            alone, found = archive_bits[pattern], 0
            for other, mask in zip(holders[tag], tagged.holder_masks[tag]):
                if mask & mine == alone and other != index:
                    if not _offer(best, count, (score[pattern], -other)):
                        break                   # the older ones lose too
                    found += 1
                    if found == count:
                        break
            continue
        rarest = pattern & -pattern
        pair = rarest | ((pattern ^ rarest) & -(pattern ^ rarest))   # its two rarest tags
        completed = [local for local in range(size) if local & pair == pair and not complete[local]]
        reach = max(score[local] for local in completed)
        for other, mask in zip(*pairs[archive_bits[pair]]):
            if len(best) == count and (reach, -other) < best[0]:
                break                           # nothing older can make the list
            local = local_of[mask & mine]
            if not complete[local] and other != index:
                _offer(best, count, (score[local], -other))
        for local in completed:
            complete[local] = 1
    return [-negated for _, negated in sorted(best, reverse=True)]


def _offer(best: list[tuple[int, int]], count: int, item: tuple[int, int]) -> bool:
    """Put ITEM in the list if it makes it; whether it did."""
    if len(best) < count:
        heapq.heappush(best, item)
    elif item > best[0]:
        heapq.heapreplace(best, item)
    else:
        return False
    return True


def _by_scores(index, article_keys, keys, holders, weight, count) -> list[int]:
    """For an article with many tags: add up scores, rarest tags first. Once `count`
    candidates outscore anything a newcomer could still reach, the common tags only add
    to the candidates already found."""
    tags = sorted(article_keys, key=lambda k: (-weight[k], k))
    reach = sum(weight[k] for k in tags)
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
    return [other for _, other in heapq.nsmallest(count, [(-score, other) for other, score in scores.items()])]
