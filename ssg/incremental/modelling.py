"""Stage: the site model. Made again from the articles (ssg.model), or, when the sources
that changed changed only in their bodies, the last build's model kept, with the edited
records put in the pages that hold them.

A body edit changes no page but the ones that show that body (the article's own page,
the feeds that carry it): their records come from the last build's state, so the
typo fixed in one article of a large archive never pays for a model of the archive.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Iterator, Sequence

from ..article import Article
from ..config import SiteConfig
from ..errors import BuildFailed, display_path
from ..model.pages import Page
from ..model.site import Site, build_site, with_records
from ..options import BuildOptions
from ..pictures.stage import Pictures
from ..progress import Progress
from ..rendering.theme import Theme
from ..text.dates import DateStyle
from .fingerprints import Fingerprints, body_fingerprint, card_fingerprint, fingerprints_of, shows_bodies
from .read import Sources
from .state import BuildState, SourceEntry


@dataclass(frozen=True, slots=True)
class SiteModel:
    pages: Sequence[Page]            # the pages to plan: all (whole), or those holding edited records
    whole: bool                      # False: every page not in PAGES is as the last build made it
    sources: dict[str, SourceEntry]  # every source's entry; published articles hold the records pages hold
    fingerprints: Fingerprints
    links: dict[str, str]            # published source -> URL
    body_pages: dict[str, Page]      # every page that shows bodies, by output path
    assets: Sequence[str]            # content/ files copied beside the pages
    articles: int                    # published
    warnings: tuple[str, ...]
    reusable: dict                   # the model's work the next build may reuse (Site.reusable)
    site: Site | None = None         # the model, when it was made again
    cards: dict = dataclasses.field(default_factory=dict)   # share cards, when made again (Site.cards)
    shown_pictures: frozenset = frozenset()                  # pictures shown with smaller copies (Site's)
    sections: tuple = ()             # the navigation's sections (Site.sections)

    def published(self) -> Iterator[Article]:
        """Every article the site publishes (one page each)."""
        return (page.article for page in self.body_pages.values() if page.kind == "article")


def model_site(sources: Sources, assets: Sequence[str], last: BuildState | None, same_frame: bool,
               config: SiteConfig, options: BuildOptions, theme: Theme, dates: DateStyle,
               progress: Progress, pictures: Pictures | None = None) -> SiteModel:
    """SAME_FRAME: nothing but the articles changed since LAST, which published the same
    articles at its build time as this build does at its own. DATES: the build's date style.
    PICTURES: the pictures stage's records, and the share cards' fonts."""
    progress("linking", 0, 1)
    edited = bodies_edited(sources, last) if same_frame and last is not None else None
    if edited is not None:
        return _last_model_with(edited, sources, last)
    try:
        site = build_site(config, sources.articles, assets, options, words=theme.word,
                          remembered=last.memo if last is not None else None, dates=dates,
                          static=static_claims(theme, config),
                          pictures=pictures.table if pictures is not None else None,
                          fonts=pictures.fonts if pictures is not None else None)
    except BuildFailed as failure:
        raise BuildFailed(sources.errors + list(failure.errors)) from None
    if sources.errors:
        raise BuildFailed(sources.errors)
    return _whole_model(site, sources, last)


def static_claims(theme: Theme, config: SiteConfig) -> list[tuple[str, str]]:
    """The static files' output paths, each with the file it is copied from."""
    claims = []
    for static in theme.static:
        shown = display_path(static.source, config.root)
        claims.append((static.output_path, shown))
        if static.also_at:
            claims.append((static.also_at, shown))
    return claims


def bodies_edited(sources: Sources, last: BuildState) -> dict[str, Article] | None:
    """The last build's record of each source read again, with its new body, when every one
    of them changed in its body alone and no source came or went; else None."""
    if len(sources.entries) != len(last.sources) or sources.errors:
        return None
    edited = {}
    for path in sources.parsed:
        entry = last.sources.get(path)
        read, old = sources.entries[path].result, entry.result if entry is not None else None
        if not isinstance(old, Article) or not isinstance(read, Article) \
                or card_fingerprint(read) != card_fingerprint(old.unplaced()):
            return None      # a source that came, or front-matter that pages other than its own show
        if any(target.startswith(("name:", "picture:")) and target not in last.links for target in read.md_links):
            return None      # a link by name, or a picture, the last model did not look up
        edited[path] = dataclasses.replace(old, body=None, body_line=read.body_line, body_offset=read.body_offset,
                                           content_hash=read.content_hash, md_links=read.md_links,
                                           notes=read.notes, dialect=read.dialect, image_line=read.image_line)
    return edited


def _last_model_with(edited: dict[str, Article], sources: Sources, last: BuildState) -> SiteModel:
    published = {path: record for path, record in edited.items() if path in last.links}
    bodies = dict(last.body_keys)
    bodies.update((path, body_fingerprint(record, last.links)) for path, record in published.items())
    pages = with_records(last.body_pages, published)
    entries = dict(sources.entries)
    for path, record in edited.items():
        entries[path] = entries[path]._replace(result=record)
    return SiteModel(pages=tuple(pages.values()), whole=False, sources=entries,
                     fingerprints=Fingerprints(last.cards, bodies), links=last.links,
                     body_pages={**last.body_pages, **pages}, assets=(), articles=last.articles,
                     warnings=last.warnings, reusable=last.memo, sections=last.memo.get("sections", ()))


def _whole_model(site: Site, sources: Sources, last: BuildState | None) -> SiteModel:
    entries = sources.entries
    for article in site.articles:
        # The records the pages hold stand for the published sources: the state then
        # pickles each once, and a later body edit finds them there.
        entry = entries[article.source]
        if entry.result is not article:
            entries[article.source] = entry._replace(result=article)
    reused = None
    if last is not None:
        reused = (last.records(), Fingerprints(last.cards, last.body_keys), last.links)
    return SiteModel(pages=site.pages, whole=True, sources=entries,
                     fingerprints=fingerprints_of(site.articles, site.links, reused), links=site.links,
                     body_pages={page.output_path: page for page in site.pages if shows_bodies(page)},
                     assets=site.assets, articles=len(site.articles), warnings=site.warnings,
                     reusable=site.reusable, site=site, cards=site.cards, shown_pictures=site.shown_pictures,
                     sections=site.sections)
