"""Stage: plan the output. Every file the site has gets a digest of all it is made from;
a file whose digest is the last build's stays as it is, the others are rendered or
copied, and the files the site no longer has are deleted. Then the stage that carries
the plan out: render through the renderer, copy, into the writer.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Mapping

from ..config import SiteConfig
from ..execution.workers import Executor, Phase, RenderJob
from ..model.pages import Page
from ..options import BuildOptions
from ..pictures.stage import PictureSettings, Pictures, PictureWork, card_work, cached_file, make_missing, picture_work
from ..output.writer import Writer
from ..progress import Progress
from ..rendering.renderer import Renderer, host_files
from ..rendering.theme import Theme
from .changes import Inputs
from .fingerprints import TemplateDigests, carried_by_feeds, page_digest, site_digest
from .modelling import SiteModel
from .state import BuildState, OutputEntry, holds_the_same_records, sha1

# A sitemap lists the pages of the whole site, and a worker rendering it copies the memory
# of each page's record it reads. A sitemap with more entries than this is rendered in the
# build's own process once the workers are gone, where it copies nothing, at the price of
# time on one core (benchmarks/RESULTS.md, session 6).
LARGE_SITEMAP = 20_000


@dataclass(frozen=True, slots=True)
class Copy:
    output_path: str
    source: Path | None              # None: DATA is the file
    data: bytes = b""


@dataclass
class Plan:
    render: tuple[Phase, ...]        # in order: most pages (pool), large sitemaps (here), feeds (pool)
    digests: dict[str, str]          # output path -> digest, for every file to render or copy
    copies: list[Copy]
    pictures: list[PictureWork]      # pictures and cards to make (when not in the cache yet) before the copies
    picture_keys: set[str] | None    # every picture output's key, for the cache to keep; None: not known (kept all)
    fresh_pictures: bool             # made again even when the cache has them (a build told not to use the cache)
    kept: dict[str, OutputEntry]     # files that stay as the last build left them
    deleted: list[str]
    templates: dict[str, str]        # template name -> digest, for the next build
    site: str                        # digest of what every page sees of the site


@dataclass
class Written:
    outputs: dict[str, OutputEntry] = field(default_factory=dict)   # every file the site has
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)


def plan_outputs(model: SiteModel, last: BuildState | None, inputs: Inputs, renderer: Renderer,
                 config: SiteConfig, theme: Theme, options: BuildOptions, pictures: Pictures | None = None,
                 picture_cache: Path | None = None, fonts: Mapping[str, Path] | None = None) -> Plan:
    """PICTURES: the pictures stage's records; their outputs are made into PICTURE_CACHE.
    FONTS: the web fonts stage's files, output path -> its subset in the font cache."""
    whole_site = site_digest(inputs.environment, config, options.drafts, options.future,
                             {lang: dict(words) for lang, words in theme.words.items()}, dict(theme.assets),
                             renderer.share, renderer.view)
    # With the same templates, config and theme as last time, an article's page that holds
    # the very records its last version held, with a body that links to articles where
    # they were, is that page again, and so is its digest.
    same_frame = last is not None and last.frame == inputs.frame and last.site == whole_site
    templates = TemplateDigests(renderer.env, last.templates if same_frame else {}, config.root)
    last_pages = last.body_pages if same_frame else {}
    last_outputs = last.outputs if last is not None else {}
    kept: dict[str, OutputEntry] = {} if model.whole else dict(last_outputs)
    digests: dict[str, str] = {}

    def stays(path: str, digest: str) -> bool:
        old = last_outputs.get(path)
        if old is not None and old.digest == digest:
            kept[path] = old
            return True
        kept.pop(path, None)
        digests[path] = digest
        return False

    fingerprints = model.fingerprints
    in_feeds = carried_by_feeds(model.body_pages.values())
    phases: tuple[list[RenderJob], list[RenderJob], list[RenderJob]] = ([], [], [])
    shown: dict[int, str] = {}
    for page in model.pages:
        path = page.output_path
        before = last_pages.get(path)
        if before is not None and page.kind == "article" and holds_the_same_records(page, before) \
                and fingerprints.bodies[page.article.source] == last.body_keys.get(page.article.source) \
                and path in last_outputs:
            digest = last_outputs[path].digest
        else:
            digest = page_digest(page, fingerprints, templates.digest(page.template), whole_site, shown)
        if stays(path, digest):
            continue
        old = last_outputs.get(path)
        job = RenderJob(page, links_for(page, model.links), old.sha1 if old is not None else None,
                        keep_body=page.kind == "article" and page.article.source in in_feeds)
        large_sitemap = page.kind == "sitemap" and len(page.urls) > LARGE_SITEMAP
        phases[2 if page.kind == "feed" else 1 if large_sitemap else 0].append(job)
    copies, works, keys = [], [], None
    if model.whole:
        processed = pictures.processed if pictures is not None else frozenset()
        files = dict(static_files(theme, config, model.assets))
        if pictures is not None:
            settings = PictureSettings.of(config)
            keys = set()
            for work in [*picture_work(pictures, files, settings, model.shown_pictures),
                         *card_work(model.cards, pictures.fonts)]:
                made = False
                for output in work.outputs:
                    keys.add(output.key)
                    if not stays(output.output_path, "picture:" + output.key):
                        copies.append(Copy(output.output_path, cached_file(picture_cache, output.key)))
                        made = True
                if made:
                    works.append(work)
        for output_path, source in files.items():
            if output_path in processed:
                continue
            stat = source.stat()
            if not stays(output_path, f"file:{source}:{stat.st_size}:{stat.st_mtime_ns}"):
                copies.append(Copy(output_path, source))
        for output_path, source in (fonts or {}).items():     # the web fonts, by their key
            if not stays(output_path, "font:" + source.name):
                copies.append(Copy(output_path, source))
        for output in host_files(config):
            if not stays(output.path, sha1(output.data.decode("utf-8"))):
                copies.append(Copy(output.path, None, output.data))
    names = {page.template for page in model.pages}
    template_digests = {name: templates.digest(name) for name in names}
    if not model.whole and last is not None:
        template_digests = {**last.templates, **template_digests}
    deleted = sorted(set(last_outputs) - set(kept) - set(digests)) if model.whole else []
    return Plan(((phases[0], True), (phases[1], False), (phases[2], True)), digests, copies, works, keys,
                not options.use_cache, kept, deleted, template_digests, whole_site)


