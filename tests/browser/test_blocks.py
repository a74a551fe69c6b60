"""Blocks that hold blocks, in a real browser: a loose Arabic list, a quote of two
paragraphs and a Latin item of an Arabic list read right to left with their markers on the
right, inside the column, at 390 px wide as at 1100, in light and dark schemes."""

from __future__ import annotations


import pytest

from ssg.build import build
from tests.browser.conftest import save_screenshot, serving
from tests.helpers import article

pytestmark = pytest.mark.browser

BODY = """\
مقدمة الخبر في فقرة أولى.

- البند الأول من قائمة متباعدة.

- البند الثاني، وفيه كلمة Reuters في وسطه.

- Reuters

> قال المتحدث في الفقرة الأولى من الاقتباس.
>
> وأضاف في فقرة ثانية.

المصادر:

- Reuters
- وكالة الأنباء
- Associated Press and a long English source name that would run past a narrow column
"""


@pytest.fixture(scope="module")
def served_blocks(tmp_path_factory):
    root = tmp_path_factory.mktemp("blocks")
    (root / "content").mkdir()
    (root / "site.toml").write_text('title = "موقع"\nbase_url = "https://example.org/"\nsearch = false\n',
                                    encoding="utf-8")
    (root / "content" / "lists.md").write_text(article("قوائم واقتباسات", "2024-09-13", slug="lists", body=BODY),
                                               encoding="utf-8")
    build(root)
    with serving(root / "site") as base:
        yield base + "/2024/09/lists/"


BLOCKS = """() => [...document.querySelectorAll('.article-body li, .article-body blockquote')].map(block => {
  const box = block.getBoundingClientRect(), column = block.closest('.article-body').getBoundingClientRect();
  return {tag: block.tagName, text: block.textContent.trim().slice(0, 20), direction: getComputedStyle(block).direction,
          inside: box.left >= column.left - 0.5 && box.right <= column.right + 0.5};
})"""


@pytest.mark.parametrize("width, scheme", [(1100, "light"), (390, "light"), (390, "dark")])
def test_lists_and_quotes_of_arabic_read_right_to_left_inside_the_column(browser, served_blocks, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(served_blocks)
    blocks = page.evaluate(BLOCKS)
    assert len(blocks) == 7
    assert all(block["direction"] == "rtl" for block in blocks), blocks
    assert all(block["inside"] for block in blocks), blocks
    # The markers of the Arabic list sit on the right: the first item's marker is right of its text.
    marker_side = page.evaluate("""() => {
      const item = document.querySelector('.article-body li');
      const range = document.createRange(); range.selectNodeContents(item);
      return getComputedStyle(item).listStylePosition === 'outside' &&
             range.getBoundingClientRect().right <= item.getBoundingClientRect().right;
    }""")
    assert marker_side
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "no horizontal scrolling"
    save_screenshot(page, f"blocks-{width}-{scheme}")
    context.close()


def test_the_error_overlay_shows_an_arabic_path_and_its_line_in_reading_order(page):
    from ssg.commands.server import overlay_html
    from ssg.errors import SiteError
    error = SiteError("content/2024/قمة-المياه.md", 3, "missing title", "add a line `title: \"...\"`")
    page.set_content('<!doctype html><html lang="ar" dir="rtl"><body>' + overlay_html([error], "ar", "rtl")
                     + "</body></html>")
    boxes = page.evaluate("""() => {
      const code = document.querySelector('#ssg-error-overlay code');
      return ['content/2024/', 'قمة-المياه', '.md', ':3'].map(part => {
        const at = code.textContent.indexOf(part), range = document.createRange();
        range.setStart(code.firstChild, at); range.setEnd(code.firstChild, at + part.length);
        const box = range.getBoundingClientRect(); return [box.left, box.right];
      });
    }""")
    lefts = [box[0] for box in boxes]
    assert lefts == sorted(lefts), f"the path reads left to right, its line last: {boxes}"
