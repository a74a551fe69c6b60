"""Which shard of the search index holds which article (ssg/search/shards.py), and what
the index holds of an article (ssg/search/records.py)."""

from __future__ import annotations

import datetime as dt

from ssg.article import Article, Link
from ssg.search.records import plain_text, search_record
from ssg.search.shards import assign_shards, bucket, shard_count
from ssg.text.arabic import FOLDS
from ssg.text.dates import DateStyle

DAY = dt.datetime(2024, 9, 13, tzinfo=dt.timezone.utc)


def story(n: int, lang: str = "ar") -> Article:
    return Article(source=f"content/{n:04d}.md", title=f"خبر {n}", date=DAY, slug=f"s{n}", body="", lang=lang)


def members(shards: dict) -> dict[str, str]:
    return {article.source: name for name, articles in shards.items() for article in articles}


def test_every_article_is_in_one_shard_of_a_power_of_two_count():
    shards = assign_shards([story(n) for n in range(10)], (), size=4)
    assert sorted({name.rsplit("-", 1)[0] for name in shards}) == ["ar-4"]
    assert sorted(members(shards)) == [f"content/{n:04d}.md" for n in range(10)]


def test_an_added_article_changes_one_shard_and_no_other_article_moves():
    before = assign_shards([story(n) for n in range(300)], (), size=40)
    after = assign_shards([story(n) for n in range(301)], last=before, size=40)
    moved = {source for source, name in members(before).items() if members(after)[source] != name}
    assert not moved
    changed = [name for name in after if sorted(a.source for a in after[name])
               != sorted(a.source for a in before.get(name, []))]
    assert changed == [members(after)["content/0300.md"]]


def test_the_count_holds_between_a_quarter_and_the_whole_shard_size_then_doubles_or_halves():
    assert shard_count(8, None, 4) == 2
    assert shard_count(9, None, 4) == 4
    assert shard_count(16, 4, 4) == 4, "full, and still kept"
    assert shard_count(17, 4, 4) == 8
    assert shard_count(5, 4, 4) == 4, "above a quarter: kept (no re-index for one removal)"
    assert shard_count(4, 4, 4) == 1
    assert shard_count(3, 1, 4) == 1 and shard_count(0, 1, 4) == 1


def test_doubling_the_count_splits_each_shard_in_two():
    for n in range(200):
        source = f"content/{n}.md"
        assert bucket(source, 16) % 8 == bucket(source, 8)


def test_languages_have_shards_of_their_own():
    shards = assign_shards([story(n) for n in range(5)] + [story(n, "en-GB") for n in range(5, 7)], (), size=4)
    languages = {name: {a.lang for a in articles} for name, articles in shards.items()}
    assert all(len(langs) == 1 for langs in languages.values())
    assert {name.rsplit("-", 2)[0] for name in shards} == {"ar", "en-gb"}


def test_plain_text_keeps_words_and_drops_markup():
    markdown = ("## عنوان فرعي\n\nقال [المتحدث](https://example.org/x) إن **الميناء** سيفتح.\n\n"
                "![صورة الرصيف](pier.jpg)\n\n> اقتباس\n\n- بند\n\n<div class=\"box\">نص &amp; آخر</div>\n\n"
                "```\ncode()\n```\n\n[ref]: https://example.org/ref\n")
    assert plain_text(markdown) == "عنوان فرعي قال المتحدث إن الميناء سيفتح. صورة الرصيف اقتباس بند نص & آخر code()"


def test_a_record_folds_what_it_indexes_and_shows_what_was_written():
    article = Article(source="content/a.md", title="القمة الإقليمية", date=DAY, slug="a", body=None,
                      summary="مستشفى جديد", url="/2024/09/a/",
                      tag_links=(Link("اقتصاد", "/tags/x/", "اقتصاد"),))
    from ssg.config import parse_config
    config = parse_config('title = "t"\nbase_url = "https://example.org/"\n')
    record = search_record(article, "نصّ عن القمّة", DateStyle.from_config(config), FOLDS)
    for folded in ("القمه الاقليميه", "مستشفي", "نص عن القمه"):
        assert folded in record["content"]
    assert record["meta"]["title"] == "القمة الإقليمية" and record["meta"]["summary"] == "مستشفى جديد"
    assert record["filters"] == {"year": ["2024"], "tag": ["اقتصاد"]}
    assert record["url"] == "/2024/09/a/" and record["language"] == "ar"


def test_the_service_indexes_records_and_names_what_it_refuses(tmp_path):
    """The real Pagefind binary, driven through its service protocol."""
    import json

    import pytest

    from ssg.search.service import PagefindService, ServiceError
    with PagefindService() as service:
        [created] = service.ask([{"type": "NewIndex", "config": {"force_language": "ar"}}])
        index = created["index_id"]
        answers = service.ask({"type": "AddRecord", "index_id": index, "url": f"/{n}/", "content": f"نص {n}",
                               "language": "ar", "meta": {"title": str(n)}, "filters": None, "sort": None}
                              for n in range(300))
        assert [a["page_url"] for a in answers] == [f"/{n}/" for n in range(300)], "answers in request order"
        service.ask([{"type": "WriteFiles", "index_id": index, "output_path": str(tmp_path / "bundle")}])
        with pytest.raises(ServiceError, match="Pagefind refused a request"):
            service.ask([{"type": "AddRecord", "index_id": index + 99, "url": "/x/", "content": "x",
                          "language": "ar", "meta": None, "filters": None, "sort": None}])
    entry = json.loads((tmp_path / "bundle" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["ar"]["page_count"] == 300


def test_services_run_at_once_only_as_far_as_memory_allows(monkeypatch):
    import ssg.search.pagefind as stage
    shards = {f"ar-4-{n}": stage.Shard("ar", tuple(story(k) for k in range(400)), "") for n in range(4)}
    plan = stage.SearchPlan(True, shards, tuple(shards), {})
    assert 10 * 2**20 < stage._resident_bytes() < 2**32, "this test process's own resident memory"
    monkeypatch.setattr(stage, "_resident_bytes", lambda: 200 * 2**20)        # a 10,000-article build
    assert stage.services_at_once(plan, jobs=2) == 2
    assert stage.services_at_once(plan, jobs=8) == 4, "no more than shards to index"
    monkeypatch.setattr(stage, "_resident_bytes", lambda: 850 * 2**20)        # a 100,000-article build
    assert stage.services_at_once(plan, jobs=2) == 1
    monkeypatch.setattr(stage, "_resident_bytes", lambda: 2**31)              # over the budget already
    assert stage.services_at_once(plan, jobs=2) == 1, "always one"
