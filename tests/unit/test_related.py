import dataclasses
import datetime as dt
import math
import random

from ssg.article import Article
import ssg.model.related as related_module
from ssg.model.related import related_articles


def art(index: int, tags: tuple[str, ...]) -> Article:
    return Article(source=f"content/{index}.md", title=str(index), slug=str(index), body="",
                   date=dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc) - dt.timedelta(hours=index), tags=tags)


def related(articles, **options):
    return related_articles(articles, str, **options)[0]


def reference(articles, count=4):
    """The plain definition: score every other article, sort, take the best. A tag weighs
    log(size / its articles), size being the article count plus one, both rounded up to a
    quarter power of two."""
    def quarters(n):
        return math.ceil(4 * math.log2(n))

    size = quarters(len(articles) + 1)
    df = {}
    for a in articles:
        for tag in set(a.tags):
            df[tag] = df.get(tag, 0) + 1
    result = []
    for i, a in enumerate(articles):
        scores = []
        for j, b in enumerate(articles):
            shared = set(a.tags) & set(b.tags)
            if j != i and shared:
                scores.append((-sum(round((size - quarters(df[t])) * math.log(2) / 4 * 1_000_000) for t in shared), j))
        result.append(tuple(articles[j] for _, j in sorted(scores)[:count]))
    return result


def test_rarer_shared_tags_rank_first_newest_on_ties_never_itself():
    articles = [art(0, ("common", "rare")), art(1, ("common",)), art(2, ("common", "rare")), art(3, ("common",)),
                art(4, ("other",))]
    lists = related(articles)
    assert [a.title for a in lists[0]] == ["2", "1", "3"]
    assert lists[4] == ()


def test_same_as_the_plain_definition_on_zipf_like_tags():
    rng = random.Random(7)
    tags = [f"t{n}" for n in range(60)]
    weights = [1 / (n + 1) for n in range(60)]
    articles = [art(i, tuple(set(rng.choices(tags, weights, k=rng.randint(1, 5))))) for i in range(400)]
    assert related(articles) == reference(articles)


def test_articles_with_many_tags_take_the_scoring_path_and_agree():
    rng = random.Random(11)
    tags = [f"t{n}" for n in range(30)]
    articles = [art(i, tuple(rng.sample(tags, rng.randint(1, 12)))) for i in range(200)]
    assert related(articles) == reference(articles)


def test_a_rebuild_recomputes_only_what_an_edit_can_change_and_agrees_with_a_fresh_start():
    rng = random.Random(3)
    tags = [f"t{n}" for n in range(40)]
    weights = [1 / (n + 1) for n in range(40)]

    def tagged(n):
        return tuple(set(rng.choices(tags, weights, k=rng.randint(1, 4))))

    articles = [art(i, tagged(i)) for i in range(300)]
    lists, remembered = related_articles(articles, str)
    for step in range(40):
        articles = list(articles)
        change = step % 4
        if change == 0:                                   # an article added
            articles.append(art(1000 + step, tagged(step)))
        elif change == 1:                                 # one deleted
            del articles[rng.randrange(len(articles))]
        elif change == 2:                                 # one retagged
            i = rng.randrange(len(articles))
            articles[i] = dataclasses.replace(articles[i], tags=tagged(i))
        else:                                             # one moved in time
            i = rng.randrange(len(articles))
            articles[i] = dataclasses.replace(articles[i], date=articles[i].date - dt.timedelta(days=rng.randint(1, 9)))
        articles.sort(key=lambda a: (a.date, a.source), reverse=True)
        lists, remembered = related_articles(articles, str, remembered=remembered)
        assert lists == reference(articles), f"after change {step}"


def rebuilt(before, after):
    """AFTER's lists, computed from what BEFORE's build remembered; and the indexes (in
    AFTER) whose lists were computed again rather than carried over."""
    _, remembered = related_articles(before, str)
    calls = []
    original = related_module._by_patterns

    def counting(index, *args):
        calls.append(index)
        return original(index, *args)

    related_module._by_patterns = counting
    try:
        lists, _ = related_articles(after, str, remembered=remembered)
    finally:
        related_module._by_patterns = original
    return lists, calls


def test_one_more_article_leaves_the_lists_that_share_none_of_its_tags():
    articles = [art(i, ("a",) if i % 2 else ("b",)) for i in range(100)]
    _, calls = rebuilt(articles, [art(-1, ("a",))] + articles)
    assert len(calls) == 51, "the new article, and the 50 that hold its tag: it is newer than their lists"


def test_an_older_article_added_recomputes_only_the_lists_it_enters():
    """Every article of tag "a" has a full list of newer "a" articles; one more "a" article,
    older than all, outranks nobody's last, so only its own list is computed."""
    articles = [art(i, ("a",)) for i in range(100)]
    grown = articles + [art(100, ("a",))]
    lists, calls = rebuilt(articles, grown)
    assert calls == [100]
    assert lists == reference(grown)


def test_an_article_added_joins_the_lists_with_room_left():
    """Ten articles share a rare tag, so each lists the nine others when twelve fit: an
    eleventh joins every list, though it outranks nobody (same score, oldest)."""
    articles = [art(i, ("b",)) for i in range(90)] + [art(90 + i, ("r",)) for i in range(10)]
    _, remembered = related_articles(articles, str, count=12)
    grown = articles + [art(100, ("r",))]
    lists, _ = related_articles(grown, str, count=12, remembered=remembered)
    assert lists == reference(grown, count=12)
    assert all(len(lists[i]) == 10 for i in range(90, 101))


def test_a_tag_on_half_the_archive_and_rare_combinations_agree_with_the_plain_definition():
    """The shape of a newsroom's tags: one on half the articles, a long tail, and most
    combinations of three or more held by one article only, so that walks must stop on
    the score, not on running out of articles."""
    rng = random.Random(5)
    tags = [f"t{n}" for n in range(120)]
    weights = [1 / (n + 1) ** 1.3 for n in range(120)]
    articles = []
    for i in range(700):
        chosen = {"t0"} if rng.random() < 0.5 else set()
        while len(chosen) < rng.choice((2, 3, 3, 4, 5)):
            chosen.add(rng.choices(tags, weights)[0])
        articles.append(art(i, tuple(sorted(chosen))))
    for count in (1, 4, 7):
        assert related(articles, count=count) == reference(articles, count=count), f"{count} a list"
