"""Listings, date indexes, feeds, sitemaps and share metadata of a built site."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import pytest

import ssg.model.site
from ssg.build import build
from tests.helpers import article, parse_html

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
              "news": "http://www.google.com/schemas/sitemap-news/0.9"}
NASTY = 'قمة "الماء" <b>x</b> & </script> نهاية'
CONFIG = 'title = "أرشيف"\nbase_url = "https://example.org/"\nper_page = 10\ntimezone = "Asia/Baghdad"\n'


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def cards(html: str) -> int:
    """The article cards of a listing (a text-card has no picture)."""
    return len(re.findall(r'<article class="card[ "]', html))


def iraq_site(make_site, config: str = CONFIG) -> Path:
    """25 articles tagged العراق, one a day from 2024-08-20 to 2024-09-13; a few with more tags."""
    files = {}
    for n in range(25):
        day = dt.date(2024, 8, 20) + dt.timedelta(days=n)
        tags = ["العراق"] + (["المياه"] if n % 3 == 0 else []) + (["نادر"] if n in (3, 21) else [])
        extra = {"aliases": '["/old/story-24.html"]'} if n == 24 else {}
        title = NASTY if n == 23 else f"خبر رقم {n}"
        body = "انظر [الخبر السابق](a23.md) و[الفقرة](#x)." if n == 24 else "نص."
        files[f"content/2024/a{n:02d}.md"] = article(
            title.replace('"', '\\"'), f"{day.isoformat()}T10:00:00+03:00", body=body, slug=f"a{n:02d}",
            summary=f'"ملخص {n}"', tags="[" + ", ".join(tags) + "]", categories="[سياسة]", **extra)
    return make_site(files, config)


@pytest.fixture
def built(make_site, monkeypatch):
    # The build "now" is 2024-09-14T06:00Z: the last two days (48 hours) hold the articles of 09-12 and 09-13.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2024, 9, 14, 6, tzinfo=dt.timezone.utc).timestamp())))
    root = iraq_site(make_site)
    build(root)
    return root / "site"


def test_tag_pages_are_paginated_from_the_oldest(built):
    """25 articles at 10 a page: the first page shows the newest 15, page 1 the oldest 10,
    and keeps them as articles are added."""
    slug = "العراق"
    first, oldest = read(built, f"tags/{slug}/index.html"), read(built, f"tags/{slug}/page/1/index.html")
    assert [cards(first), cards(oldest)] == [15, 10]
    assert not (built / f"tags/{slug}/page/2").exists()
    assert "خبر رقم 24" in first and "خبر رقم 9" in oldest and "خبر رقم 10" not in oldest
    assert "25 مقالًا" in first and 'class="listing-meta">25' not in oldest and "25 مقالًا" not in oldest, \
        "the count shows on the first page alone"
    assert "صفحة 1" in oldest
    assert f"/tags/{slug}/page/1/" in {unquote(href) for href in parse_html(first).anchors}
    links = parse_html(oldest).links + [{"href": h} for h in parse_html(oldest).anchors]
    hrefs = {unquote(link["href"]) for link in links}
    assert f"/tags/{slug}/" in hrefs and f"/tags/{slug}/page/0/" not in hrefs


def test_tags_index_lists_every_tag_by_count(built):
    html = read(built, "tags/index.html")
    assert html.index("العراق") < html.index("المياه") < html.index("نادر")
    assert "25 مقالًا" in html and "9 مقالات" in html and "مقالان" in html


def test_categories(built):
    assert cards(read(built, "categories/سياسه/index.html")) == 15
    assert "سياسة" in read(built, "categories/index.html")


def test_date_indexes_and_archive(built):
    assert cards(read(built, "2024/09/13/index.html")) == 1
    assert cards(read(built, "2024/09/index.html")) == 13, "fewer than two pages' worth make one page"
    assert not (built / "2024/09/page").exists()
    assert cards(read(built, "2024/index.html")) == 15 and cards(read(built, "2024/page/1/index.html")) == 10
    august = read(built, "2024/08/index.html")
    assert "أغسطس 2024" in august and 'href="/2024/09/"' in august, "links to the newer month that has articles"
    day = read(built, "2024/09/01/index.html")
    assert 'href="/2024/08/31/"' in day and 'href="/2024/09/02/"' in day
    archive = read(built, "archive/index.html")
    assert 'href="/2024/"' in archive and "25 مقالًا" in archive
    assert 'href="/2024/08/"' in archive and "أغسطس" in archive


def test_home_opens_with_the_newest_then_sections_then_the_rest_newest_first(built):
    home = read(built, "index.html")
    lead = home[home.index('class="front-lead"'):home.index("</section>")]
    assert "خبر رقم 24" in lead and '<h2 class="lead-title">' in lead
    shown = re.findall(r'<h[23] class="(?:card|lead)-title"><a href="([^"]+)"', home)
    assert len(shown) == len(set(shown)) >= 15, "each article of the first page once"
    blocks = re.findall(r'<h2 class="block-title" id="section-\d+"><a href="([^"]+)"', home)
    assert blocks and all(url.startswith("/categories/") for url in blocks)
    latest = home[home.index('id="latest-title"'):]
    dates = re.findall(r'<time datetime="([^"]+)"', latest)
    assert dates and dates == sorted(dates, reverse=True)


def test_feeds_parse_as_feed_readers_do(built):
    site_feed = feedparser.parse(read(built, "feed.xml"))
    assert not site_feed.bozo, site_feed.bozo_exception
    assert len(site_feed.entries) == 20
    first = site_feed.entries[0]
    assert first.link == "https://example.org/2024/09/a24/" and first.title == "خبر رقم 24"
    assert first.published.startswith("2024-09-13T10:00:00")
    assert 'href="https://example.org/2024/09/a23/"' in first.content[0].value, "links in feeds are absolute"
    assert 'href="https://example.org/2024/09/a24/#x"' in first.content[0].value
    tag_feed = feedparser.parse(read(built, "tags/المياه/feed.xml"))
    assert not tag_feed.bozo and len(tag_feed.entries) == 9
    assert tag_feed.feed.language == "ar"
    nasty = next(e for e in site_feed.entries if "الماء" in e.title)
    assert nasty.title == NASTY


def test_every_listing_links_its_feed(built):
    def alternates(path: str) -> list[str]:
        return [link["href"] for link in parse_html(read(built, path)).links if link.get("rel") == "alternate"]

    assert alternates("index.html") == ["/feed.xml"]
    assert [unquote(h) for h in alternates("tags/العراق/index.html")] == ["/tags/العراق/feed.xml"]
    assert alternates("2024/09/index.html") == ["/feed.xml"]


def test_sitemap_lists_every_page_and_only_pages_that_exist(built):
    root = ET.fromstring(read(built, "sitemap.xml"))
    locs = [el.text for el in root.findall("s:url/s:loc", SITEMAP_NS)]
    assert all(el.text for el in root.findall("s:url/s:lastmod", SITEMAP_NS))
    paths = {unquote(urlsplit(loc).path) for loc in locs}
    written = {"/" + p.relative_to(built).as_posix().removesuffix("index.html")
               for p in built.rglob("*.html")}
    written -= {"/404.html", "/old/story-24.html", "/search/"}
    assert paths == written
    assert len(locs) == len(set(locs))


def test_news_sitemap_holds_the_last_two_days(built):
    root = ET.fromstring(read(built, "news-sitemap.xml"))
    urls = [el.text for el in root.findall("s:url/s:loc", SITEMAP_NS)]
    assert urls == ["https://example.org/2024/09/a24/", "https://example.org/2024/09/a23/"]
    assert root.find("s:url/news:news/news:publication/news:language", SITEMAP_NS).text == "ar"
    assert root.find("s:url/news:news/news:publication/news:name", SITEMAP_NS).text == "أرشيف"
    titles = [el.text for el in root.findall("s:url/news:news/news:title", SITEMAP_NS)]
    assert titles[1] == NASTY


def test_robots_and_404(built):
    robots = read(built, "robots.txt")
    assert "Sitemap: https://example.org/sitemap.xml" in robots
    assert "Sitemap: https://example.org/news-sitemap.xml" in robots
    assert "الصفحة غير موجودة" in read(built, "404.html")


def test_aliases_become_redirect_pages(built):
    html = read(built, "old/story-24.html")
    assert '<meta http-equiv="refresh" content="0; url=https://example.org/2024/09/a24/">' in html
    assert '<link rel="canonical" href="https://example.org/2024/09/a24/">' in html


def test_article_share_metadata(built):
    for path in sorted(built.glob("2024/*/a*/index.html")):
        page = parse_html(read(built, path.relative_to(built).as_posix()))
        url = "https://example.org/" + path.parent.relative_to(built).as_posix() + "/"
        assert page.meta["og:url"] == url and page.meta["og:type"] == "article"
        assert page.meta["og:locale"] == "ar_AR" and page.meta["twitter:card"] == "summary_large_image"
        # No picture of its own: a share card with its headline, at the size previews take.
        assert page.meta["og:image"].startswith("https://example.org/cards/") and page.meta["og:image"].endswith(".jpg")
        assert (page.meta["og:image:width"], page.meta["og:image:height"]) == ("1200", "630")
        assert (built / page.meta["og:image"].removeprefix("https://example.org/")).is_file()
        assert page.meta["og:description"].startswith("ملخص")
        assert {"rel": "canonical", "href": url} in page.links
        [news] = [d for d in page.json_ld if d["@type"] == "NewsArticle"]
        assert news["headline"] == page.meta["og:title"]
        assert news["datePublished"].endswith("T10:00:00+03:00")
        assert news["mainEntityOfPage"]["@id"] == url and news["inLanguage"] == "ar"
        assert [d["@type"] for d in page.json_ld] == ["NewsArticle", "BreadcrumbList"]


def test_a_title_with_markup_characters_is_safe_everywhere(built):
    page_html = read(built, "2024/09/a23/index.html")
    page = parse_html(page_html)
    assert page.meta["og:title"] == NASTY and page.meta["twitter:title"] == NASTY
    assert [d["headline"] for d in page.json_ld if d["@type"] == "NewsArticle"] == [NASTY]
    assert "b" not in page.tags
    assert page_html.count("<script") == page_html.count("</script>")
    for listing in ("index.html", "tags/العراق/index.html", "2024/09/index.html"):
        html = read(built, listing)
        assert "&lt;b&gt;x&lt;/b&gt; &amp; &lt;/script&gt;" in html and "<b>x</b>" not in html


def test_related_and_neighbours(built):
    html = read(built, "2024/08/a03/index.html")
    related = html[html.index('class="related"'):html.index("</aside>")]
    assert cards(related) == 4
    assert "/2024/09/a21/" in related, "the article sharing the rare tag comes first"
    assert related.index("a21") < related.index("<article", related.index("a21"))
    assert "/2024/08/a03/" not in related
    nav = html[html.index('class="article-nav"'):]
    assert 'href="/2024/08/a04/"' in nav and 'href="/2024/08/a02/"' in nav


def test_share_links_encode_url_and_title(built):
    html = read(built, "2024/08/a00/index.html")
    assert "https://wa.me/?text=%D8%AE%D8%A8%D8%B1" in html
    assert "https://t.me/share/url?url=https%3A%2F%2Fexample.org%2F2024%2F08%2Fa00%2F&amp;text=" in html
    for network in ("x.com/intent/tweet", "facebook.com/sharer", "mailto:?subject="):
        assert network in html
    assert '<a class="share-copy" href="https://example.org/2024/08/a00/"' in html
    assert "<script" in html and "share." in html


def test_large_sitemaps_are_split_with_an_index(make_site, monkeypatch):
    monkeypatch.setattr(ssg.model.site, "SITEMAP_LIMIT", 10)
    root = iraq_site(make_site)
    build(root)
    site = root / "site"
    index = ET.fromstring(read(site, "sitemap.xml"))
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    parts = [urlsplit(el.text).path.lstrip("/") for el in index.findall("s:sitemap/s:loc", SITEMAP_NS)]
    assert len(parts) > 2
    total = 0
    for part in parts:
        urls = ET.fromstring(read(site, part)).findall("s:url", SITEMAP_NS)
        assert 0 < len(urls) <= 10
        total += len(urls)
    assert total == len(list(site.rglob("*.html"))) - 3  # all but 404.html, the search page and the redirect


def test_sub_path_site(make_site):
    root = iraq_site(make_site, CONFIG.replace('"https://example.org/"', '"https://example.org/archive/"'))
    build(root)
    site = root / "site"
    html = read(site, "2024/09/a24/index.html")
    page = parse_html(html)
    internal = [h for h in page.anchors if h.startswith("/")]
    assert internal and all(h.startswith("/archive/") for h in internal)
    assert all(link["href"].startswith(("/archive/", "https://example.org/archive/")) for link in page.links)
    assert page.meta["og:url"] == "https://example.org/archive/2024/09/a24/"
    assert "https://example.org/archive/sitemap.xml" in read(site, "robots.txt")
