"""Incremental builds: after every kind of edit, a rebuild with the cache writes exactly
what a clean build of the same sources writes, byte for byte, and renders only what the
edit touched."""

from __future__ import annotations

import datetime as dt
import gc
import os
import shutil
from pathlib import Path

import pytest

from ssg.build import build
from tests.e2e.rebuilds import Twin, edit, tree
from tests.helpers import article

def test_every_rebuild_equals_a_clean_build(newsroom, tmp_path):
    site = Twin(newsroom, tmp_path)
    first = site.rebuild()
    assert first.written == first.pages

    same = site.rebuild()
    assert (same.written, same.rendered) == (0, ()), "nothing changed, nothing written"

    content = newsroom / "content" / "2024"
    edit(content / "a04.md", article("خبر 4", "2024-02-05T10:00:00+03:00", slug="a04", tags="[العراق, الطاقة]",
                                     categories="[سياسة]", body="نص جديد كليًا."))
    report = site.rebuild()
    assert "2024/02/a04/index.html" in report.rendered and "2024/01/a01/index.html" not in report.rendered

    edit(content / "new.md", article("خبر جديد", "2024-03-20T10:00:00+03:00", slug="new", tags="[نادر, المياه]",
                                     categories="[اقتصاد]", body="إضافة."))
    site.rebuild()
    (content / "a02.md").unlink()
    site.rebuild()
    edit(content / "a06.md", article("خبر 6", "2024-02-07T10:00:00+03:00", slug="a06", tags="[وسم جديد]",
                                     categories="[سياسة]", body="نص الخبر 6."))
    site.rebuild()
    edit(content / "a00.md", article("خبر 0", "2023-12-31T10:00:00+03:00", slug="a00-moved", tags="[العراق]",
                                     categories="[سياسة]", body="انتقل."))
    report = site.rebuild()
    assert "2024/02/a05/index.html" in report.rendered, "a page linking to the moved article follows it"

    templates = newsroom / "templates"
    edit(templates / "partials" / "pagination.html",
         (Path(__file__).parents[2] / "themes/default/templates/partials/pagination.html").read_text(encoding="utf-8")
         .replace('class="pagination"', 'class="pagination pager"'))
    report = site.rebuild()
    assert report.rendered and not any(path.endswith(("/a04/index.html", "/a05/index.html"))
                                       for path in report.rendered), "article pages use no pager"
    edit(newsroom / "static" / "css" / "extra.css", "body { color: navy; }\n")
    site.rebuild()
    edit(content / "images" / "a.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>')
    site.rebuild()
    edit(newsroom / "site.toml", 'title = "أرشيف"\nbase_url = "https://example.org/"\nper_page = 4\n')
    report = site.rebuild()
    assert len(report.rendered) == len(report.site.pages), "a config change renders every page again"
    assert 0 < report.written < len(report.rendered), "but rewrites only the files whose bytes changed"
    assert site.rebuild().written == 0


def test_adding_one_article_renders_only_what_shows_it(newsroom, tmp_path):
    output = tmp_path / "site"
    build(newsroom, output)
    edit(newsroom / "content" / "2024" / "new.md",
         article("خبر جديد", "2024-02-15T10:00:00+03:00", slug="new", tags="[نادر]", categories="[سياسة]"))
    report = build(newsroom, output)
    site = report.site
    new = next(a for a in site.articles if a.slug == "new")
    page = next(p for p in site.pages if p.article == new and p.kind == "article")
    allowed = {page.output_path}
    for other in (page.newer, page.older):
        allowed.add(other.output_path)
    for other in site.pages:
        if other.kind == "article" and new in other.related:
            allowed.add(other.output_path)
        if other.kind in ("home", "tags", "categories", "archive", "feed", "sitemap", "news_sitemap"):
            allowed.add(other.output_path)
        if other.kind in ("tag", "category") and other.term.key in ("نادر", "سياسه"):
            allowed.add(other.output_path)
        periods = ("/2024/", "/2024/02/", "/2024/02/15/")
        if other.kind in ("year", "month", "day") and any(
                period is not None and period.path in periods
                for period in (other.period, other.newer_period, other.older_period)):
            allowed.add(other.output_path)   # the new article's periods, and the links to them
    rendered = set(report.rendered)
    assert rendered <= allowed, rendered - allowed
    assert page.output_path in rendered
    assert "2024/01/a00/index.html" not in rendered and "tags/الطاقه/index.html" not in rendered


def test_a_corrupt_or_foreign_cache_means_a_clean_build(newsroom, tmp_path):
    output = tmp_path / "site"
    build(newsroom, output)
    for state in (newsroom / ".ssg-cache").rglob("*.pickle"):
        state.write_bytes(b"not a pickle")
    report = build(newsroom, output)
    assert report.written == report.pages
    # The quick check intact but the state behind it unreadable: a change rebuilds everything.
    for state in (newsroom / ".ssg-cache").rglob("state.pickle"):
        state.write_bytes(b"not a pickle")
    assert build(newsroom, output).written == 0          # nothing changed: the quick check says so
    source = newsroom / "content" / "2024" / "a00.md"
    edit(source, source.read_text(encoding="utf-8") + "\nسطر أخير.\n")
    assert build(newsroom, output).written == report.pages
    shutil.rmtree(newsroom / ".ssg-cache")
    assert build(newsroom, output).written == report.pages


def test_an_output_emptied_or_replaced_by_hand_is_built_again_whole(newsroom, tmp_path):
    site = Twin(newsroom, tmp_path)
    first = site.rebuild()
    for child in site.incremental.iterdir():       # emptied: nothing changed in the sources
        shutil.rmtree(child) if child.is_dir() else child.unlink()
    assert site.rebuild().written == first.pages
    shutil.rmtree(site.incremental / "2024")       # a folder removed, and a source edited
    source = newsroom / "content" / "2024" / "a00.md"
    edit(source, source.read_text(encoding="utf-8") + "\nسطر أخير.\n")
    assert site.rebuild().written == first.pages
    shutil.rmtree(site.incremental)                 # replaced by an empty folder
    site.incremental.mkdir()
    assert site.rebuild().written == first.pages


def test_a_failed_rebuild_changes_nothing_and_the_next_one_recovers(newsroom, tmp_path):
    output = tmp_path / "site"
    build(newsroom, output)
    before = tree(output)
    edit(newsroom / "templates" / "article.html", "{% extends 'base.html' %}{% block main %}{{ oops( }}{% endblock %}")
    with pytest.raises(Exception):
        build(newsroom, output)
    assert tree(output) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")], "no pending folder is left"
    (newsroom / "templates" / "article.html").unlink()
    edit(newsroom / "content" / "2024" / "a01.md", article("خبر 1 معدل", "2024-01-02T10:00:00+03:00", slug="a01"))
    report = build(newsroom, output)
    assert "2024/01/a01/index.html" in report.rendered


def test_the_clock_alone_publishes_a_scheduled_article_and_ages_it_out_of_the_news_sitemap(
        newsroom, tmp_path, monkeypatch):
    site = Twin(newsroom, tmp_path)
    edit(newsroom / "content" / "2025" / "scheduled.md",
         article("خبر مجدول", "2025-01-05T09:00:00+03:00", slug="scheduled", tags="[العراق]"))
    site.rebuild()                                            # 2025-01-01: not yet published
    assert not (site.incremental / "2025").exists()
    assert site.rebuild().written == 0                        # the same clock: nothing to do
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2025, 1, 6, tzinfo=dt.timezone.utc).timestamp())))
    report = site.rebuild()                                   # published, and in the news sitemap
    assert (site.incremental / "2025" / "01" / "scheduled" / "index.html").is_file() and report.written
    assert "scheduled" in (site.incremental / "news-sitemap.xml").read_text(encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2025, 1, 6, 12, tzinfo=dt.timezone.utc).timestamp())))
    assert site.rebuild().written == 0                        # nothing crossed a boundary
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2025, 1, 9, tzinfo=dt.timezone.utc).timestamp())))
    site.rebuild()                                            # two days on: out of the news sitemap
    assert "scheduled" not in (site.incremental / "news-sitemap.xml").read_text(encoding="utf-8")


