"""The template contract (rendering.views): what templates see of pages and articles."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import jinja2
from jinja2 import nodes

from ssg.article import Article
from ssg.config import SiteConfig
from ssg.model.pages import PAGE_KINDS
import ssg.model.site as site_module
from ssg.model.site import BuildOptions, build_site
from ssg.rendering import views
from ssg.rendering.renderer import SiteView
from tests.unit.test_render import render

NOW = BuildOptions(now=dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc))
TEMPLATE_FOLDERS = [Path(__file__).parents[2] / "themes" / "default" / "templates",
                    Path(views.__file__).parent / "builtin"]


def art(n: int, **fields) -> Article:
    return Article(**{"source": f"content/a{n}.md", "title": f"خبر {n}", "slug": f"a{n}", "body": "نص.",
                      "date": dt.datetime(2024, 9, n, 10, tzinfo=dt.timezone.utc), "tags": ("المياه",), **fields})


def test_a_template_sees_the_listed_fields_and_not_the_records_internals(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "article.html").write_text(
        "{{ article.title }}|{{ article.tag_links[0].name }}|{{ page.kind }}|{{ page.related[0].title }}"
        "|{{ article.content_hash }}{{ article.body_offset }}{{ page.output_path }}{{ page.template }}|",
        encoding="utf-8")
    pages = render(SiteConfig.for_tests(root=tmp_path), [art(1, content_hash="abc"), art(2)])
    assert pages["2024/09/a2/index.html"] == "خبر 2|المياه|article|خبر 1||"


def test_an_article_has_one_view_for_the_renderers_life_so_cached_cards_are_found_again():
    site = build_site(SiteConfig.for_tests(root=Path("/nowhere"), per_page=1), [art(1), art(2), art(3)], options=NOW)
    made = views.Views()
    listings = [made.page(page) for page in site.pages if page.kind == "tag"]
    articles = [made.page(page) for page in site.pages if page.kind == "article"]
    shown = {id(item) for page in listings for item in page.pagination.items}
    shown |= {id(other) for page in articles for other in page.related + (page.newer, page.older) if other}
    assert len(shown) == 3, "three articles, three views, however many pages show them"


def test_every_listed_field_is_there_on_every_kind_of_page(monkeypatch):
    monkeypatch.setattr(site_module, "SITEMAP_LIMIT", 5)      # a sitemap index too
    site = build_site(SiteConfig.for_tests(root=Path("/nowhere"), per_page=1),
                      [art(1, image=None), art(2, categories=("سياسة",), aliases=("/old/",), authors=("سارة",))],
                      options=NOW)
    made = views.Views()
    kinds = set()
    for page in site.pages:
        kinds.add(page.kind)
        view = made.page(page)
        for name in views.PAGE_FIELDS + views.PAGE_VIEWS:
            getattr(view, name)
        if page.article is not None:
            for name in views.ARTICLE_FIELDS:
                getattr(view.article, name)
        if page.pagination is not None:
            for name in views.PAGINATION_FIELDS + ("items",):
                getattr(view.pagination, name)
        for term in view.terms + ((view.term,) if view.term else ()):
            for name in views.TERM_FIELDS:
                getattr(term, name)
        for year, months in view.archive:
            for period in (year, *months):
                for name in views.PERIOD_FIELDS:
                    getattr(period, name)
        for block in view.blocks:
            assert block.name and block.url and block.articles
    assert kinds == PAGE_KINDS


def test_the_shipped_templates_use_only_what_the_contract_lists():
    """Every `page.x`, `article.x`, `pagination.x` and `site.x` in the default theme and the
    built-in templates is a listed field, so the README's list is the whole contract."""
    listed = {
        "page": set(views.PAGE_FIELDS + views.PAGE_VIEWS),
        "article": set(views.ARTICLE_FIELDS), "entry": set(views.ARTICLE_FIELDS),
        "other": set(views.ARTICLE_FIELDS),
        "pagination": set(views.PAGINATION_FIELDS) | {"items"},
        "site": {field.name for field in dataclasses.fields(SiteView)},
    }
    env = jinja2.Environment()
    unlisted = []
    for folder in TEMPLATE_FOLDERS:
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or path.suffix not in (".html", ".xml", ".txt"):
                continue
            for node in env.parse(path.read_text(encoding="utf-8")).find_all(nodes.Getattr):
                if isinstance(node.node, nodes.Name) and node.node.name in listed \
                        and node.attr not in listed[node.node.name]:
                    unlisted.append(f"{path.name}: {node.node.name}.{node.attr}")
    assert unlisted == []
