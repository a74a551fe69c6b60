"""Rebuilds after edits to article bodies alone take the last build's records instead of
building the site model (incremental.modelling): they render exactly the pages that show the edited
bodies, and every such rebuild, and every later one, equals a clean build byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

import ssg.incremental.state

from ssg.build import build
from ssg.incremental.state import cache_folder, environment_digest, load_state
from tests.e2e.rebuilds import Twin, edit
from tests.helpers import article

A04 = dict(title="خبر 4", date="2024-02-05T10:00:00+03:00", slug="a04", tags="[العراق, الطاقة]",
           categories="[سياسة]")


def write_a04(root: Path, more: str, **changes: str) -> None:
    """a04 with its first paragraph (which cards show as its summary) and MORE after it."""
    body = "نص الخبر 4." + (f"\n\n{more}" if more else "")
    edit(root / "content" / "2024" / "a04.md", article(**{**A04, **changes, "body": body}))


def edits_file(root: Path, output: Path) -> Path:
    return cache_folder(root, output) / "edits.pickle"


def test_a_body_edit_renders_only_the_article_and_the_feeds_that_carry_it(newsroom, tmp_path):
    site = Twin(newsroom, tmp_path)
    site.rebuild()
    write_a04(newsroom, "فقرة جديدة، وفيها **خط عريض**.")
    report = site.rebuild()
    assert report.site is None, "no site model was built"
    assert report.rendered == ("2024/02/a04/index.html", "feed.xml", "tags/الطاقه/feed.xml", "tags/العراق/feed.xml")
    assert report.written == 4
    assert "خط عريض" in (site.incremental / "feed.xml").read_text(encoding="utf-8")


def test_edits_in_a_row_replay_onto_the_next_full_build(newsroom, tmp_path):
    site = Twin(newsroom, tmp_path)
    site.rebuild()
    content = newsroom / "content" / "2024"
    for n, source in enumerate(["a04.md", "a05.md", "a04.md"]):
        path = content / source
        edit(path, path.read_text(encoding="utf-8") + f"\nتصحيح {n}.\n")
        assert site.rebuild().site is None
    assert edits_file(newsroom, site.incremental).is_file()
    # A body that now links to another article: the link is resolved like a clean build's.
    write_a04(newsroom, "انظر [الخبر السابق](a01.md).")
    assert site.rebuild().site is None
    assert 'href="/2024/01/a01/"' in (site.incremental / "2024/02/a04/index.html").read_text(encoding="utf-8")
    # Then a change the model must see, on top of the replayed edits: a new section, which
    # every page's navigation lists, so that the state is saved whole.
    edit(content / "new.md", article("خبر جديد", "2024-03-20T10:00:00+03:00", slug="new", tags="[العراق]",
                                     categories="[قسم جديد]"))
    report = site.rebuild()
    assert report.site is not None
    assert not edits_file(newsroom, site.incremental).exists(), "a full save leaves no edits behind"
    path = content / "a05.md"
    edit(path, path.read_text(encoding="utf-8") + "\nسطر آخر.\n")
    assert site.rebuild().site is None


@pytest.mark.parametrize("changes", [
    dict(title="عنوان آخر"),                              # shown on every listing
    dict(tags="[العراق]"),                                # moves it between tag pages
    dict(date="2024-02-05T07:00:00+00:00"),               # the same moment, printed in another zone
    dict(summary="ملخص مكتوب."),
])
def test_a_front_matter_edit_goes_through_the_site_model(newsroom, tmp_path, changes):
    site = Twin(newsroom, tmp_path)
    site.rebuild()
    write_a04(newsroom, "", **changes)
    assert site.rebuild().site is not None


def test_a_body_whose_first_paragraph_is_the_summary_goes_through_the_site_model(newsroom, tmp_path):
    """Cards show the first paragraph when there is no summary: it is front-matter to them."""
    site = Twin(newsroom, tmp_path)
    site.rebuild()
    path = newsroom / "content" / "2024" / "a04.md"
    edit(path, path.read_text(encoding="utf-8").replace("نص الخبر 4.", "نص الخبر الرابع."))
    assert site.rebuild().site is not None
    edit(path, path.read_text(encoding="utf-8") + "\nفقرة ثانية.\n")
    assert site.rebuild().site is None


def test_a_body_edit_with_an_error_is_reported_by_the_full_build(newsroom, tmp_path):
    output = tmp_path / "site"
    build(newsroom, output)
    (newsroom / "content" / "2024" / "a04.md").write_bytes(b"---\ntitle: x\n---\n\xff\xfe")
    with pytest.raises(Exception, match="not UTF-8"):
        build(newsroom, output)


def test_a_cut_short_edits_file_means_a_clean_build(newsroom, tmp_path):
    output = tmp_path / "site"
    first = build(newsroom, output)
    write_a04(newsroom, "نص أول.")
    build(newsroom, output)
    edits = edits_file(newsroom, output)
    edits.write_bytes(edits.read_bytes()[:-10])
    write_a04(newsroom, "نص ثان.")
    report = build(newsroom, output)
    assert report.site is not None and report.written == first.pages


def test_a_state_replayed_from_edits_is_the_state_a_clean_build_saves(newsroom, tmp_path, monkeypatch):
    monkeypatch.setattr(ssg.incremental.state, "EDITS_SHARE", 2.0)    # a small site's edits are a large share of it
    output = tmp_path / "site"
    build(newsroom, output)
    content = newsroom / "content" / "2024"
    write_a04(newsroom, "فقرة مضافة.")                                    # a body edit (the last model kept)
    build(newsroom, output)
    edit(content / "new.md", article("خبر جديد", "2024-03-20T10:00:00+03:00", slug="new", tags="[نادر]"))
    build(newsroom, output)                                                # an added article
    (content / "a02.md").unlink()
    build(newsroom, output)                                                # a deleted one
    assert edits_file(newsroom, output).stat().st_size > 0

    replayed = load_state(cache_folder(newsroom, output), environment_digest(), output)
    clean_output = tmp_path / "clean"
    build(newsroom, clean_output)
    clean = load_state(cache_folder(newsroom, clean_output), environment_digest(), clean_output)
    assert replayed.records() == clean.records()
    assert replayed.body_pages == clean.body_pages
    assert (replayed.cards, replayed.body_keys, replayed.links, replayed.memo) == \
        (clean.cards, clean.body_keys, clean.links, clean.memo)
    assert {path: entry.sha1 for path, entry in replayed.outputs.items()} == \
        {path: entry.sha1 for path, entry in clean.outputs.items()}
    # The pages hold the state's own records, not copies of them.
    records = replayed.records()
    for page in replayed.body_pages.values():
        held = [page.article, page.newer, page.older, *page.related, *page.articles]
        assert all(record is records[record.source] for record in held if record is not None)
