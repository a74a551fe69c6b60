"""A page's digest changes whenever anything its template can show changes."""

import dataclasses
import datetime as dt

from ssg.config import SiteConfig
from ssg.incremental.fingerprints import fingerprints_of, page_digest
from ssg.model.site import build_site
from tests.unit.test_model import NOW, art


def digests_of(site):
    fingerprints = fingerprints_of(site.articles, site.links)
    return fingerprints, lambda page: page_digest(page, fingerprints, "template", "site", {})


def test_every_shown_field_moves_the_digest_and_nothing_else_does():
    site = build_site(SiteConfig.for_tests(per_page=2),
                      [art(f"a{n}", day=n + 1, tags=("العراق",)) for n in range(5)], options=NOW)
    _, digest = digests_of(site)
    middle = next(p for p in site.pages if p.kind == "article" and p.newer and p.older)
    same = dataclasses.replace(middle, breadcrumbs=tuple(middle.breadcrumbs))   # equal, another object
    assert digest(same) == digest(middle)
    changed = [
        dataclasses.replace(middle, newer=middle.older, older=middle.newer),     # swapped neighbours
        dataclasses.replace(middle, newer=None),
        dataclasses.replace(middle, older=None),
        dataclasses.replace(middle, newer=None, older=middle.newer),             # the same article, other side
        dataclasses.replace(middle, title=middle.title + "!"),
        dataclasses.replace(middle, related=middle.related[:1]),
        dataclasses.replace(middle, breadcrumbs=middle.breadcrumbs[:1]),
        dataclasses.replace(middle, lastmod=None),
    ]
    assert len({digest(page) for page in changed} | {digest(middle)}) == len(changed) + 1
    listing = next(p for p in site.pages if p.kind == "tag" and p.pagination.number == 1)
    renamed = dataclasses.replace(listing, term=dataclasses.replace(listing.term, name="العراق الجديد"))
    assert digest(renamed) != digest(listing)


def showing(site, source, *, with_body=False):
    """The pages that show the article SOURCE: its card, or with_body, its body."""
    found = set()
    for p in site.pages:
        if with_body:
            held = ((p.article,) if p.kind == "article" else ()) + (p.articles if p.kind == "feed" else ())
        else:
            held = (p.article, p.newer, p.older, *p.related, *p.articles,
                    *(p.pagination.items if p.pagination else ()))
        if any(getattr(a, "source", None) == source for a in held):
            found.add(p.output_path)
    return found


def moved_by(edit):
    """The pages whose digest EDIT (of the first of three articles) moves."""
    articles = [art(f"a{n}", day=n + 1, tags=("العراق",)) for n in range(3)]
    site = build_site(SiteConfig.for_tests(), articles, options=NOW)
    _, digest = digests_of(site)
    before = {p.output_path: digest(p) for p in site.pages}
    site = build_site(SiteConfig.for_tests(), [edit(articles[0])] + articles[1:], options=NOW)
    _, digest = digests_of(site)
    return site, {p.output_path for p in site.pages if digest(p) != before[p.output_path]}


def test_an_edited_card_moves_the_digest_of_every_page_that_shows_the_article():
    site, moved = moved_by(lambda a: dataclasses.replace(a, title="عنوان آخر"))
    assert moved == showing(site, "content/a0.md") and "2024/09/a0/index.html" in moved
    assert any(p.kind == "tag" and p.output_path in moved for p in site.pages)


def test_an_edited_body_moves_only_the_pages_that_show_the_body():
    site, moved = moved_by(lambda a: dataclasses.replace(a, content_hash="another"))
    assert moved == showing(site, "content/a0.md", with_body=True)
    assert "2024/09/a0/index.html" in moved and "feed.xml" in moved
    assert len(showing(site, "content/a0.md")) > len(moved), "its cards stay as they were"


def test_a_date_in_another_zone_is_another_card_though_the_same_moment():
    site, moved = moved_by(lambda a: dataclasses.replace(a, date=a.date.astimezone(dt.timezone(dt.timedelta(hours=3)))))
    assert "2024/09/a0/index.html" in moved


def test_a_shared_record_is_named_by_the_field_it_fills_whatever_page_came_first():
    site = build_site(SiteConfig.for_tests(), [art("a", month=8), art("b", month=9)], options=NOW)
    fingerprints = fingerprints_of(site.articles, site.links)
    months = [p for p in site.pages if p.kind == "month"]
    alone = [page_digest(p, fingerprints, "t", "s", {}) for p in months]
    shared: dict = {}
    together = [page_digest(p, fingerprints, "t", "s", shared) for p in reversed(months)][::-1]
    assert alone == together
