"""Arabic done right, as a reader of the built pages sees it."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from ssg.build import build
from ssg.errors import BuildFailed
from tests.helpers import article

BASE = 'title = "أرشيف"\nbase_url = "https://example.org/"\nper_page = 2\n'


def site_with(make_site, config_lines: str = "", **files):
    return make_site(files or {"content/x.md": article("قمة", "2024-09-13T10:00:00+03:00", slug="x")},
                     BASE + config_lines)


def page(root, path: str) -> str:
    return (root / "site" / path).read_text(encoding="utf-8")


def test_three_spellings_make_one_tag_page(make_site):
    root = make_site({
        "content/a.md": article("أ", "2024-09-01", slug="a", tags="[التوتر الإقليمي]"),
        "content/b.md": article("ب", "2024-09-02", slug="b", tags="[التوتر الاقليمي]"),
        "content/c.md": article("ج", "2024-09-03", slug="c", tags='["التَّوتُّر الإقليمي"]'),
    }, BASE.replace("per_page = 2", "per_page = 10"))
    build(root)
    tag_pages = sorted(p.parent.name for p in (root / "site/tags").glob("*/index.html"))
    assert tag_pages == ["التوتر-الاقليمي"]
    html = page(root, "tags/التوتر-الاقليمي/index.html")
    assert len(re.findall(r'<article class="card[ "]', html)) == 3
    for slug in ("a", "b", "c"):
        assert f'href="/2024/09/{slug}/"' in html
    for slug in ("a", "b", "c"):
        assert "/tags/%D8%A7%D9%84%D8%AA%D9%88%D8%AA%D8%B1" in page(root, f"2024/09/{slug}/index.html")


@pytest.mark.parametrize("config, shown", [
    ('locale = "ar_SY"\n', "أيلول"),
    ('locale = "ar_EG"\n', "سبتمبر"),
    ('locale = "ar_IQ"\nmonth_names = "dual"\n', "أيلول/سبتمبر"),
    ('digits = "arabic"\n', "١٣"),
    ('hijri = true\n', "ربيع الأول 1446"),
    ('hijri = true\ndigits = "arabic"\n', "ربيع الأول ١٤٤٦"),
])
def test_date_settings(make_site, config, shown):
    root = site_with(make_site, config)
    build(root)
    html = page(root, "2024/09/x/index.html")
    assert shown in html
    assert '<time datetime="2024-09-13T10:00:00+03:00">' in html


def test_arabic_digits_in_page_numbers_and_counts_but_not_urls(make_site):
    files = {f"content/{n}.md": article(f"خبر {n}", f"2024-09-{n + 1:02d}", slug=f"s{n}", tags="[العراق]")
             for n in range(7)}
    root = make_site(files, BASE + 'digits = "arabic"\n')
    build(root)
    first, second = page(root, "tags/العراق/index.html"), page(root, "tags/العراق/page/2/index.html")
    assert "٧ مقالات" in first and "صفحة ٢" in second
    assert 'href="/tags/%D8%A7%D9%84%D8%B9%D8%B1%D8%A7%D9%82/page/1/"' in second
    hrefs = re.findall(r'href="([^"]*)"', second)
    assert "/2024/09/s2/" in hrefs
    assert not any(ch in href for href in hrefs for ch in "٠١٢٣٤٥٦٧٨٩"), "URLs keep Latin digits"


def test_english_article_gets_english_dates_in_an_arabic_site(make_site):
    root = site_with(make_site, 'locale = "ar_SY"\ndigits = "arabic"\nhijri = true\n',
                     **{"content/en.md": article("Report", "2024-09-13", slug="en", lang="en")})
    build(root)
    html = page(root, "2024/09/en/index.html")
    assert "September 13, 2024" in html and "ربيع" not in html.split("<main")[1]


def test_user_text_next_to_theme_words_is_isolated(make_site):
    root = site_with(make_site, "", **{"content/x.md": article(
        "قمة", "2024-09-13", slug="x", tags="[CENTCOM, المياه]", author='"John Smith"', categories="[سياسة]")})
    build(root)
    html = page(root, "2024/09/x/index.html")
    assert '<a class="author" href="/authors/john-smith/" rel="author"><bdi>John Smith</bdi></a>' in html
    assert "<bdi>CENTCOM</bdi>" in html
    assert '<bdi aria-current="page">قمة</bdi>' in html


def test_site_strings_override_theme_words(make_site):
    root = site_with(make_site, '[strings.ar]\nrelated = "اقرأ أيضاً"\nshare = "انشر"\n', **{
        "content/a.md": article("أ", "2024-09-01", slug="a", tags="[ماء]"),
        "content/b.md": article("ب", "2024-09-02", slug="b", tags="[ماء]")})
    build(root)
    html = page(root, "2024/09/a/index.html")
    assert "اقرأ أيضاً" in html and "انشر" in html and "تابع القراءة" not in html


def test_unknown_site_string_is_an_error(make_site):
    root = site_with(make_site, '[strings.ar]\nrelatd = "x"\n')
    with pytest.raises(BuildFailed, match="unknown word 'relatd'"):
        build(root)


def test_tag_aliases_merge_synonyms(make_site):
    root = site_with(make_site, '[tag_aliases]\n"داعش" = "تنظيم الدولة"\n', **{
        "content/a.md": article("أ", "2024-09-01", slug="a", tags="[داعش]"),
        "content/b.md": article("ب", "2024-09-02", slug="b", tags="[تنظيم الدولة]")})
    build(root)
    assert sorted(p.name for p in (root / "site/tags").iterdir() if p.is_dir()) == ["تنظيم-الدوله"]


def test_look_alike_tags_are_reported_as_a_warning(make_site):
    root = site_with(make_site, "", **{
        "content/a.md": article("أ", "2024-09-01", slug="a", tags="[اقتصاد]"),
        "content/b.md": article("ب", "2024-09-02", slug="b", tags="[الاقتصاد]")})
    result = subprocess.run([sys.executable, "-m", "ssg", "build", "-s", str(root)], capture_output=True, text=True)
    assert result.returncode == 0
    assert "warning: tags «" in result.stderr and "look alike" in result.stderr and "[tag_aliases]" in result.stderr


def test_latin_slug_style(make_site):
    root = site_with(make_site, 'slug_style = "latin"\n', **{
        "content/مهرجان-الكتاب.md": article("مهرجان الكتاب", "2024-09-01", tags="[ثقافة]")})
    build(root)
    written = sorted(p.relative_to(root / "site").as_posix() for p in (root / "site").rglob("index.html"))
    assert all(path.isascii() for path in written), written


@pytest.mark.parametrize("config, dateline", [
    ('timezone = "Asia/Baghdad"\nlocale = "ar_IQ"\n', "الجمعة، 13 أيلول 2024، 10:00 بتوقيت بغداد"),
    ('timezone = "Asia/Beirut"\nlocale = "ar_LB"\ndigits = "arabic"\n', "الجمعة، ١٣ أيلول ٢٠٢٤، ١٠:٠٠ بتوقيت بيروت"),
    ('timezone = "Africa/Cairo"\nlocale = "ar_EG"\n', "الجمعة، 13 سبتمبر 2024، 10:00 بتوقيت القاهرة"),
    # A zone that is an offset, not a place (ssg import wordpress writes one): the offset.
    ('timezone = "Etc/GMT-3"\n', "الجمعة، 13 سبتمبر 2024، 10:00 غرينتش+03:00"),
])
def test_the_dateline_has_the_weekday_and_the_hour_in_the_sites_zone(make_site, config, dateline):
    root = make_site({"content/x.md": article("قمة", "2024-09-13T07:00:00Z", slug="x",
                                              body="كلمة " * 450)}, BASE + config)
    build(root)
    html = page(root, "2024/09/x/index.html")
    assert f">{dateline}</time>" in html
    assert "دقيقتا قراءة" in html, "450 words: two minutes, in the dual"


def test_a_date_without_a_time_shows_no_hour(make_site):
    root = site_with(make_site, 'timezone = "Asia/Baghdad"\n',
                     **{"content/x.md": article("قمة", "2024-09-13", slug="x")})
    build(root)
    assert ">الجمعة، 13 سبتمبر 2024</time>" in page(root, "2024/09/x/index.html")
