"""The Pagefind index a build writes: article pages only, each in its own language."""

from __future__ import annotations

import json

from ssg.build import build
from tests.helpers import article


def test_index_holds_articles_only_in_their_languages(make_site):
    root = make_site({
        "content/a.md": article("أ", "2024-09-13", slug="a", tags="[ماء]"),
        "content/b.md": article("ب", "2024-09-12", slug="b", tags="[ماء]"),
        "content/c.md": article("Report", "2024-09-11", slug="c", lang="en"),
    })
    build(root)
    site = root / "site"
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    counts = {lang: info["page_count"] for lang, info in entry["languages"].items()}
    assert counts == {"ar": 2, "en": 1}, "listings, tag pages, 404 and the search page are not indexed"
    assert (site / "search" / "index.html").is_file()
    article_page = (site / "2024/09/a/index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in article_page and 'data-pagefind-filter="year[data-year]"' in article_page
    assert "data-pagefind-body" not in (site / "index.html").read_text(encoding="utf-8")
    assert 'href="/search/"' in (site / "index.html").read_text(encoding="utf-8")


def test_search_off_builds_no_index_and_no_search_page(make_site):
    root = make_site({"content/a.md": article("أ", "2024-09-13", slug="a")},
                     'title = "t"\nbase_url = "https://example.org/"\nsearch = false\n')
    build(root)
    site = root / "site"
    assert not (site / "pagefind").exists() and not (site / "search").exists()
    page = (site / "2024/09/a/index.html").read_text(encoding="utf-8")
    assert "pagefind" not in page and 'href="/search/"' not in page
