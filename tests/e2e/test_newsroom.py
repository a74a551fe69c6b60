"""A newsroom's archive: writers' pages and feeds, sections in the navigation, and a home
page that opens with its lead story."""

from __future__ import annotations

import re
from urllib.parse import quote

import feedparser
import pytest

from ssg.build import build
from ssg.errors import BuildFailed
from tests.helpers import article, parse_html

SARA = quote("/authors/ساره-الاحمد/")      # the folded name's slug: one page for both spellings
SITE = 'title = "أرشيف"\nbase_url = "https://example.org/"\nper_page = 2\nsearch = false\nshare_cards = "none"\n'
WRITERS = '''
[authors."سارة الأحمد"]
role = "مراسلة بغداد"
bio = "تكتب عن **المياه** والطاقة منذ 2015."
picture = "/images/sara.png"
links = ["https://x.com/sara_ahmad", "mailto:sara@example.org"]
'''


def read(root, path: str) -> str:
    return (root / "site" / path).read_text(encoding="utf-8")


@pytest.fixture
def newsroom(make_site):
    return make_site({
        "content/a.md": article("الموازنة", "2024-09-01T10:00:00+03:00", slug="a", author='"سارة الأحمد"',
                                categories="[اقتصاد]"),
        # The same writer with a hamza left out, and a second writer beside her.
        "content/b.md": article("السدود", "2024-09-02T10:00:00+03:00", slug="b",
                                authors='["سارة الاحمد", "Omar Saleh"]', categories="[بيئة]"),
        "content/c.md": article("الدوري", "2024-09-03T10:00:00+03:00", slug="c", author='"Omar Saleh"',
                                categories="[رياضة]"),
        "content/d.md": article("المعرض", "2024-09-04T10:00:00+03:00", slug="d", categories="[ثقافة]"),
        "content/e.md": article("الميناء", "2024-09-05T10:00:00+03:00", slug="e", categories="[اقتصاد, بيئة]"),
    }, SITE + WRITERS)


def test_a_writer_spelt_two_ways_has_one_page_with_her_articles_record_and_feed(newsroom):
    report = build(newsroom)
    pages = sorted(p.parent.name for p in (newsroom / "site/authors").glob("*/index.html"))
    assert pages == ["omar-saleh", "ساره-الاحمد"]
    html = read(newsroom, "authors/ساره-الاحمد/index.html")
    assert 'href="/2024/09/a/"' in html and 'href="/2024/09/b/"' in html and "/2024/09/c/" not in html
    assert "مراسلة بغداد" in html and "<strong>المياه</strong>" in html
    assert 'href="https://x.com/sara_ahmad" rel="me noopener"' in html and ">X</a>" in html
    assert ">sara@example.org</a>" in html
    assert '<img class="profile-picture" src="/images/sara.png"' in html
    assert any("look alike" in w for w in report.warnings) is False, "one writer, not two look-alike pages"
    index = read(newsroom, "authors/index.html")
    assert 'href="/authors/omar-saleh/"' in index and f'href="{SARA}"' in index

    feed = feedparser.parse(read(newsroom, "authors/ساره-الاحمد/feed.xml"))
    assert not feed.bozo and [e.link for e in feed.entries] == ["https://example.org/2024/09/b/",
                                                                  "https://example.org/2024/09/a/"]
    assert f'href="{SARA}feed.xml"' in html


def test_a_byline_links_each_writer_and_json_ld_names_a_person_with_a_url(newsroom):
    build(newsroom)
    html = read(newsroom, "2024/09/b/index.html")
    byline = html[html.index('class="byline"'):html.index("</p>", html.index('class="byline"'))]
    assert re.findall(r'href="([^"]+)" rel="author"', byline) == [SARA, "/authors/omar-saleh/"]
    news = [d for d in parse_html(html).json_ld if d["@type"] == "NewsArticle"][0]
    assert news["author"] == [
        {"@type": "Person", "name": "سارة الاحمد", "url": "https://example.org" + SARA},
        {"@type": "Person", "name": "Omar Saleh", "url": "https://example.org/authors/omar-saleh/"}]
    profile = [d for d in parse_html(read(newsroom, "authors/ساره-الاحمد/index.html")).json_ld
               if d["@type"] == "ProfilePage"][0]
    assert profile["mainEntity"]["jobTitle"] == "مراسلة بغداد"
    assert profile["mainEntity"]["sameAs"] == ["https://x.com/sara_ahmad", "mailto:sara@example.org"]


