"""The build, stage by stage, once ssg.build has found there is work to do: sources,
site model, pages, output.

Every stage can reuse the last build's work (.ssg-cache/): unchanged sources are not
parsed again, pages whose inputs did not change are not rendered again, and files whose
bytes did not change are not rewritten. Parsing and rendering run in a pool of
processes. The result is byte for byte what a clean build writes.
"""

from __future__ import annotations

import gc
import operator
import os
import shutil
from pathlib import Path

from .article import Article
from .incremental.bodies import BodyStore, keep_only
from .incremental.state import (BuildState, OutputEntry, QuickCheck, SourceEntry, output_identity, save_edit,
                                save_state,
                    state_edit)
from .execution.collector import collector_paused
from .config import SiteConfig
from .incremental.fingerprints import (Fingerprints, TemplateDigests, carried_by_feeds, feed_bodies, fingerprints_of,
                                       page_digest, sha1,
                     shows_bodies, site_digest)
from .errors import BuildFailed, SiteError
from .model.site import Page, Site, build_site
from .options import BuildOptions
from .output.journal import Update
from .progress import Progress
from .rendering.renderer import Renderer, host_files
from .search.pagefind import index_site, pagefind_version
from .rendering.theme import Theme
from .execution.workers import Place, RenderJob, parse_sources, render_phases
from .output.staged import swap_into_place


# A sitemap lists the pages of the whole site, and a worker rendering it copies the
# memory of each page's record it reads: about 1 KiB an entry, 137 MiB for the 143,000
# pages of 100,000 articles, on top of what the other workers hold. A sitemap with more
# entries than this is rendered in the build's own process once the workers are gone,
# where it copies nothing, at the price of time on one core (0.8-0.9 s for those three
# sitemaps of 50,000 entries).
LARGE_SITEMAP = 20_000