def write_outputs(plan: Plan, renderer: Renderer, writer: Writer, executor: Executor, progress: Progress,
                  update: bool, picture_cache: Path | None = None) -> Written:
    """Render and copy what PLAN says into WRITER. UPDATE: the writer holds only what
    changed, so a page rendered to the very bytes it had is not written."""
    done = Written(outputs=dict(plan.kept), unchanged=list(plan.kept))
    if plan.pictures:
        make_missing(plan.pictures, picture_cache, executor, progress, PictureSettings.of(renderer.config),
                     renderer.config.root, plan.fresh_pictures)
    renderer.compile({job.page.template for jobs, _ in plan.render for job in jobs})
    done.rendered = [job.page.output_path for jobs, _ in plan.render for job in jobs]
    for result in executor.render(plan.render, renderer, writer.place, progress):
        done.outputs[result.output_path] = OutputEntry(plan.digests[result.output_path], result.sha1)
        (done.written if result.written or not update else done.unchanged).append(result.output_path)
    for copy in plan.copies:
        destination = writer.place(copy.output_path)
        if copy.source is not None:
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(copy.source, destination)
            done.outputs[copy.output_path] = OutputEntry(plan.digests[copy.output_path], "")
        else:
            destination.write_bytes(copy.data)
            digest = plan.digests[copy.output_path]
            done.outputs[copy.output_path] = OutputEntry(digest, digest)
        done.written.append(copy.output_path)
    return done


NO_LINKS: dict[str, str] = {}


def links_for(page: Page, links: Mapping[str, str]) -> Mapping[str, str]:
    """The URLs of the articles that the bodies on PAGE link to (one shared empty mapping
    for the many pages whose bodies link nowhere, or that show no body)."""
    articles = [page.article] if page.kind == "article" else page.articles if page.kind == "feed" else ()
    found = {source: links[source] for article in articles for source in article.md_links if source in links}
    return found or NO_LINKS


def static_files(theme: Theme, config: SiteConfig, assets) -> Iterator[tuple[str, Path]]:
    """Theme and site static files, and content files beside the articles."""
    for static in theme.static:
        yield static.output_path, static.source
        if static.also_at:
            yield static.also_at, static.source
    for asset in assets:
        yield asset, config.content_dir / asset

