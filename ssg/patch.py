"""A rebuild after edits to article bodies alone, without the site model.

When the articles that changed since the last build changed only in their bodies (the
front-matter reads the same and no article came or went) and nothing else a build reads
changed, every page is what the last build made of it, except the pages that show those
bodies: each article's own page and the feeds that carry it. Those are taken from the
last build's records, given the new bodies, and rendered; the typo fixed in one article
of a large archive costs a fraction of a second instead of a pass over the archive.
Anything else, or anything unexpected, leaves the rebuild to the pipeline.
"""

from __future__ import annotations

import dataclasses
from collections import ChainMap
from pathlib import Path
from typing import NamedTuple

from .article import Article
from .incremental.bodies import BodyStore, Location, keep_only
from .incremental.state import BuildState, OutputEntry, QuickCheck, SourceEntry, StateEdit, output_identity, save_edit
from .config import SiteConfig
from .incremental.fingerprints import (Fingerprints, body_fingerprint, card_fingerprint, carried_by_feeds,
                                       feed_bodies, page_digest)
from .model.site import with_records
from .options import BuildOptions
from .output.journal import Update
from .pipeline import links_for, plan_search_index, update_search_index
from .progress import Progress
from .rendering.renderer import Renderer
from .rendering.theme import Theme
from .execution.workers import Place, RenderJob, parse_sources, render_phases

BodyChanges = tuple[dict[str, Location], tuple[str, ...]]    # kept bodies added or moved, and dropped
MOST_CHANGED = 64      # more edits than this go to the pipeline, which reads them in parallel


class Patched(NamedTuple):
    articles: int                    # published
    pages: int                       # files the site has
    written: list[str]
    rendered: tuple[str, ...]
    warnings: tuple[str, ...]


def patch(config: SiteConfig, theme: Theme, options: BuildOptions, state: BuildState, cache_dir: Path,
          stats: dict[str, tuple[int, int]], inputs: str, quick: QuickCheck, *, reindex: bool,
          progress: Progress) -> Patched | None:
    """Update the last build (STATE, whose frame QUICK and this build share) for the sources
    STATS lists; None, with STATE untouched, when the changes are not to bodies alone.
    Once it starts writing, STATE becomes this build's."""
    if state.frame != quick.frame or not state.generation or len(stats) != len(state.sources):
        return None
    changed: dict[str, SourceEntry] = {}
    for path, size_and_time in stats.items():
        entry = state.sources.get(path)
        if entry is None:
            return None      # a source came (and one went)
        if (entry.size, entry.mtime_ns) != size_and_time:
            changed[path] = entry
            if len(changed) > MOST_CHANGED:
                return None
    edited = {}
    try:
        for path, size, mtime_ns, read in parse_sources(list(changed), config, 1, _no_count):
            old = changed[path].result
            if not isinstance(read, Article) or not isinstance(old, Article):
                return None  # errors: the pipeline reports them with all the others
            if card_fingerprint(read) != card_fingerprint(old.unplaced()):
                return None  # front-matter that pages other than its own show
            edited[path] = SourceEntry(size, mtime_ns, read.content_hash, dataclasses.replace(
                old, body=None, body_line=read.body_line, body_offset=read.body_offset,
                content_hash=read.content_hash, md_links=read.md_links))
    except OSError:
        return None          # a file that went away since it was listed
    return _apply(config, theme, options, state, cache_dir, edited, inputs, quick, reindex, progress)


def _no_count(count: int) -> None:
    pass


def _apply(config: SiteConfig, theme: Theme, options: BuildOptions, state: BuildState, cache_dir: Path,
           edited: dict[str, SourceEntry], inputs: str, quick: QuickCheck, reindex: bool,
           progress: Progress) -> Patched:
    records = {path: entry.result for path, entry in edited.items() if path in state.links}   # published
    new_bodies = {path: body_fingerprint(record, state.links) for path, record in records.items()}
    fingerprints = Fingerprints(state.cards, ChainMap(new_bodies, state.body_keys))
    # Every page that holds an edited article gets its new record; those that show its body
    # (its own page, the feeds that carry it) are rendered again.
    pages = with_records(state.body_pages, records)
    in_feeds = carried_by_feeds(state.body_pages.values())
    phases: tuple[list[RenderJob], list[RenderJob]] = ([], [])    # feeds last, as in the pipeline
    digests = {}
    for output_path, page in pages.items():
        digest = page_digest(page, fingerprints, state.templates[page.template], state.site)
        old = state.outputs[output_path]
        if digest != old.digest:
            digests[output_path] = digest
            phases[page.kind == "feed"].append(RenderJob(
                page, links_for(page, state.links), old.sha1,
                keep_body=page.kind == "article" and page.article.source in in_feeds))
    last_records = state.records()
    writer = Update(config.output_dir, cache_dir)
    try:
        outputs, written, bodies = _render(config, theme, state, cache_dir, phases, writer.place, digests,
                                           feed_bodies(state.body_pages.values(), fingerprints), progress)
        edit = StateEdit(state.generation, {
            "sources": (edited, ()), "outputs": (outputs, ()), "body_keys": (new_bodies, ()),
            "body_pages": (pages, ()), "bodies": bodies}, {})
        state.replay(edit)
        search = state.search
        reuse_index = plan_search_index(config, state, state, reindex, (
            path for path, page in state.body_pages.items() if page.kind == "article"))
        if state.search != search:
            edit.fields["search"] = state.search
        writer.commit(written, [])
    except BaseException:
        writer.abort()
        raise
    update_search_index(config, reuse_index, progress)
    save_edit(cache_dir, state, edit, last_records,
              QuickCheck(inputs, quick.frame, quick.dates, options.now.timestamp(), state.articles,
                         len(state.outputs), output_identity(config.output_dir)))
    rendered = tuple(sorted(job.page.output_path for jobs in phases for job in jobs))
    return Patched(state.articles, len(state.outputs), written, rendered, state.warnings)


def _render(config: SiteConfig, theme: Theme, state: BuildState, cache_dir: Path,
            phases: tuple[list[RenderJob], ...], place: Place, digests: dict[str, str], in_feeds: set[str],
            progress: Progress) -> tuple[dict[str, OutputEntry], list[str], BodyChanges]:
    """Render PHASES to the files PLACE names: the pages' new output records, the files written, and the
    changes to the index of kept bodies (those IN_FEEDS stay)."""
    store = BodyStore(cache_dir / "bodies", state.bodies)
    renderer = Renderer(config, theme, store, cache_dir / "templates")
    outputs, written = {}, []
    try:
        for result in render_phases([(jobs, 1) for jobs in phases], renderer, place, progress):
            outputs[result.output_path] = OutputEntry(digests[result.output_path], result.sha1)
            if result.written:
                written.append(result.output_path)
    finally:
        store.close()
    kept = keep_only(cache_dir / "bodies", store.index, in_feeds)
    changed = {key: location for key, location in kept.items() if state.bodies.get(key) != location}
    return outputs, written, (changed, tuple(key for key in state.bodies if key not in kept))
