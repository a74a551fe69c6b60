"""Search in Debian's chromium: Pagefind's index through our own RTL search page."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

from ssg.build import build
from tests.browser.conftest import save_screenshot
from tests.helpers import article

pytestmark = pytest.mark.browser

CONFIG = 'title = "أرشيف زمردة"\nbase_url = "https://example.org/"\nlocale = "ar_SY"\n'


@pytest.fixture(scope="module")
def search_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("search-site")
    files = {
        "content/a.md": article("ارتفاع كلفة الشحن البحري", "2024-09-13", slug="shipping",
                                summary='"الأقساط تتضاعف"', tags="[اقتصاد]",
                                body="زاد التوتر الإقليمي كلفة التأمين على السفن المتجهة إلى الموانئ."),
        "content/b.md": article("محادثات حدودية", "2023-04-02", slug="border", tags="[سياسة]",
                                body="تسعى الجولة الجديدة إلى تخفيف التوتر بين البلدين وفتح المعبر."),
        "content/c.md": article("Water forum ends in Baghdad", "2024-03-19", slug="forum", lang="en",
                                tags="[water]", body="Engineers called for shared river data across the basin."),
    }
    (root / "content").mkdir()
    (root / "site.toml").write_text(CONFIG, encoding="utf-8")
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    build(root)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root / "site"))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def results(page, query: str) -> list[dict]:
    page.fill("#search-input", query)
    page.wait_for_function("(q) => new URL(location.href).searchParams.get('q') === q", arg=query)
    page.wait_for_function("() => !document.querySelector('.search-status').textContent.includes('…')")
    return page.eval_on_selector_all(".search-result", """items => items.map(item => ({
        lang: item.lang, direction: getComputedStyle(item).direction, title: item.querySelector('a').textContent,
        titleDirection: getComputedStyle(item.querySelector('h2')).direction, href: item.querySelector('a').href,
        date: item.querySelector('.search-date')?.textContent || ''}))""")


def open_search(page, base: str):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base + "/search/")
    page.wait_for_selector("#search-input:not([disabled])")
    assert not errors, errors


def test_arabic_query_without_hamza_finds_the_article(page, search_site):
    open_search(page, search_site)
    found = results(page, "الاقليمي")
    assert [r["title"] for r in found] == ["ارتفاع كلفة الشحن البحري"]
    save_screenshot(page, "search")
    assert found[0]["href"].endswith("/2024/09/shipping/") and "أيلول 2024" in found[0]["date"]


def test_shared_word_finds_both_and_the_tag_filter_narrows(page, search_site):
    open_search(page, search_site)
    assert {r["title"] for r in results(page, "التوتر")} == {"ارتفاع كلفة الشحن البحري", "محادثات حدودية"}
    page.select_option("#filter-tag", "سياسة")
    page.wait_for_function("() => document.querySelectorAll('.search-result').length === 1")
    assert page.inner_text(".search-result h2") == "محادثات حدودية"
    page.select_option("#filter-tag", "")
    page.select_option("#filter-year", "2024")
    page.wait_for_function("() => document.querySelectorAll('.search-result').length === 1")
    assert page.inner_text(".search-result h2") == "ارتفاع كلفة الشحن البحري"


def test_english_query_finds_the_english_article_left_to_right(page, search_site):
    open_search(page, search_site)
    assert page.evaluate("getComputedStyle(document.querySelector('.search-results')).direction") == "rtl"
    found = results(page, "engineers")
    assert [r["title"] for r in found] == ["Water forum ends in Baghdad"]
    assert found[0]["lang"] == "en" and found[0]["direction"] == "ltr" and found[0]["titleDirection"] == "ltr"
    arabic = results(page, "المعبر")
    assert arabic[0]["direction"] == "rtl"


def test_words_only_in_the_site_chrome_find_nothing(page, search_site):
    open_search(page, search_site)
    assert results(page, "زمردة") == []
    assert page.inner_text(".search-status") == "لا نتائج."


def test_without_javascript_the_page_offers_the_archive(browser, search_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(search_site + "/search/")
    text = page.inner_text("main")
    assert "يحتاج البحث إلى JavaScript" in text and "الأرشيف" in text
    context.close()
