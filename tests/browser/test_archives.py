"""A converted Jekyll article in a real browser: its PHP and HTML stay code, its table of
contents leads to its headings, its included figure shows its picture."""

from __future__ import annotations

import shutil

import pytest

from ssg.build import build
from tests.browser.conftest import save_screenshot, serving
from tests.conftest import REPO

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served_jekyll(tmp_path_factory):
    """The Jekyll fixture built in place, served under its /blog/ sub-path."""
    tmp = tmp_path_factory.mktemp("jekyll")
    shutil.copytree(REPO / "tests" / "fixtures" / "archives" / "jekyll", tmp / "blog-source")
    with serving(tmp / "www") as base:
        build(tmp / "blog-source", tmp / "www" / "blog", base_url=base + "/blog/", use_cache=False)
        yield base


def test_converted_jekyll_article_shows_code_contents_and_figure(page, served_jekyll):
    page.goto(served_jekyll + "/blog/Hello-World/")
    code = page.locator("pre code.language-php")
    assert code.is_visible()
    assert '<form action="upload.php"' in code.inner_text()
    assert page.eval_on_selector("pre", "pre => getComputedStyle(pre).direction") == "ltr"
    assert page.locator("article form, article input").count() == 0, "the PHP block's form is not live"
    assert "#include <iostream>" in page.locator("pre code.language-cpp").inner_text()

    links = page.locator("nav.toc a")
    assert links.all_inner_texts() == ["لماذا أكتب", "نموذج رفع الملفات"]
    links.nth(1).click()
    page.wait_for_function("() => decodeURIComponent(location.hash) === '#نموذج-رفع-الملفات'")
    top = page.eval_on_selector("#نموذج-رفع-الملفات", "h => h.getBoundingClientRect().top")
    assert 0 <= top < 120, "the heading is scrolled to the top"

    picture = page.locator("figure.post-image img")
    picture.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('figure.post-image img').complete")
    assert page.eval_on_selector("figure.post-image img", "img => img.naturalWidth") == 16
    assert page.locator("figure.post-image figcaption").inner_text() == "بعد المطر"
    assert page.eval_on_selector("p.notice", "p => getComputedStyle(p).direction") == "rtl"
    save_screenshot(page, "jekyll-converted-article")
