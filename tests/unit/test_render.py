import datetime as dt

import pytest

from ssg.article import Article
from ssg.config import SiteConfig
from ssg.errors import BuildFailed
from ssg.model.site import BuildOptions, build_site
from ssg.execution.workers import Executor, RenderJob
from ssg.rendering.renderer import Renderer
from ssg.rendering.theme import load_theme
from tests.helpers import parse_html

NOW = BuildOptions(now=dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc))


def art(title: str, **fields) -> Article:
    values = dict(source="content/x.md", title=title, slug="x", body="نص **عريض**",
                  date=dt.datetime(2024, 9, 13, 10, tzinfo=dt.timezone.utc))
    values.update(fields)
    return Article(**values)


def render(config: SiteConfig, articles) -> dict[str, str]:
    """Every page of the site, by the build's own renderer in the executor of one process."""
    site = build_site(config, articles, options=NOW)
    folder = config.root / "rendered"
    jobs = [RenderJob(page, site.links, None) for page in site.pages]
    results = Executor(1).render([(jobs, True)], Renderer(config, load_theme(config)), folder.joinpath,
                                 lambda *progress: None)
    return {result.output_path: (folder / result.output_path).read_text(encoding="utf-8") for result in results}


def test_article_page_in_the_default_theme(tmp_path):
    pages = render(SiteConfig.for_tests(root=tmp_path), [art("قمة", tags=("المياه",), sources=("وكالات",))])
    html = pages["2024/09/x/index.html"]
    assert '<html lang="ar" dir="rtl">' in html
    assert '<h1 class="headline">قمة</h1>' in html
    assert "<strong>عريض</strong>" in html
    assert "المصادر" in html and "الوسوم" in html
    assert '<time datetime="2024-09-13T10:00:00+00:00">الجمعة، 13 سبتمبر 2024، 10:00 غرينتش+00:00</time>' in html
    assert '<link rel="canonical" href="https://example.org/2024/09/x/">' in html


def test_english_article_in_an_arabic_site_keeps_arabic_chrome(tmp_path):
    pages = render(SiteConfig.for_tests(root=tmp_path), [art("Report", lang="en", dir="ltr", sources=("AP",))])
    html = pages["2024/09/x/index.html"]
    assert '<html lang="en" dir="ltr">' in html
    assert '<header class="site-header" lang="ar" dir="rtl">' in html
    assert "Sources" in html and "September 13, 2024" in html


def test_user_text_is_escaped(tmp_path):
    title = 'A "quote" <b>bold</b> & </script>'
    html = render(SiteConfig.for_tests(root=tmp_path), [art(title, summary=title)])["2024/09/x/index.html"]
    page = parse_html(html)
    assert "b" not in page.tags, "user text must not become markup"
    assert page.meta["og:title"] == title and page.meta["description"] == title
    headlines = [d["headline"] for d in page.json_ld if d["@type"] == "NewsArticle"]
    assert headlines == [title]
    assert html.count("<script") == html.count("</script>")


def test_assets_get_content_hashed_names(tmp_path):
    config = SiteConfig.for_tests(root=tmp_path)
    theme = load_theme(config)
    fingerprinted = theme.assets["css/style.css"]
    assert fingerprinted.startswith("css/style.") and fingerprinted.endswith(".css")
    assert fingerprinted != "css/style.css"
    assert f'href="/{fingerprinted}"' in render(config, [art("قمة")])["index.html"]


def test_site_templates_override_the_theme(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "article.html").write_text("<p>{{ article.title }}|{{ t('sources') }}</p>",
                                                          encoding="utf-8")
    assert render(SiteConfig.for_tests(root=tmp_path), [art("قمة")])["2024/09/x/index.html"] == "<p>قمة|المصادر</p>"


def test_a_runtime_template_error_names_template_and_line(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "article.html").write_text("<p>\n{{ article.title }}\n{{ article.nothing.deeper }}\n",
                                                          encoding="utf-8")
    with pytest.raises(BuildFailed) as caught:
        render(SiteConfig.for_tests(root=tmp_path), [art("قمة")])
    [error] = caught.value.errors
    assert (error.path, error.line) == ("templates/article.html", 3)
    assert "UndefinedError" in error.message and "content/x.md" in error.message


def test_cached_macro_renders_once_per_argument_and_tells_equal_records_apart():
    from ssg.rendering.renderer import MacroMemo
    calls = []

    def card(article):
        calls.append(article)
        return f"<p>{article['title']}</p>"

    memo = MacroMemo(size=2)
    first, twin = {"title": "أ"}, {"title": "أ"}
    assert memo(card, first) == memo(card, first) == "<p>أ</p>"
    assert len(calls) == 1
    memo(card, twin)                      # equal but another record: rendered for itself
    assert calls == [first, twin]
    memo(card, {"title": "ب"})            # a third argument pushes the oldest out
    memo(card, first)
    assert len(calls) == 4


@pytest.mark.parametrize("credit, shown", [
    ("أحمد علي", '<span class="credit">تصوير: <bdi>أحمد علي</bdi></span>'),
    ("رسم: قسم الغرافيك", '<span class="credit"><bdi>رسم: قسم الغرافيك</bdi></span>'),
    ("تصوير وكالة الأنباء", '<span class="credit"><bdi>تصوير وكالة الأنباء</bdi></span>'),
    ("Photo: AP", '<span class="credit"><bdi>Photo: AP</bdi></span>'),
    ("© الوكالة", '<span class="credit"><bdi>© الوكالة</bdi></span>'),
])
def test_a_credit_with_its_own_label_gets_no_second_one(tmp_path, credit, shown):
    """The sample showed "تصوير: رسم: قسم الغرافيك"."""
    from ssg.article import Image
    pages = render(SiteConfig.for_tests(root=tmp_path), [art("قمة", image=Image("a.jpg", credit=credit))])
    assert shown in pages["2024/09/x/index.html"]