def test_a_record_of_no_articles_writer_is_reported_on_its_line(make_site):
    root = make_site({"content/a.md": article("أ", "2024-09-01", slug="a", author='"سارة الأحمد"')},
                     SITE + WRITERS.replace("سارة الأحمد", "سارة الأحمدي"))
    report = build(root)
    assert any(w.startswith("site.toml:7: [authors.\"سارة الأحمدي\"] is the record of no article's writer")
               for w in report.warnings), report.warnings


def test_a_record_file_of_no_articles_writer_is_reported_in_that_file(newsroom):
    (newsroom / "content/authors").mkdir()
    (newsroom / "content/authors/nobody.md").write_text("---\nrole: x\nname: لا أحد\n---\n", encoding="utf-8")
    report = build(newsroom)
    assert any(w.startswith("content/authors/nobody.md:3: «لا أحد» is the record of no article's")
               for w in report.warnings), report.warnings


def test_writers_a_letter_apart_are_reported_as_look_alikes(make_site):
    root = make_site({
        "content/a.md": article("أ", "2024-09-01", slug="a", author='"Jonathan Smith"'),
        "content/b.md": article("ب", "2024-09-02", slug="b", author='"Jonathon Smith"'),
    }, SITE)
    report = build(root)
    assert any("authors «" in w and "look alike" in w for w in report.warnings), report.warnings


def test_the_navigation_lists_the_largest_sections_or_the_menu_in_its_order(newsroom):
    build(newsroom)
    home = read(newsroom, "index.html")
    nav = home[home.index('<nav class="sections"'):home.index("</nav>", home.index('<nav class="sections"'))]
    names = re.findall(r"<bdi>([^<]+)</bdi>", nav)
    assert names[0] == "اقتصاد" and sorted(names) == sorted(["اقتصاد", "بيئة", "رياضة", "ثقافة"])
    config = newsroom / "site.toml"
    config.write_text('menu = ["ثقافة", "رياضه", "غير موجود"]\n' + config.read_text(encoding="utf-8"),
                      encoding="utf-8")
    build(newsroom)
    article_page = read(newsroom, "2024/09/a/index.html")
    nav = article_page[article_page.index('<nav class="sections"'):]
    assert re.findall(r"<bdi>([^<]+)</bdi>", nav[:nav.index("</nav>")]) == ["ثقافة", "رياضة"], \
        "the menu's order; a spelling of the menu finds its section; a name no article has is left out"


def test_the_home_page_leads_with_the_featured_story_then_each_sections_latest(newsroom):
    build(newsroom)
    home = read(newsroom, "index.html")
    lead = home[home.index('class="front-lead"'):home.index("</section>")]
    assert 'href="/2024/09/e/"' in lead, "without a featured article the newest leads"
    (newsroom / "content/c.md").write_text(article("الدوري", "2024-09-03T10:00:00+03:00", slug="c",
                                                   featured="true", categories="[رياضة]"), encoding="utf-8")
    build(newsroom)
    home = read(newsroom, "index.html")
    lead = home[home.index('class="front-lead"'):home.index("</section>")]
    assert 'href="/2024/09/c/"' in lead
    blocks = re.findall(r'<section class="section-block".*?</section>', home, flags=re.S)
    economy = [b for b in blocks if "اقتصاد" in b][0]
    assert re.findall(r'class="card-title"><a href="([^"]+)"', economy) == ["/2024/09/e/", "/2024/09/a/"]
    assert not any('href="/2024/09/c/"' in b for b in blocks), "the lead story is not repeated in its section"
    shown = re.findall(r'class="(?:card|lead)-title"><a href="([^"]+)"', home)
    assert len(shown) == len(set(shown)), "an article of two sections shows once"
    # The numbered pages are plain lists, without the lead or the sections.
    older = read(newsroom, "page/1/index.html")
    assert 'class="front-lead"' not in older and 'class="section-block"' not in older


