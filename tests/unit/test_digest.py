"""A page's digest changes whenever anything its template can show changes."""

import dataclasses

from ssg.config import SiteConfig
from ssg.digest import article_fingerprint, page_digest
from ssg.model import build_site
from tests.unit.test_model import NOW, art


def digests_of(site):
    fingerprints = {a.source: article_fingerprint(a, site.links) for a in site.articles}
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


def test_an_edited_article_moves_the_digest_of_every_page_that_shows_it():
    articles = [art(f"a{n}", day=n + 1, tags=("العراق",)) for n in range(3)]
    site = build_site(SiteConfig.for_tests(), articles, options=NOW)
    fingerprints, digest = digests_of(site)
    before = {p.output_path: digest(p) for p in site.pages}
    edited = [dataclasses.replace(articles[0], content_hash="another")] + articles[1:]
    site = build_site(SiteConfig.for_tests(), edited, options=NOW)
    _, digest = digests_of(site)
    moved = {p.output_path for p in site.pages if digest(p) != before[p.output_path]}
    showing = {p.output_path for p in site.pages
               if any(getattr(a, "source", None) == "content/a0.md"
                      for a in (p.article, p.newer, p.older, *p.related, *p.entries,
                                *(p.pagination.items if p.pagination else ())))}
    assert moved == showing and "2024/09/a0/index.html" in moved


def test_a_shared_record_is_named_by_the_field_it_fills_whatever_page_came_first():
    site = build_site(SiteConfig.for_tests(), [art("a", month=8), art("b", month=9)], options=NOW)
    fingerprints = {a.source: article_fingerprint(a, site.links) for a in site.articles}
    months = [p for p in site.pages if p.kind == "month"]
    alone = [page_digest(p, fingerprints, "t", "s", {}) for p in months]
    shared: dict = {}
    together = [page_digest(p, fingerprints, "t", "s", shared) for p in reversed(months)][::-1]
    assert alone == together
