"""How the sample archive looks and reads in a real browser: direction, alignment,
bidi order of mixed Arabic and Latin text, and real Arabic glyphs."""

from __future__ import annotations

import pytest

from tests.browser.conftest import save_screenshot

pytestmark = pytest.mark.browser

ARABIC_ARTICLE = "/2025/02/southern-desalination-plant/"
ENGLISH_ARTICLE = "/2024/03/baghdad-water-forum/"

# The box of a piece of text as rendered: the text itself, not its block (a block spans
# the whole width whatever the direction).
TEXT_BOX = """([selector, phrase, needle]) => {
  const root = document.querySelector(selector);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const start = node.data.indexOf(phrase);
    if (start >= 0) {
      const at = start + phrase.indexOf(needle);
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + needle.length);
      const rects = [...range.getClientRects()];
      return {left: Math.min(...rects.map(r => r.left)), right: Math.max(...rects.map(r => r.right)),
              top: rects[0].top, lines: rects.length};
    }
  }
  return null;
}"""

ELEMENT_AND_TEXT = """(element) => {
  const range = document.createRange();
  range.selectNodeContents(element);
  const text = range.getBoundingClientRect();
  const lines = [...range.getClientRects()];
  const last = lines[lines.length - 1];
  const style = getComputedStyle(element);
  const box = element.getBoundingClientRect();
  return {direction: style.direction, textLeft: text.left, textRight: text.right,
          lastLeft: last.left, lastRight: last.right,
          left: box.left + parseFloat(style.paddingLeft), right: box.right - parseFloat(style.paddingRight)};
}"""


def text_box(page, selector: str, phrase: str, needle: str) -> dict:
    """Where NEEDLE, inside the first text that holds PHRASE, is drawn."""
    box = page.evaluate(TEXT_BOX, [selector, phrase, needle])
    assert box is not None, f"{phrase!r} not found in {selector}"
    return box


def test_arabic_article_is_right_to_left_with_headline_on_the_right(page, served_sample):
    page.goto(served_sample + ARABIC_ARTICLE)
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    headline = page.eval_on_selector("h1.headline", ELEMENT_AND_TEXT)
    assert abs(headline["textRight"] - headline["right"]) < 2, headline
    assert abs(headline["lastRight"] - headline["right"]) < 2, "every line starts at the right edge"
    assert headline["lastLeft"] - headline["left"] > 20, "the last, shorter line leaves room on the left"
    save_screenshot(page, "article-ar")


def test_english_article_is_left_to_right_with_arabic_chrome(page, served_sample):
    page.goto(served_sample + ENGLISH_ARTICLE)
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == "ltr"
    headline = page.eval_on_selector("h1.headline", ELEMENT_AND_TEXT)
    assert headline["direction"] == "ltr" and abs(headline["textLeft"] - headline["left"]) < 2, headline
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).direction") == "rtl"
    save_screenshot(page, "article-en")


def test_listing_aligns_each_title_by_its_own_direction(page, served_sample):
    page.goto(served_sample + "/")
    titles = page.eval_on_selector_all(".card-title a", "els => els.map(e => e.closest('.card').lang)")
    assert "en" in titles and "ar" in titles, "the sample home page mixes Arabic and English"
    for index, lang in enumerate(titles):
        title = page.locator(".card-title").nth(index).evaluate(ELEMENT_AND_TEXT)
        if lang == "ar":
            assert title["direction"] == "rtl" and abs(title["textRight"] - title["right"]) < 2, title
        else:
            assert title["direction"] == "ltr" and abs(title["textLeft"] - title["left"]) < 2, title
    save_screenshot(page, "home")


def test_mixed_arabic_latin_and_numbers_keep_their_logical_order(page, served_sample):
    page.goto(served_sample + ARABIC_ARTICLE)
    body, sentence = ".article-body", "المهندس John Miller إن استهلاك"
    engineer, name = text_box(page, body, sentence, "المهندس"), text_box(page, body, sentence, "John Miller")
    john, miller = text_box(page, body, sentence, "John"), text_box(page, body, sentence, "Miller")
    inna = text_box(page, body, sentence, "إن استهلاك")
    assert engineer["top"] == name["top"] == inna["top"], "the sentence sits on one line"
    assert engineer["left"] >= name["right"] - 1, "the Arabic word before the name stands to its right"
    assert john["right"] <= miller["left"] + 1, "the Latin name reads left to right inside"
    assert inna["right"] <= name["left"] + 1, "the Arabic words after the name continue to its left"
    phrase = "مساحة 80 هكتارًا"
    area, eighty, hectares = (text_box(page, body, phrase, word) for word in ("مساحة", "80", "هكتارًا"))
    assert area["top"] == eighty["top"] == hectares["top"], "the phrase sits on one line"
    assert area["left"] >= eighty["right"] - 1, "the number follows مساحة, to its left"
    assert eighty["left"] >= hectares["right"] - 1, "and precedes هكتارًا, to its right"


def test_english_paragraph_in_an_arabic_article_reads_left_to_right(page, served_sample):
    page.goto(served_sample + "/2025/07/heat-clinics/")
    paragraph = page.locator(".article-body p", has_text="Heat is a silent emergency").first
    assert paragraph.get_attribute("dir") == "auto"
    assert paragraph.evaluate("e => getComputedStyle(e).direction") == "ltr"
    box = paragraph.evaluate(ELEMENT_AND_TEXT)
    assert abs(box["textLeft"] - box["left"]) < 3, box


def test_code_block_is_left_to_right(page, served_sample):
    page.goto(served_sample + "/2024/09/open-arabic-diacritics-model/")
    assert page.eval_on_selector(".article-body pre", "e => getComputedStyle(e).direction") == "ltr"
    assert page.eval_on_selector(".article-body code", "e => getComputedStyle(e).direction") == "ltr"


def test_arabic_text_is_drawn_with_a_real_arabic_font(page, served_sample):
    page.goto(served_sample + ARABIC_ARTICLE)
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": "h1.headline"})["nodeId"]
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    names = [font["familyName"] for font in fonts]
    assert names and all("Last Resort" not in n for n in names), names
    assert any("Arabic" in n or n in ("DejaVu Sans", "Amiri", "KacstOne") for n in names), names
    # Tofu boxes are all the same width; real Arabic letters are not.
    widths = page.evaluate("""() => {
      const c = document.createElement('canvas').getContext('2d');
      c.font = getComputedStyle(document.querySelector('h1.headline')).font;
      return ['ب', 'م', 'ا', 'ل'].map(ch => c.measureText(ch).width);
    }""")
    assert len(set(round(w, 1) for w in widths)) > 1, widths


def test_tag_page_in_chromium(page, served_sample):
    page.goto(served_sample + "/tags/")
    page.locator(".term-index a").first.click()
    page.wait_for_load_state()
    assert "/tags/" in page.url and page.locator(".card").count() > 0
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == "rtl"
    save_screenshot(page, "tag")


@pytest.mark.parametrize("width, headline_shown", [(390, False), (1100, True)])
def test_an_articles_breadcrumbs_leave_the_headline_out_on_a_phone(browser, served_sample, width, headline_shown):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(served_sample + ARABIC_ARTICLE)
    crumbs = page.eval_on_selector_all(".breadcrumbs li", "items => items.map(li => li.offsetParent !== null)")
    assert crumbs[0] and crumbs[1], "home and the section show on every screen"
    assert crumbs[-1] is headline_shown, "the headline, which the <h1> shows below, only where there is room"
    assert page.evaluate("document.querySelector('.breadcrumbs').getBoundingClientRect().height") < 60
    context.close()
