"""The preview server in Debian's chromium: the open page follows edits on disk."""

from __future__ import annotations

import pytest

from tests.helpers import article
from tests.serving import running_server

pytestmark = pytest.mark.browser


def test_open_page_reloads_itself_after_an_edit(browser, make_site, tmp_path):
    root = make_site({"content/x.md": article("العنوان القديم", "2024-09-13", slug="x")})
    with running_server(root, tmp_path) as (url, *_):
        page = browser.new_page()
        try:
            page.goto(url + "2024/09/x/")
            assert page.inner_text("h1.headline") == "العنوان القديم"
            page.evaluate("window.notReloaded = true")
            (root / "content/x.md").write_text(article("العنوان الجديد", "2024-09-13", slug="x"), encoding="utf-8")
            page.wait_for_function("document.querySelector('h1.headline').innerText === 'العنوان الجديد'",
                                   timeout=10_000)
            assert page.evaluate("window.notReloaded === undefined"), "the page reloaded"

            (root / "content/x.md").write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
            page.wait_for_selector("#ssg-error-overlay", timeout=10_000)
            assert "content/x.md" in page.inner_text("#ssg-error-overlay")
            (root / "content/x.md").write_text(article("أُصلح", "2024-09-13", slug="x"), encoding="utf-8")
            page.wait_for_function("document.querySelector('h1.headline').innerText === 'أُصلح'", timeout=10_000)
            assert page.query_selector("#ssg-error-overlay") is None
        finally:
            page.close()


def test_a_css_change_swaps_stylesheets_without_reloading(browser, make_site, tmp_path):
    root = make_site({"content/x.md": article("عنوان", "2024-09-13", slug="x"),
                      "static/css/extra.css": "body { outline: 0px solid red; }\n"})
    (root / "templates").mkdir()
    (root / "templates" / "article.html").write_text(
        '{% extends "base.html" %}{% block head %}<link rel="stylesheet" href="{{ asset(\'css/extra.css\') }}">'
        '{% endblock %}{% block main %}<h1 class="headline">{{ article.title }}</h1>{% endblock %}',
        encoding="utf-8")
    with running_server(root, tmp_path) as (url, *_):
        page = browser.new_page()
        try:
            page.goto(url + "2024/09/x/")
            page.evaluate("window.notReloaded = true")
            (root / "static/css/extra.css").write_text("body { outline: 7px solid red; }\n", encoding="utf-8")
            page.wait_for_function("getComputedStyle(document.body).outlineWidth === '7px'", timeout=10_000)
            assert page.evaluate("window.notReloaded === true"), "only the stylesheets were swapped"
        finally:
            page.close()
