import dataclasses
import datetime as dt

import pytest

from ssg.article import Article, Image
from ssg.config import SiteConfig
from ssg.errors import BuildFailed
from ssg.model.site import BuildOptions, build_site, expand_permalink

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


def test_home_pagination_numbers_pages_from_the_oldest():
    articles = [art(f"a{i}", day=i + 1) for i in range(8)]       # a7 is the newest
    site = build_site(SiteConfig.for_tests(per_page=3), articles, options=NOW)
    homes = [p for p in site.pages if p.kind == "home"]
    assert [p.output_path for p in homes] == ["index.html", "page/1/index.html"]
    assert [[a.slug for a in p.pagination.items] for p in homes] == [["a7", "a6", "a5", "a4", "a3"], ["a2", "a1", "a0"]]
    first, oldest = homes
    assert (first.pagination.prev_url, first.pagination.next_url) == (None, "/page/1/")
    assert (oldest.pagination.prev_url, oldest.pagination.next_url) == ("/", None)
    assert (first.pagination.number, oldest.pagination.number) == (2, 1)


def test_an_added_article_changes_the_first_page_alone_until_it_makes_a_new_one():
    """A numbered page keeps its articles for good: an archive's links stay true, and a
    rebuild rewrites one listing page per article added, not every page after it."""
    def homes(count):
        site = build_site(SiteConfig.for_tests(per_page=3), [art(f"a{i}", day=i + 1) for i in range(count)],
                          options=NOW)
        return {p.url: ([a.slug for a in p.pagination.items], p.pagination.prev_url, p.pagination.next_url)
                for p in site.pages if p.kind == "home"}
    nine, ten, twelve = homes(9), homes(10), homes(12)
    assert {url for url in nine if nine[url] != ten[url]} == {"/"}
    assert ten["/"][0] == ["a9", "a8", "a7", "a6"]
    assert set(twelve) == {"/", "/page/1/", "/page/2/", "/page/3/"}
    assert twelve["/page/3/"] == (["a8", "a7", "a6"], "/", "/page/2/")
    assert twelve["/page/2/"][0] == ten["/page/2/"][0] and twelve["/page/1/"][0] == ten["/page/1/"][0]


def test_fewer_than_two_pages_of_articles_make_one_page():
    site = build_site(SiteConfig.for_tests(per_page=3), [art(f"a{i}", day=i + 1) for i in range(5)], options=NOW)
    [home] = [p for p in site.pages if p.kind == "home"]
    assert len(home.pagination.items) == 5 and not home.pagination.prev_url and not home.pagination.next_url


def test_numbered_listing_pages_carry_no_count():
    """The count of a tag or period changes with every article added to it: only its
    first page shows it, so that its numbered pages stay as they are."""
    site = build_site(SiteConfig.for_tests(per_page=3),
                      [art(f"a{i}", day=i + 1, tags=("مياه",)) for i in range(7)], options=NOW)
    tag = [p for p in site.pages if p.kind == "tag"]
    assert [p.term.count for p in tag] == [7, None]
    month = [p for p in site.pages if p.kind == "month"]
    assert [p.period.count for p in month] == [7, None]


def test_two_articles_on_one_url_name_both_files():
    with pytest.raises(BuildFailed) as caught:
        build_site(SiteConfig.for_tests(), [art("x", source="content/a.md"), art("x", source="content/b.md")],
                   options=NOW)
    [error] = caught.value.errors
    assert "2 pages claim the same URL /2024/09/x/: content/a.md, content/b.md" in error.message


def test_article_colliding_with_a_content_asset():
    with pytest.raises(BuildFailed, match="same URL"):
        build_site(SiteConfig.for_tests(permalink="/{slug}.html"), [art("x")], assets=["x.html"], options=NOW)


def test_each_section_may_have_its_own_permalink():
    config = SiteConfig.for_tests(permalink="/{year}/{slug}/", permalinks={"opinion": "/opinion/{slug}.html"})
    site = build_site(config, [art("a", source="content/opinion/a.md"), art("b", source="content/news/b.md")],
                      options=NOW)
    assert sorted(a.url for a in site.articles) == ["/2024/b/", "/opinion/a.html"]


@pytest.mark.parametrize("pattern, fields, path", [
    ("/{categories}/{year}/{month}/{day}/{slug}.html", {"categories": ("Local News", "Amman")},
     "/local news/amman/2024/09/13/x.html"),                                   # Jekyll's default
    ("/{categories}/{slug}/", {}, "/x/"),                                       # no category: no empty folder
    ("/{folder}/{slug}/", {"source": "content/posts/x/index.md"}, "/posts/x/"),              # a page bundle
    ("/{folder}/{slug}/", {"source": "content/posts/2020/x.md"}, "/posts/2020/x/"),
    ("/{short_year}/{i_month}/{i_day}/{y_day}/{hour}{minute}/{slug}/", {}, "/24/9/13/257/1000/x/"),
])
def test_permalink_placeholders_of_other_generators(pattern, fields, path):
    assert expand_permalink(pattern, art("x", **fields)) == path
