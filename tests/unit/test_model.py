import dataclasses
import datetime as dt

import pytest

from ssg.article import Article, Image
from ssg.config import SiteConfig
from ssg.errors import BuildFailed
from ssg.model import BuildOptions, build_site, expand_permalink

UTC = dt.timezone.utc
NOW = BuildOptions(now=dt.datetime(2025, 1, 1, tzinfo=UTC))


def art(slug: str, day: int = 13, month: int = 9, year: int = 2024, **fields) -> Article:
    values = dict(source=f"content/{slug}.md", title=f"عنوان {slug}", slug=slug, body="نص",
                  date=dt.datetime(year, month, day, 10, tzinfo=UTC))
    values.update(fields)
    return Article(**values)


def test_article_urls_output_paths_and_permalinks():
    site = build_site(SiteConfig.for_tests(), [art("x"), art("مهرجان", day=14)], options=NOW)
    x = next(a for a in site.articles if a.slug == "x")
    assert (x.url, x.output_path, x.permalink) == (
        "/2024/09/x/", "2024/09/x/index.html", "https://example.org/2024/09/x/")
    arabic = next(a for a in site.articles if a.slug == "مهرجان")
    assert arabic.url == "/2024/09/%D9%85%D9%87%D8%B1%D8%AC%D8%A7%D9%86/"
    assert arabic.output_path == "2024/09/مهرجان/index.html"


def test_sub_path_is_in_every_url():
    config = SiteConfig.for_tests(base_url="https://example.org/archive/")
    site = build_site(config, [art("x", image=Image("images/a.svg"))], options=NOW)
    [x] = site.articles
    assert x.url == "/archive/2024/09/x/" and x.permalink == "https://example.org/archive/2024/09/x/"
    assert (x.image.url, x.image.permalink) == ("/archive/images/a.svg", "https://example.org/archive/images/a.svg")
    home = next(p for p in site.pages if p.kind == "home")
    assert home.url == "/archive/" and home.output_path == "index.html"


def test_image_relative_to_article_folder_becomes_absolute():
    a = art("x", source="content/2024/x.md", image=Image("../2023/images/river.svg"))
    [placed] = build_site(SiteConfig.for_tests(), [a], options=NOW).articles
    assert placed.image.url == "/2023/images/river.svg"


def test_permalink_fields():
    a = art("x", source="content/news/x.md", lang="en")
    assert expand_permalink("/{lang}/{section}/{year}/{month}/{day}/{slug}/", a) == "/en/news/2024/09/13/x/"
    assert expand_permalink("/{section}/{slug}.html", art("y")) == "/y.html"


def test_newest_first_with_neighbours():
    site = build_site(SiteConfig.for_tests(), [art("old", day=1), art("new", day=20), art("mid", day=10)],
                      options=NOW)
    assert [a.slug for a in site.articles] == ["new", "mid", "old"]
    mid = next(p for p in site.pages if p.article and p.article.slug == "mid")
    assert (mid.newer.slug, mid.older.slug) == ("new", "old")


def test_drafts_and_future_articles_are_left_out_unless_asked():
    articles = [art("draft", draft=True), art("future", year=2030), art("now")]
    assert [a.slug for a in build_site(SiteConfig.for_tests(), articles, options=NOW).articles] == ["now"]
    both = dataclasses.replace(NOW, drafts=True, future=True)
    assert len(build_site(SiteConfig.for_tests(), articles, options=both).articles) == 3


def test_home_pagination():
    articles = [art(f"a{i}", day=i + 1) for i in range(7)]
    site = build_site(SiteConfig.for_tests(per_page=3), articles, options=NOW)
    homes = [p for p in site.pages if p.kind == "home"]
    assert [p.output_path for p in homes] == ["index.html", "page/2/index.html", "page/3/index.html"]
    assert [len(p.pagination.items) for p in homes] == [3, 3, 1]
    assert homes[1].pagination.prev_url == "/" and homes[1].pagination.next_url == "/page/3/"
    assert homes[0].pagination.prev_url is None and homes[2].pagination.next_url is None


def test_two_articles_on_one_url_name_both_files():
    with pytest.raises(BuildFailed) as caught:
        build_site(SiteConfig.for_tests(), [art("x", source="content/a.md"), art("x", source="content/b.md")],
                   options=NOW)
    [error] = caught.value.errors
    assert "2 pages claim the same URL /2024/09/x/: content/a.md, content/b.md" in error.message


def test_article_colliding_with_a_content_asset():
    with pytest.raises(BuildFailed, match="same URL"):
        build_site(SiteConfig.for_tests(permalink="/{slug}.html"), [art("x")], assets=["x.html"], options=NOW)
