import datetime as dt
import math
import random

from ssg.article import Article
from ssg.related import related_articles


def art(index: int, tags: tuple[str, ...]) -> Article:
    return Article(source=f"content/{index}.md", title=str(index), slug=str(index), body="",
                   date=dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc) - dt.timedelta(hours=index), tags=tags)


def reference(articles, count=4):
    """The plain definition: score every other article, sort, take the best."""
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
                scores.append((-sum(round(math.log((len(articles) + 1) / df[t]) * 1_000_000) for t in shared), j))
        result.append(tuple(articles[j] for _, j in sorted(scores)[:count]))
    return result


def test_rarer_shared_tags_rank_first_newest_on_ties_never_itself():
    articles = [art(0, ("common", "rare")), art(1, ("common",)), art(2, ("common", "rare")), art(3, ("common",)),
                art(4, ("other",))]
    related = related_articles(articles, str)
    assert [a.title for a in related[0]] == ["2", "1", "3"]
    assert related[4] == ()


def test_same_as_the_plain_definition_on_zipf_like_tags():
    rng = random.Random(7)
    tags = [f"t{n}" for n in range(60)]
    weights = [1 / (n + 1) for n in range(60)]
    articles = [art(i, tuple(set(rng.choices(tags, weights, k=rng.randint(1, 5))))) for i in range(400)]
    assert related_articles(articles, str) == reference(articles)


def test_articles_with_many_tags_take_the_scoring_path_and_agree():
    rng = random.Random(11)
    tags = [f"t{n}" for n in range(30)]
    articles = [art(i, tuple(rng.sample(tags, rng.randint(1, 12)))) for i in range(200)]
    assert related_articles(articles, str) == reference(articles)
