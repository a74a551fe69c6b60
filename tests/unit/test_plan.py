"""The planner (incremental.plan) on the records of a real build: what it renders, copies,
keeps and deletes after each kind of change, and the state's save and load round trip."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ssg.article import Article
from ssg.build import build, picture_files
from ssg.config import load_config
from ssg.execution.workers import Executor
from ssg.incremental.changes import same_frame, survey
from ssg.incremental.modelling import model_site
from ssg.incremental.plan import plan_outputs, static_files
from ssg.incremental.read import read_sources
from ssg.incremental.state import (BuildState, OutputEntry, QuickCheck, SourceEntry, cache_folder, environment_digest,
                                   load_quick_check, load_state, save_build, save_state)
from ssg.options import BuildOptions, build_time
from ssg.pictures.stage import picture_stage
from ssg.rendering.renderer import Renderer
from ssg.webfonts.stage import font_cache, font_stage
from ssg.rendering.theme import load_theme
from ssg.text.dates import DateStyle
from tests.helpers import article


@pytest.fixture
def built(make_site, tmp_path):
    """Four articles in two tags, built once; the output folder."""
    files = {f"content/a{n}.md": article(f"خبر {n}", f"2024-01-0{n + 1}", slug=f"a{n}", body=f"نص {n}.",
                                         tags="[العراق]" if n % 2 else "[المياه]")
             for n in range(4)}
    files["content/photo.svg"] = '<svg xmlns="http://www.w3.org/2000/svg"/>'
    root = make_site(files, 'title = "أرشيف"\nbase_url = "https://example.org/"\nsearch = false\n')
    output = tmp_path / "out"
    build(root, output, jobs=1)
    return root, output


def plan_after(root: Path, output: Path):
    """The stages up to the plan, run as the next build would, against the saved state."""
    config = load_config(root, output)
    theme, options = load_theme(config), BuildOptions(now=build_time())
    inputs = survey(config, theme, options)
    cache = cache_folder(root, output)
    quick = load_quick_check(cache, inputs.environment, output)
    last = load_state(cache, inputs.environment, output)
    sources = read_sources(inputs, last, config, Executor(1), lambda *progress: None)
    pictures = picture_stage(config, picture_files(static_files(theme, config, inputs.assets), theme, config),
                             last.pictures)
    model = model_site(sources, inputs.assets, last, same_frame(quick, inputs.frame, config, options), config,
                       options, theme, DateStyle.from_config(config), lambda *progress: None, pictures)
    fonts_cache = font_cache(cache / "fonts")
    fonts = font_stage(config, fonts_cache)
    renderer = Renderer(config, theme, pictures=pictures.table, sections=model.sections, fonts=fonts)
    return model, plan_outputs(model, last, inputs, renderer, config, theme, options, pictures,
                               cache / "pictures", fonts.outputs(fonts_cache)), last


def rendered(plan) -> set[str]:
    return {job.page.output_path for jobs, _ in plan.render for job in jobs}


def rewrite(path: Path, text: str) -> None:
    stat = path.stat()
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_nothing_changed_keeps_every_file(built):
    root, output = built
    model, plan, last = plan_after(root, output)
    assert rendered(plan) == set() and plan.copies == [] and plan.deleted == []
    assert plan.kept == last.outputs


def test_a_body_edit_plans_its_page_and_the_feeds_that_carry_it_and_keeps_the_rest(built):
    root, output = built
    # The first paragraph is the summary, which cards show: the edit adds a second one.
    rewrite(root / "content" / "a1.md", article("خبر 1", "2024-01-02", slug="a1", body="نص 1.\n\nفقرة جديدة.",
                                                tags="[العراق]"))
    model, plan, last = plan_after(root, output)
    assert not model.whole, "the last model, with the edited record"
    assert rendered(plan) == {"2024/01/a1/index.html", "feed.xml", "tags/العراق/feed.xml"}
    assert set(plan.kept) == set(last.outputs) - rendered(plan)
    assert plan.deleted == []


def test_a_removed_article_is_deleted_with_what_only_it_had(built):
    root, output = built
    (root / "content" / "a0.md").unlink()
    model, plan, last = plan_after(root, output)
    assert model.whole
    pages = {path for path in plan.deleted if not path.startswith("cards/")}
    assert pages == {"2024/01/a0/index.html", "2024/01/01/index.html"}
    assert len(plan.deleted) == len(pages) + 1, "and its share card"
    assert "2024/01/a1/index.html" in rendered(plan), "its neighbour's page links elsewhere now"
    assert not set(plan.deleted) & (rendered(plan) | set(plan.kept))


def test_a_new_content_file_is_copied_and_nothing_else_changes(built):
    root, output = built
    (root / "content" / "photo2.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    model, plan, last = plan_after(root, output)
    assert [copy.output_path for copy in plan.copies] == ["photo2.svg"]
    assert rendered(plan) == set()


def test_a_saved_state_loads_as_it_was_and_its_pages_hold_its_own_records(built, tmp_path):
    root, output = built
    cache = cache_folder(root, output)
    state = load_state(cache, environment_digest(), output)
    records = state.records()
    assert all(page.article is records[page.article.source] for page in state.body_pages.values()
               if page.kind == "article"), "a page holds the state's record, not a copy of it"

    folder = tmp_path / "cache"
    quick = QuickCheck("inputs", state.frame, [1.0], 2.0, state.articles, len(state.outputs))
    save_state(folder, state, quick)
    again = load_state(folder, state.environment, Path(state.output_dir))
    assert again.outputs == state.outputs and again.links == state.links and again.templates == state.templates
    assert {path: entry.result.title for path, entry in again.sources.items()} == \
        {path: entry.result.title for path, entry in state.sources.items()}
    assert load_quick_check(folder, state.environment, Path(state.output_dir)) == quick


def test_a_rebuild_saves_an_edit_that_replays_onto_the_last_full_save(built, tmp_path):
    root, output = built
    cache = cache_folder(root, output)
    folder = tmp_path / "cache"
    last = load_state(cache, environment_digest(), output)
    quick = QuickCheck("inputs", last.frame, [1.0], 2.0, last.articles, len(last.outputs))
    save_state(folder, last, quick)
    last = load_state(folder, last.environment, Path(last.output_dir))

    source = "content/a2.md"
    edited = last.sources[source].result
    record = Article(**{**{name: getattr(edited, name) for name in edited.__slots__}, "content_hash": "new"})
    state = BuildState(**{name: getattr(last, name) for name in BuildState.__dataclass_fields__})
    state.sources = {**last.sources, source: SourceEntry(1, 2, "new", record)}
    state.outputs = {**last.outputs, "2024/01/a2/index.html": OutputEntry("digest", "sha1")}
    save_build(folder, last, state, quick)

    assert (folder / "edits.pickle").is_file(), "saved as an edit, not whole"
    again = load_state(folder, last.environment, Path(last.output_dir))
    assert again.sources[source].result.content_hash == "new"
    assert again.outputs["2024/01/a2/index.html"] == OutputEntry("digest", "sha1")
    assert again.sources["content/a1.md"].result.title == "خبر 1"
