"""`ssg build`: the whole build, every stage once, in order.

Every build takes this one path: a clean build, a rebuild after an edit, one after a
body edit and one with nothing to do differ in what the last build left
(.ssg-cache/), not in code. Each stage is a module of its own:

    survey      incremental/changes.py   what the build reads, by size and time
    read        incremental/read.py      sources parsed (reading/), or the last build's records
    pictures    pictures/stage.py        each picture's size and digest, and the share cards' fonts
    model       incremental/modelling.py the site's pages (model/), or the last ones with new bodies
    fonts       webfonts/stage.py        the theme's fonts subset to woff2 (made once, kept in the cache)
    plan        incremental/plan.py      each file's digest: render, copy, make (a picture), keep or delete
    write       incremental/plan.py      pictures made and pages rendered in the executor (execution/), into a
                                         writer (output/)
    search      search/pagefind.py       the search index, into the writer too
    commit      output/                  into site/: nothing reaches it before
    save        incremental/state.py     what the next build reuses
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .article import Article
from .config import SiteConfig, load_config, replace
from .errors import BuildFailed
from .execution.collector import collector_paused, frozen
from .incremental.buildlog import record_build
from .incremental.changes import Inputs, nothing_changed, same_frame, survey
from .incremental.state import (BuildState, QuickCheck, cache_folder, load_quick_check, load_state, output_identity,
                                save_build)
from .options import BuildOptions, build_time, default_jobs
from .output.folders import remove_leftovers
from .output.journal import emptying_trash, recover
from .progress import Progress
from .reading.files import NO_CONTENT
from .reading.records import with_author_records
from .rendering.theme import Theme, load_theme

if TYPE_CHECKING:
    from .incremental.modelling import SiteModel
    from .incremental.plan import Plan, Written
    from .model.site import Site
    from .reading.notes import Note
    from .search.pagefind import SearchPlan


def no_progress(stage: str, done: int, total: int) -> None:
    pass


@dataclass(frozen=True, slots=True)
class BuildReport:
    site: Site | None                # the site model; None when this build kept the last one
    articles: int
    pages: int                       # files the site has
    written: int                     # files written by this build
    unchanged: int                   # files left as they were
    deleted: int
    output_dir: Path
    seconds: float
    warnings: tuple[str, ...] = ()
    rendered: tuple[str, ...] = ()   # pages whose inputs changed, so they were rendered again
    notes: tuple[Note, ...] = ()     # other generators' constructs left as written, links by name to nothing


def build(root: Path, output_dir: Path | None = None, *, drafts: bool = False, future: bool = False,
          base_url: str | None = None, jobs: int | None = None, use_cache: bool = True,
          reindex: bool = True, strict: bool = False, progress: Progress = no_progress) -> BuildReport:
    """Build the site in ROOT. Raises BuildFailed with every error found; then the
    previous output is left untouched. BASE_URL replaces site.toml's (the preview server
    builds for its own address). REINDEX false keeps an existing search index as it is
    (the preview server: Pagefind takes tens of seconds on a large archive). STRICT makes
    every warning an error, so that the build fails and site/ stays as it was."""
    started = time.perf_counter()
    config = load_config(root, output_dir)
    if base_url is not None:
        config = replace(config, base_url=base_url)
    options = BuildOptions(drafts=drafts, future=future, now=build_time(), jobs=jobs or default_jobs(),
                           use_cache=use_cache, reindex=reindex, strict=strict)
    try:
        report = _build(config, options, progress)
    except BuildFailed as failure:
        record_build(config.root, config.output_dir, ok=False, errors=len(failure.errors))
        raise
    record_build(config.root, config.output_dir, ok=True)
    return dataclasses.replace(report, seconds=time.perf_counter() - started)


def _build(config: SiteConfig, options: BuildOptions, progress: Progress) -> BuildReport:
    cache = cache_folder(config.root, config.output_dir)
    recover(cache)                                    # finish a commit an interruption left halfway
    remove_leftovers(config.output_dir)               # and remove the work folders of builds killed
    theme = load_theme(config)
    if not config.content_dir.is_dir():
        raise BuildFailed([NO_CONTENT])
    config = with_author_records(config)             # content/authors/: part of the settings
    inputs = survey(config, theme, options)
    quick = load_quick_check(cache, inputs.environment, config.output_dir) if options.use_cache else None
    # The last build's files are known only while the output folder is as it left it: one
    # emptied, replaced or half-restored since is built again whole.
    if quick is not None and quick.output_folder != output_identity(config.output_dir):
        quick = None
    # A strict build must see the warnings, which a build with nothing to do does not make.
    if not options.strict and nothing_changed(quick, inputs, config, options):
        return BuildReport(None, quick.articles, quick.outputs, 0, quick.outputs, 0, config.output_dir, 0.0)
    with emptying_trash(cache):
        return _rebuild(config, options, theme, inputs, quick, progress)


def _rebuild(config: SiteConfig, options: BuildOptions, theme: Theme, inputs: Inputs, quick: QuickCheck | None,
             progress: Progress) -> BuildReport:
    """The build once something changed since the last one (QUICK, when site/ holds its output)."""
    # Jinja, Markdown and the rest: imported only when there is work.
    from .execution.workers import Executor
    from .incremental.bodies import BodyStore, CachedBodies, keep_only
    from .incremental.fingerprints import feed_bodies
    from .incremental.modelling import model_site
    from .incremental.plan import plan_outputs, static_files, write_outputs
    from .incremental.read import read_sources
    from .output.writer import open_writer
    from .pictures.stage import keep_only as keep_pictures, picture_stage
    from .reading.notes import as_errors, notes_of, pages_of, settings_files_missing
    from .rendering.renderer import Renderer, render_body
    from .search.pagefind import plan_index, write_index
    from .text.dates import DateStyle
    from .webfonts.stage import font_cache, font_stage

    cache = cache_folder(config.root, config.output_dir)
    # The last build's state: with it, only what changed is read, modelled and written.
    last = load_state(cache, inputs.environment, config.output_dir) if quick is not None else None
    unchanged_frame = same_frame(quick, inputs.frame, config, options)   # only articles changed since
    executor = Executor(options.jobs)
    dates = DateStyle.from_config(config, last.memo.get("dates") if last is not None else None)
    with collector_paused():                          # records that live to the end: see collector.py
        sources = read_sources(inputs, last, config, executor, progress)
        pictures = picture_stage(config, picture_files(static_files(theme, config, inputs.assets), theme, config),
                                 last.pictures if last is not None else None)
        model = model_site(sources, inputs.assets, last, unchanged_frame, config, options, theme, dates, progress,
                           pictures)
    fonts_cache = font_cache(cache / "fonts")
    fonts = font_stage(config, fonts_cache)
    del sources                                       # its unplaced records: the model holds the placed ones
    with frozen(), BodyStore(cache / "bodies", last.bodies if last is not None else None) as store:
        bodies = CachedBodies(store, lambda article, links: render_body(article, links, config))
        renderer = Renderer(config, theme, bodies, cache / "templates", dates, pictures.table, model.sections, fonts)
        plan = plan_outputs(model, last, inputs, renderer, config, theme, options, pictures, cache / "pictures",
                            fonts.outputs(fonts_cache))
        with open_writer(config.output_dir, cache, update=last is not None) as writer:
            done = write_outputs(plan, renderer, writer, executor, progress, update=last is not None,
                                 picture_cache=cache / "pictures")
            search = plan_index(config, last.search if last is not None else None, model.published(),
                                model.fingerprints.cards, model.fingerprints.bodies, plan.site, options.reindex)
            index = write_index(search, config, dates, writer, progress, options.jobs, update=last is not None)
            files = done.outputs                  # every file of the site, content/'s copied ones too
            notes = notes_of(model.published(), model.links, pages_of(model.sources), files)
            settings = (*config.settings_notes, *settings_files_missing(config, files), *pictures.warnings,
                        *fonts.warnings)
            warnings = tuple(str(note) for note in settings) + model.warnings
            if options.strict and (notes or warnings):
                raise BuildFailed(as_errors(notes, settings, model.warnings))
            writer.commit([*done.written, *index.written], [*plan.deleted, *index.deleted])
    kept = keep_only(cache / "bodies", store.index, feed_bodies(model.body_pages.values(), model.fingerprints))
    if plan.picture_keys is not None:
        keep_pictures(cache / "pictures", plan.picture_keys)
    save_build(cache, last, _next_state(config, inputs, model, plan, done, search, kept, pictures.memo),
               _quick_check(config, inputs, options, model, done))
    return BuildReport(model.site, model.articles, len(done.outputs), len(done.written), len(done.unchanged),
                       len(plan.deleted), config.output_dir, 0.0, warnings, tuple(sorted(done.rendered)), notes)


def picture_files(files, theme: Theme, config: SiteConfig) -> list[tuple[str, Path, bool]]:
    """FILES (output path, source) with whether each is the site's own (content/, static/),
    whose pictures the pictures stage publishes; the theme's are copied as they are."""
    return [(path, source, source.is_relative_to(config.root) and not source.is_relative_to(theme.folder))
            for path, source in files]


def _next_state(config: SiteConfig, inputs: Inputs, model: SiteModel, plan: Plan, done: Written, search: SearchPlan,
                bodies: dict, pictures: dict) -> BuildState:
    """What the next build reuses of this one."""
    return BuildState(environment=inputs.environment, reading=inputs.reading, output_dir=str(config.output_dir),
                      frame=inputs.frame, sources=model.sources, outputs=done.outputs, search=search.digests,
                      memo=model.reusable, bodies=bodies, cards=model.fingerprints.cards,
                      body_keys=model.fingerprints.bodies, links=model.links, body_pages=model.body_pages,
                      templates=plan.templates, site=plan.site, articles=model.articles, warnings=model.warnings,
                      pictures=pictures)


def _quick_check(config: SiteConfig, inputs: Inputs, options: BuildOptions, model: SiteModel,
                 done: Written) -> QuickCheck:
    """What the next build needs to see that nothing changed, without loading the state."""
    article_dates = sorted(entry.result.date.timestamp() for entry in model.sources.values()
                           if isinstance(entry.result, Article))
    return QuickCheck(inputs.digest, inputs.frame, article_dates, options.now.timestamp(), model.articles,
                      len(done.outputs), output_identity(config.output_dir))
