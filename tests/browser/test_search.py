"""Search in Debian's chromium: Pagefind's index through our own RTL search page."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

import pytest

from ssg.build import build
from ssg.search.shards import bucket
from tests.browser.conftest import save_screenshot, serving
from tests.helpers import article

pytestmark = pytest.mark.browser

CONFIG = 'title = "أرشيف زمردة"\nbase_url = "https://example.org/"\nlocale = "ar_SY"\nsearch_shard_size = 10\n'
HARVEST = "الحصاد"
# Filler stories, each in its own year and tag; every third one mentions the harvest once.
FILLERS = {f"content/f{n:02d}.md": article(f"تقرير السوق رقم {n}", f"{2015 + n % 10}-0{1 + n % 9}-1{n % 10}",
                                           slug=f"f{n:02d}", tags=f"[{'زراعة' if n % 2 else 'تجارة'}]",
                                           body=f"تحدث التجار عن الأسعار في الأسبوع {n}."
                                           + (f" وتأثر السوق بموسم {HARVEST}." if n % 3 == 0 else ""))
           for n in range(36)}


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
        "content/d.md": article("افتتاح أعمال القمة", "2022-05-10", slug="summit", tags="[سياسة]",
                                body="ناقش القادة في القمة بناء مستشفى جديد على الحدود."),
        "content/h.md": article(f"موسم {HARVEST} يبدأ مبكرًا", "2021-06-01", slug="harvest", tags="[زراعة]",
                                body=f"بدأ {HARVEST} في السهول. يقول المزارعون إن {HARVEST} هذا العام وفير، "
                                     f"وإن أسعار {HARVEST} ستنخفض، وإن عمال {HARVEST} يكفون {HARVEST}."),
        **FILLERS,
    }
    (root / "content").mkdir()
    (root / "site.toml").write_text(CONFIG, encoding="utf-8")
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    build(root)
    with serving(root / "site") as base:
        yield base


def results(page, query: str) -> list[dict]:
    page.fill("#search-input", query)
    page.wait_for_function("(q) => new URL(location.href).searchParams.get('q') === q", arg=query)
    page.wait_for_function("() => !document.querySelector('.search-status').textContent.includes('…')"
                           " && document.querySelector('.search-status').textContent !== ''")
    return page.eval_on_selector_all(".search-result", """items => items.map(item => ({
        lang: item.lang, direction: getComputedStyle(item).direction, title: item.querySelector('a').textContent,
        titleDirection: getComputedStyle(item.querySelector('h2')).direction, href: item.querySelector('a').href,
        date: item.querySelector('.search-date')?.textContent || ''}))""")


def open_search(page, base: str):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base + "/search/")
    page.focus("#search-input")
    page.wait_for_selector(".search-filters:not([data-waiting])")
    assert not errors, errors


def test_the_site_has_several_shards_per_language(search_site):
    shards = json.loads(urllib.request.urlopen(search_site + "/pagefind/shards.json").read())["shards"]
    assert [s["pages"] for s in shards if s["language"] == "en"] == [1]
    arabic = [s for s in shards if s["language"] == "ar"]
    assert len(arabic) == 4 and sum(s["pages"] for s in arabic) == 40


def test_nothing_of_pagefind_is_fetched_before_the_field_is_focused(page, search_site):
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(search_site + "/search/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in fetched if "/pagefind/" in url], "the index waits for the reader"
    before = page.eval_on_selector(".search-filters", "box => JSON.stringify(box.getBoundingClientRect())")
    page.focus("#search-input")
    page.wait_for_selector(".search-filters:not([data-waiting])")
    assert any(url.endswith("/pagefind/shards.json") for url in fetched)
    assert page.eval_on_selector(".search-filters", "box => JSON.stringify(box.getBoundingClientRect())") == before, \
        "the filters appear where their place was kept: nothing shifts"
    assert page.eval_on_selector_all("#filter-year option", "options => options.length") > 5


def test_a_query_typed_before_the_index_loads_is_searched(page, search_site):
    page.goto(search_site + "/search/")
    found = results(page, "المعبر")                 # typed at once: the index loads meanwhile
    assert [r["title"] for r in found] == ["محادثات حدودية"]


def test_an_address_with_a_query_searches_at_once(page, search_site):
    page.goto(search_site + "/search/?q=" + urllib.parse.quote("التوتر"))
    page.wait_for_selector(".search-result")
    assert page.eval_on_selector_all(".search-result", "items => items.length") == 2


def test_arabic_query_without_hamza_finds_the_article(page, search_site):
    open_search(page, search_site)
    found = results(page, "الاقليمي")
    assert [r["title"] for r in found] == ["ارتفاع كلفة الشحن البحري"]
    save_screenshot(page, "search")
    assert found[0]["href"].endswith("/2024/09/shipping/") and "أيلول 2024" in found[0]["date"]


def test_teh_marbuta_and_alef_maqsura_spellings_find_the_same_article(page, search_site):
    open_search(page, search_site)
    for query in ("قمه", "القمه", "القمة", "مستشفي", "مستشفى"):
        assert [r["title"] for r in results(page, query)] == ["افتتاح أعمال القمة"], query


def test_results_from_every_shard_come_as_one_ranked_list(page, search_site):
    matching = ["content/h.md"] + [name for name, text in FILLERS.items() if HARVEST in text]
    assert len({bucket(source, 4) for source in matching}) >= 3, "the fixture spreads them over shards"
    open_search(page, search_site)
    found = results(page, HARVEST)
    assert len(found) == len(matching) == 13
    assert found[0]["title"] == f"موسم {HARVEST} يبدأ مبكرًا", "the article about it ranks first"
    assert page.inner_text(".search-status") == "13 نتيجة"


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
    assert not page.is_visible(".search-filters"), "no filters that nothing would fill"
    context.close()


def test_the_filters_narrow_results_from_several_shards(page, search_site):
    open_search(page, search_site)
    everywhere = results(page, HARVEST)
    page.select_option("#filter-tag", "زراعة")
    page.wait_for_function("(n) => document.querySelectorAll('.search-result').length < n", arg=len(everywhere))
    farming = [name for name, text in FILLERS.items() if HARVEST in text and "زراعة" in text] + ["content/h.md"]
    assert page.eval_on_selector_all(".search-result", "items => items.length") == len(farming)
    assert len({bucket(source, 4) for source in farming}) >= 2
    page.select_option("#filter-tag", "")
    page.select_option("#filter-year", "2018")
    page.wait_for_function("() => document.querySelectorAll('.search-result').length === 2")
    assert {item.split(" ")[-1] for item in page.eval_on_selector_all(
        ".search-date", "dates => dates.map(d => d.textContent)")} == {"2018"}


def test_on_a_phone_the_form_fits_and_labels_stay_with_their_controls(browser, search_site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = context.new_page()
    open_search(page, search_site)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "no horizontal scrolling"
    for control in ("filter-tag", "filter-year"):
        label = page.eval_on_selector(f"label[for={control}]", "e => e.getBoundingClientRect().toJSON()")
        box = page.eval_on_selector(f"#{control}", "e => e.getBoundingClientRect().toJSON()")
        assert 0 <= box["top"] - label["bottom"] <= 8, f"{control}: its label sits right above it"
        assert label["right"] <= box["right"] + 1 and label["right"] >= box["left"], control
    context.close()
