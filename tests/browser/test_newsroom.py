"""The newsroom theme in Chromium, on the sample archive: the front page, sections, writers,
the dateline, the dark-mode switch, accessibility in light and dark, the weight of a page."""

from __future__ import annotations

import gzip
import tomllib
from urllib.parse import quote, unquote, urlsplit

import pytest

from tests.browser.conftest import save_screenshot
from tests.conftest import REPO
from tests.helpers import require_tool

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
PAGE_BUDGET = 60_000            # bytes: an article page, transferred (gzip), before pictures, fonts included
# axe's own contrast rule skips Arabic text (it takes joined letters for an icon font's
# ligatures): the same check again, on every element with text of its own.
ARABIC_CONTRAST = """async () => {
  axe.configure({rules: [{id: 'color-contrast-rtl', impact: 'serious', tags: ['custom'],
    selector: 'p, h1, h2, h3, li, a, span, bdi, time, label, figcaption, blockquote, div',
    excludeHidden: true, any: ['color-contrast'], all: [], none: [],
    metadata: {description: 'color-contrast without the icon-ligature filter', help: 'Text contrast'}}]});
  const result = await axe.run(document, {resultTypes: ['violations']});
  const own = node => [...document.querySelectorAll(node.target[0])].some(element =>
    [...element.childNodes].some(child => child.nodeType === 3 && child.nodeValue.trim()));
  return result.violations.map(v => ({id: v.id, nodes: (v.id === 'color-contrast-rtl' ? v.nodes.filter(own) : v.nodes)
    .map(n => n.target.join(' ') + ' ' + JSON.stringify(n.any[0] && n.any[0].data || ''))}))
    .filter(v => v.nodes.length);
}"""