@pytest.mark.parametrize("line, told", [
    ('biography = "x"', ["'biography'", "allowed: bio"]),
    ('menu = ["اقتصاد"]', ["`menu`", "move it above the first [table]"]),
    ('links = "https://x.com/s"', ["links must be a list"]),
])
def test_a_bad_author_record_names_the_line_and_the_fix(make_site, line, told):
    root = make_site({"content/a.md": article("أ", "2024-09-01", slug="a")}, SITE + f'[authors."سارة"]\n{line}\n')
    with pytest.raises(BuildFailed) as failure:
        build(root)
    text = str(failure.value)
    assert "site.toml:6" in text and all(words in text for words in told), text


RECORD = """---
name: سارة الأحمد
role: مراسلة بغداد
picture: /images/sara.png
links: ["https://example.org/@sara"]
---

تكتب عن **المياه** والطاقة منذ 2015.

وقبلها عملت في الإذاعة المحلية.
"""


def test_a_writers_record_may_be_a_file_of_content_authors(newsroom):
    config = newsroom / "site.toml"
    config.write_text(SITE, encoding="utf-8")                 # no [authors] table: the files alone
    (newsroom / "content/authors").mkdir()
    (newsroom / "content/authors/sara.md").write_text(RECORD, encoding="utf-8")
    (newsroom / "content/authors/omar").mkdir()
    (newsroom / "content/authors/omar/_index.md").write_text(   # Hugo's way
        '---\ntitle: "Omar Saleh"\nrole: "Sports editor"\n---\n', encoding="utf-8")
    report = build(newsroom)
    assert report.articles == 5, "records are not articles"
    html = read(newsroom, "authors/ساره-الاحمد/index.html")
    assert '<p class="profile-role" dir="auto">مراسلة بغداد</p>' in html
    bios = re.findall(r'<p class="profile-bio" dir="auto">(.*?)</p>', html)
    assert bios == ["تكتب عن <strong>المياه</strong> والطاقة منذ 2015.", "وقبلها عملت في الإذاعة المحلية."]
    profile = [d for d in parse_html(html).json_ld if d["@type"] == "ProfilePage"][0]["mainEntity"]
    assert profile["description"] == "تكتب عن المياه والطاقة منذ 2015.", "plain text, not Markdown"
    assert "Sports editor" in read(newsroom, "authors/omar-saleh/index.html")
    # An edit of the record is seen by the next build; site.toml's table wins over a file.
    (newsroom / "content/authors/sara.md").write_text(RECORD.replace("مراسلة بغداد", "محررة"), encoding="utf-8")
    build(newsroom)
    assert "محررة" in read(newsroom, "authors/ساره-الاحمد/index.html")
    config.write_text(SITE + WRITERS.replace('role = "مراسلة بغداد"', 'role = "من الجدول"'), encoding="utf-8")
    build(newsroom)
    html = read(newsroom, "authors/ساره-الاحمد/index.html")
    assert "من الجدول" in html and "الإذاعة" not in html, "the table's record, whole"


@pytest.mark.parametrize("front, told", [
    ("name: سارة\nbiography: x", "content/authors/bad.md:3: unknown key 'biography' in a writer's record"),
    ("role: x", "content/authors/bad.md:2: a writer's record needs the writer's name"),
    ("name: سارة\nlinks: x.com/sara", "links must be a list"),
])
def test_a_bad_record_file_fails_the_build_naming_its_line(newsroom, front, told):
    (newsroom / "content/authors").mkdir()
    (newsroom / "content/authors/bad.md").write_text(f"---\n{front}\n---\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build(newsroom)
    assert told in str(failure.value), str(failure.value)