def test_with_nothing_published_a_new_build_time_still_dates_the_feed(make_site, tmp_path, monkeypatch):
    root = make_site({"content/later.md": article("خبر لاحق", "2030-01-01T09:00:00+03:00", slug="later")},
                     'title = "أرشيف"\nbase_url = "https://example.org/"\n')
    site = Twin(root, tmp_path)
    site.rebuild()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2025, 6, 1, tzinfo=dt.timezone.utc).timestamp())))
    site.rebuild()                      # the empty feed's <updated> moves with the clock


def test_a_failed_rebuild_leaves_no_file_open(newsroom, tmp_path):
    output = tmp_path / "site"
    build(newsroom, output, jobs=1)
    open_before = len(os.listdir("/proc/self/fd"))
    edit(newsroom / "templates" / "article.html", "{% extends 'base.html' %}{% block main %}{{ 1 / 0 }}{% endblock %}")
    edit(newsroom / "content" / "2024" / "a11.md", "---\ntitle: خبر\ndate: 2024-03-12\n---\nنص جديد.\n")
    for _ in range(3):
        with pytest.raises(Exception):
            build(newsroom, output, jobs=1)
    assert len(os.listdir("/proc/self/fd")) == open_before


def test_a_build_failed_or_not_leaves_the_collector_running(newsroom, tmp_path):
    """The preview server builds again and again in one process. A build pauses the
    cyclic garbage collector while it reads and models: it must always resume it."""
    output = tmp_path / "site"
    build(newsroom, output)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    edit(newsroom / "content" / "2024" / "a11.md", "---\ntitle: [unclosed\ndate: 2024-03-12\n---\nنص.\n")
    with pytest.raises(Exception, match="a11.md"):
        build(newsroom, output)
    assert gc.isenabled() and gc.get_freeze_count() == 0