class Pipeline:
    """One build with work to do: it reads the last build's state (when it can update that
    build's output), and leaves written, unchanged, deleted and rendered for the report."""

    def __init__(self, config: SiteConfig, theme: Theme, options: BuildOptions, *, jobs: int, old: BuildState | None,
                 progress: Progress, reindex: bool, environment: str, reading: str, frame: str, cache_dir: Path):
        """OLD is the last build's state, when this build may update its output."""
        self.config, self.theme, self.options, self.jobs, self.progress = config, theme, options, jobs, progress
        self.reindex, self.environment, self.reading, self.cache_dir = reindex, environment, reading, cache_dir
        self.update, self.old = old is not None, old
        self.old_records = old.records() if old is not None else {}
        self.state = BuildState(environment=environment, reading=reading, output_dir=str(config.output_dir),
                                frame=frame)
        self.bodies: BodyStore | None = None

    # --- the stages ------------------------------------------------------------------

    def run(self, stats: dict[str, tuple[int, int]], assets: list[str], inputs: str) -> Site:
        """Build from the sources STATS lists (path: size and time) and the content ASSETS;
        INPUTS digests all a build reads, for the next build's quick check."""
        if self.update:
            writer = Update(self.config.output_dir, self.cache_dir)
            target, place = writer.target, writer.place
        else:
            writer = None
            target = self.config.output_dir.parent / f".{self.config.output_dir.name}.staging-{os.getpid()}"
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir(parents=True)
            place = target.joinpath
        try:
            with collector_paused():
                articles, errors = self._read(stats)
                site = self._model(articles, assets, errors)
            # The records and the model live to the end of the build: the collector need not
            # walk them again each time the objects rendering makes trigger it.
            gc.freeze()
            dates = sorted(a.date.timestamp() for a in articles)
            del articles      # the sources now hold the records the pages hold: the rest can go
            written, unchanged = self._render(site, place)
            written += self._copy_files(site, place, unchanged)
            deleted = self._finish(site, writer, target, written)
            self._remember(site)
        except BaseException:
            if self.bodies is not None:
                self.bodies.close()     # the preview server lives on after a failed build
            if writer is not None:
                writer.abort()
            else:
                shutil.rmtree(target, ignore_errors=True)
            raise
        finally:
            gc.unfreeze()
        self._forget_bodies()
        quick = QuickCheck(inputs, self.state.frame, dates, self.options.now.timestamp(), len(site.articles),
                           len(self.state.outputs), output_identity(self.config.output_dir))
        if self.old is not None and self.old.generation:
            # What changed since the last build, appended to its saved state.
            edit = state_edit(self.old, self.state, {"sources": _kept, "body_pages": self._same_body_page})
            self.state.generation = self.old.generation
            save_edit(self.cache_dir, self.state, edit, self.old_records, quick)
        else:
            save_state(self.cache_dir, self.state, quick)
        self.written, self.unchanged, self.deleted = written, unchanged, deleted
        return site

    def _read(self, stats: dict[str, tuple[int, int]]) -> tuple[list[Article], list[SiteError]]:
        """Parse what changed since the last build (by size and modification time); take
        the rest from the cache."""
        cached = self.old.sources if self.old is not None and self.old.reading == self.reading else {}
        articles: list[Article] = []
        errors: list[SiteError] = []
        todo = []
        for path, size_and_time in stats.items():
            entry = cached.get(path)
            if entry is not None and (entry.size, entry.mtime_ns) == size_and_time:
                self._keep_source(path, entry, articles, errors)
            else:
                todo.append(path)
        self.parsed = len(todo)
        done = [0]

        def advance(count: int) -> None:
            done[0] += count
            self.progress("reading", done[0], len(todo))

        for path, size, mtime_ns, result in parse_sources(todo, self.config, self.jobs, advance):
            content_hash = result.content_hash if isinstance(result, Article) else ""
            self._keep_source(path, SourceEntry(size, mtime_ns, content_hash, result), articles, errors)
        return articles, errors

    def _keep_source(self, path: str, entry: SourceEntry, articles: list, errors: list) -> None:
        self.state.sources[path] = entry
        if isinstance(entry.result, Article):
            articles.append(entry.result)
        else:
            errors.extend(entry.result)

    def _model(self, articles: list[Article], assets: list[str], errors: list[SiteError]) -> Site:
        self.progress("linking", 0, 1)
        try:
            memo = dict(getattr(self.old, "memo", None) or {})
            site = build_site(self.config, articles, assets, self.options, words=self.theme.word, memo=memo)
            self.state.memo = memo
        except BuildFailed as failure:
            errors = errors + list(failure.errors)
        if errors:
            raise BuildFailed(errors)
        # The records the pages hold stand for the published articles' sources, so that the
        # state pickles them once and ssg.patch finds them there.
        sources = self.state.sources
        for article in site.articles:
            entry = sources[article.source]
            if entry.result is not article:
                sources[article.source] = entry._replace(result=article)
        return site

    def _render(self, site: Site, place: Place) -> tuple[list[str], list[str]]:
        """Render the pages whose digest changed; the others stay as they are."""
        last = None
        if self.old is not None:
            last = (self.old_records, Fingerprints(self.old.cards, self.old.body_keys), self.old.links)
        fingerprints = self.fingerprints = fingerprints_of(site.articles, site.links, last)
        self.bodies = BodyStore(self.cache_dir / "bodies", getattr(self.old, "bodies", None))
        renderer = Renderer(self.config, self.theme, self.bodies, self.cache_dir / "templates")
        whole_site = site_digest(self.environment, self.config, self.options.drafts, self.options.future,
                                 {lang: dict(words) for lang, words in self.theme.words.items()},
                                 dict(self.theme.assets))
        self.whole_site = whole_site
        # With the same templates, config and theme as last time, an article's page that holds
        # the very records its last version held, with a body that links to articles where
        # they were, is that page again, and so is its digest.
        same_frame = self.old is not None and self.old.frame == self.state.frame and self.old.site == whole_site
        templates = self.templates = TemplateDigests(renderer.env, self.old.templates if same_frame else {})
        last_pages = self.old.body_pages if same_frame else {}
        in_feeds = carried_by_feeds(site.pages)
        # Most pages first, in the pool. Then the large sitemaps, here, once the workers are
        # gone (see LARGE_SITEMAP). The feeds last, in the pool: they reuse the bodies just
        # rendered.
        phases: tuple[tuple[list[RenderJob], int], ...] = (([], self.jobs), ([], 1), ([], self.jobs))
        digests: dict[str, str] = {}
        unchanged: list[str] = []
        shown: dict[int, str] = {}
        for page in site.pages:
            last = last_pages.get(page.output_path)
            if last is not None and page.kind == "article" and _holds_the_same_records(page, last) \
                    and fingerprints.bodies[page.article.source] == self.old.body_keys.get(page.article.source) \
                    and page.output_path in self.old.outputs:
                digest = self.old.outputs[page.output_path].digest
            else:
                digest = page_digest(page, fingerprints, templates.digest(page.template), whole_site, shown)
            digests[page.output_path] = digest
            if self._unchanged(page.output_path, digest):
                unchanged.append(page.output_path)
                continue
            old = self.old.outputs.get(page.output_path) if self.old is not None else None
            job = RenderJob(page, links_for(page, site.links), old.sha1 if old is not None else None,
                            keep_body=page.kind == "article" and page.article.source in in_feeds)
            large_sitemap = page.kind == "sitemap" and len(page.entries) > LARGE_SITEMAP
            phases[2 if page.kind == "feed" else 1 if large_sitemap else 0][0].append(job)
        del shown           # before the workers fork: they need none of it
        renderer.compile({job.page.template for jobs, _ in phases for job in jobs})
        written: list[str] = []
        self.rendered = [job.page.output_path for jobs, _ in phases for job in jobs]
        for result in render_phases(phases, renderer, place, self.progress):
            self.state.outputs[result.output_path] = OutputEntry(digests[result.output_path], result.sha1)
            (written if result.written or not self.update else unchanged).append(result.output_path)
        return written, unchanged

    def _copy_files(self, site: Site, place: Place, unchanged: list[str]) -> list[str]:
        """Theme and site static files, content files beside the articles, and the files
        static hosts read; each copied only when it changed."""
        written = []
        for output_path, source in _static_files(self.theme, self.config, site):
            stat = source.stat()
            digest = f"file:{source}:{stat.st_size}:{stat.st_mtime_ns}"
            if self._unchanged(output_path, digest):
                unchanged.append(output_path)
                continue
            self.state.outputs[output_path] = OutputEntry(digest, "")
            destination = place(output_path)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, destination)
            written.append(output_path)
        for output in host_files(self.config):
            digest = sha1(output.data.decode("utf-8"))
            if self._unchanged(output.path, digest):
                unchanged.append(output.path)
                continue
            self.state.outputs[output.path] = OutputEntry(digest, digest)
            place(output.path).write_bytes(output.data)
            written.append(output.path)
        return written

    def _unchanged(self, path: str, digest: str) -> bool:
        """PATH was made last time from inputs with this DIGEST: it stays as it is, under
        last time's record. (The output is as the last build left it: see output_identity.)"""
        old = self.old.outputs.get(path) if self.old is not None else None
        if old is None or old.digest != digest:
            return False
        self.state.outputs[path] = old
        return True

    def _finish(self, site: Site, writer: Update | None, target: Path, written: list[str]) -> list[str]:
        """Index for search and put WRITTEN (files in TARGET) in place; the files the site no
        longer has."""
        reuse_index = plan_search_index(self.config, self.old, self.state, self.reindex,
                                        (p.output_path for p in site.pages if p.kind == "article"))
        if writer is None:
            if self.config.search:
                self.progress("indexing", 0, 1)
                index_site(target)
            swap_into_place(target, self.config.output_dir)
            return []
        deleted = sorted(set(self.old.outputs) - set(self.state.outputs))
        writer.commit(written, deleted)
        update_search_index(self.config, reuse_index, self.progress)
        return deleted

    def _forget_bodies(self) -> None:
        """Keep stored bodies only for the articles feeds show now."""
        self.bodies.close()
        self.state.bodies = keep_only(self.cache_dir / "bodies", self.bodies.index,
                                      feed_bodies(self.state.body_pages.values(), self.fingerprints))

    def _same_body_page(self, output_path: str, last: Page, page: Page) -> bool:
        """The last build's record of a page can stand for PAGE in the state: the same
        digest, and the very same article records."""
        before, now = self.old.outputs.get(output_path), self.state.outputs[output_path]
        return before is not None and before.digest == now.digest and _holds_the_same_records(page, last)

    def _remember(self, site: Site) -> None:
        """What a rebuild after edits to bodies alone needs (patch.py)."""
        state = self.state
        state.cards, state.body_keys = self.fingerprints
        state.links, state.site = site.links, self.whole_site
        state.body_pages = {page.output_path: page for page in site.pages if shows_bodies(page)}
        state.templates = {name: self.templates.digest(name) for name in {page.template for page in site.pages}}
        state.articles, state.warnings = len(site.articles), site.warnings