def sample_config() -> dict:
    return tomllib.loads((REPO / "site.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def page_kinds(browser, served_sample) -> dict[str, str]:
    """One URL of each kind of page, found as a reader finds them: by following links."""
    page = browser.new_page()
    page.goto(served_sample + "/")
    lead = page.locator(".lead-title a").get_attribute("href")
    section = page.locator("nav.sections a").first.get_attribute("href")
    page.goto(served_sample + lead)
    author = page.locator(".byline a").first.get_attribute("href")
    tag = page.locator(".tag-list a").first.get_attribute("href")
    page.goto(served_sample + "/archive/")
    month = page.locator(".archive-months a").first.get_attribute("href")
    page.close()
    return {"home": "/", "article": lead, "section": section, "author": author, "tag": tag, "month": month,
            "search": "/search/", "archive": "/archive/", "authors": "/authors/"}


def test_the_lead_story_is_first_and_largest(browser, served_sample):
    for width in (1280, 390):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(served_sample + "/")
        boxes = page.evaluate("""() => {
            const first = document.querySelector('main article');
            const size = e => parseFloat(getComputedStyle(e).fontSize);
            const lead = document.querySelector('.lead-story');
            const picture = lead.querySelector('img');
            return {first: first === lead, lead: size(lead.querySelector('.lead-title')),
                    others: Math.max(...[...document.querySelectorAll('.card-title')].map(size)),
                    picture: picture ? picture.getBoundingClientRect().width : 0,
                    pictures: Math.max(0, ...[...document.querySelectorAll('.card-image img')]
                                         .map(i => i.getBoundingClientRect().width)),
                    eager: picture ? picture.getAttribute('fetchpriority') : null};
        }""")
        assert boxes["first"] and boxes["lead"] > boxes["others"], boxes
        assert boxes["picture"] >= boxes["pictures"] and boxes["eager"] == "high", boxes
        page.close()


def test_the_navigation_lists_the_menus_sections_in_order(page, served_sample):
    page.goto(served_sample + "/")
    shown = page.locator("nav.sections a").all_inner_texts()
    menu = sample_config().get("menu")
    assert menu, "the sample sets a menu"
    assert shown == [name for name in menu if name in shown] and len(shown) >= 5, shown
    page.locator("nav.sections a").nth(1).click()
    assert page.locator("h1").inner_text() == shown[1]


def test_an_author_page_lists_that_writers_articles(page, served_sample, page_kinds):
    page.goto(served_sample + page_kinds["author"])
    name = page.locator("h1").inner_text()
    links = [a.get_attribute("href") for a in page.locator(".card-title a").all()]
    assert links
    for link in links:
        page.goto(served_sample + link)
        assert name in page.locator(".byline").inner_text()


def test_the_dateline_shows_the_hour_in_the_sites_zone(page, served_sample):
    page.goto(served_sample + "/2026/04/border-trade-talks/")
    dateline = page.locator(".dateline time").first
    assert dateline.get_attribute("datetime") == "2026-04-14T13:20:00+03:00"
    text = dateline.inner_text()
    assert "13:20" in text and "بتوقيت بغداد" in text and "الثلاثاء" in text, text


def test_the_switch_keeps_dark_mode_across_pages(browser, served_sample):
    context = browser.new_context(color_scheme="light", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(served_sample + "/")
    background = "getComputedStyle(document.body).backgroundColor"
    assert page.evaluate(background) == "rgb(255, 255, 255)"
    page.locator(".theme-switch").click()
    assert page.evaluate(background) != "rgb(255, 255, 255)"
    page.goto(served_sample + "/archive/")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert page.evaluate(background) != "rgb(255, 255, 255)" and page.locator("#theme-switch").is_checked()
    page.locator(".theme-switch").click()
    page.goto(served_sample + "/")
    assert page.evaluate(background) == "rgb(255, 255, 255)"
    context.close()


def test_without_javascript_pages_read_and_the_system_scheme_rules(browser, served_sample, page_kinds):
    context = browser.new_context(java_script_enabled=False, color_scheme="dark")
    page = context.new_page()
    for kind in ("home", "article", "author", "search"):
        page.goto(served_sample + page_kinds[kind])
        assert page.locator("h1").first.inner_text().strip(), kind
        assert not page.locator(".theme-switch").is_visible(), "the switch needs JavaScript"
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(21, 21, 23)"
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_and_arabic_text_contrast_on_every_kind_of_page(browser, served_sample, page_kinds,
                                                                          scheme):
    require_tool(AXE.is_file(), "axe-core (npm ci)")
    script = AXE.read_text(encoding="utf-8")
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    found = {}
    for kind, path in page_kinds.items():
        page.goto(served_sample + path, wait_until="networkidle")
        page.add_script_tag(content=script)
        violations = page.evaluate(ARABIC_CONTRAST)
        if violations:
            found[kind] = violations
    context.close()
    assert found == {}


def test_no_page_scrolls_sideways_on_a_phone(browser, served_sample, page_kinds):
    page = browser.new_page(viewport={"width": 390, "height": 800})
    wide = {}
    for kind, path in page_kinds.items():
        page.goto(served_sample + path)
        extra = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if extra > 0:
            wide[kind] = extra
    page.close()
    assert wide == {}


def test_an_article_page_weighs_at_most_60_kb_before_pictures(browser, served_sample, sample_site):
    """What a reader's browser fetches for each article, text gzip-compressed as hosts send
    it, fonts included, pictures not: the files the requests name, weighed on disk."""
    page = browser.new_page(viewport={"width": 390, "height": 800})
    articles = [html for html in sorted(sample_site.rglob("index.html"))
                if '<article class="article">' in html.read_text(encoding="utf-8")]
    assert len(articles) > 20
    heaviest = (0, "")
    for html in articles:
        fetched: set[str] = set()

        def listen(request, fetched=fetched):
            if request.resource_type != "image":
                fetched.add(unquote(urlsplit(request.url).path))
        page.on("request", listen)
        page.goto(served_sample + "/" + quote(html.parent.relative_to(sample_site).as_posix()) + "/",
                  wait_until="networkidle")
        page.remove_listener("request", listen)
        total = 0
        for path in fetched:
            file = sample_site / path.lstrip("/")
            file = file / "index.html" if file.is_dir() else file
            data = file.read_bytes()
            total += len(data) if path.endswith(".woff2") else len(gzip.compress(data, 9))
        heaviest = max(heaviest, (total, html.parent.name))
    page.close()
    assert heaviest[0] <= PAGE_BUDGET, heaviest


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_the_newsrooms_pages(browser, served_sample, page_kinds, width, scheme):
    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
    page = context.new_page()
    for kind in ("home", "article", "section", "author"):
        page.goto(served_sample + page_kinds[kind], wait_until="networkidle")
        page.evaluate("Promise.all([...document.images].map(i => (i.loading = 'eager', i.decode().catch(() => 0))))")
        assert save_screenshot(page, f"newsroom-{kind}-{width}-{scheme}").stat().st_size > 10_000
    context.close()


def test_the_copy_button_copies_the_articles_address_and_says_so(browser, served_sample):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served_sample)
    page = context.new_page()
    page.goto(served_sample + "/2026/04/border-trade-talks/")
    button = page.locator("a.share-copy")
    assert button.get_attribute("title") == "انسخ الرابط" and button.locator("svg").count() == 1
    button.click()
    page.wait_for_function("document.querySelector('a.share-copy .visually-hidden').textContent === 'نُسخ الرابط'")
    assert page.evaluate("navigator.clipboard.readText()") == "https://archive.example.org/2026/04/border-trade-talks/"
    assert page.url.endswith("/2026/04/border-trade-talks/"), "the link was not followed"
    context.close()