def _kept(path: str, last: SourceEntry, entry: SourceEntry) -> bool:
    """A source's entry is as last saved only when it is the very same: an equal record
    can still differ (a date equal as a moment, in another zone)."""
    return last is entry


def _holds_the_same_records(page: Page, last: Page) -> bool:
    """A page and its last version hold the same article, neighbours, related articles and
    feed entries: the very same records, which the model keeps when nothing about them
    changed."""
    return (page.article is last.article and page.newer is last.newer and page.older is last.older
            and _same_objects(page.related, last.related) and _same_objects(page.entries, last.entries))


def _same_objects(these: tuple, those: tuple) -> bool:
    return len(these) == len(those) and all(map(operator.is_, these, those))


NO_LINKS: dict[str, str] = {}


def links_for(page: Page, links: dict[str, str]) -> dict[str, str]:
    """The URLs of the articles that the bodies on PAGE link to (one shared empty mapping
    for the many pages whose bodies link nowhere, or that show no body)."""
    articles = [page.article] if page.kind == "article" else list(page.entries) if page.kind == "feed" else []
    found = {source: links[source] for article in articles for source in article.md_links if source in links}
    return found or NO_LINKS


def _static_files(theme: Theme, config: SiteConfig, site: Site):
    for static in theme.static:
        yield static.output_path, static.source
        if static.also_at:
            yield static.also_at, static.source
    for asset in site.assets:
        yield asset, config.content_dir / asset


def plan_search_index(config: SiteConfig, old: BuildState | None, state: BuildState, reindex: bool,
                      article_pages) -> bool:
    """Whether the search index in the output can stay (its pages are the same, or REINDEX
    is off); records in STATE what the index covers."""
    indexed = sha1(pagefind_version(), *(f"{path}:{state.outputs[path].sha1}" for path in sorted(article_pages)))
    reuse = (config.search and old is not None and (config.output_dir / "pagefind").is_dir()
             and (old.search == indexed or not reindex))
    state.search = "" if not config.search else old.search if reuse and not reindex else indexed
    return reuse


def update_search_index(config: SiteConfig, reuse: bool, progress: Progress) -> None:
    """After a rebuild's commit: index again when the indexed pages changed."""
    search_dir = config.output_dir / "pagefind"
    if config.search and not reuse:
        progress("indexing", 0, 1)
        _reindex(config.output_dir)
    elif not config.search and search_dir.exists():
        shutil.rmtree(search_dir)


def _reindex(output_dir: Path) -> None:
    """Rebuild the search index beside the site, then swap it in."""
    fresh = output_dir.parent / f".{output_dir.name}.pagefind-{os.getpid()}"
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        index_site(output_dir, fresh)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    swap_into_place(fresh, output_dir / "pagefind")
