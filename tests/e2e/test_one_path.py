"""Every build takes the one sequence of ssg/build.py: each stage once, in order, whether
it builds from nothing, after a body edit or after an added article."""

from __future__ import annotations

from ssg.build import build
from tests.e2e.rebuilds import touch_later
from tests.helpers import article


def stages_of(root, output, **options) -> tuple[list[str], object]:
    seen: list[str] = []

    def progress(stage: str, done: int, total: int) -> None:
        if not seen or seen[-1] != stage:
            seen.append(stage)

    report = build(root, output, progress=progress, **options)
    return seen, report


def test_each_kind_of_build_visits_the_stages_once_in_order(newsroom, tmp_path):
    output = tmp_path / "site"
    clean, report = stages_of(newsroom, output, jobs=2)
    assert clean == ["reading", "linking", "pictures", "rendering", "indexing"], "share cards, then pages"
    assert report.written == report.pages

    path = newsroom / "content" / "2024" / "a04.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nفقرة أخرى.\n", encoding="utf-8")
    touch_later(path)
    body_edit, report = stages_of(newsroom, output, jobs=2)
    assert body_edit == ["reading", "linking", "rendering", "indexing"], "the same stages, with no picture to make"
    assert report.site is None, "the last model, with the edited record"
    assert "2024/02/a04/index.html" in report.rendered

    (newsroom / "content" / "2024" / "new.md").write_text(
        article("خبر جديد", "2024-03-20T10:00:00+03:00", slug="new", tags="[العراق]"), encoding="utf-8")
    added, report = stages_of(newsroom, output, jobs=1)
    assert added == ["reading", "linking", "pictures", "rendering", "indexing"], "the new article's share card"
    assert report.site is not None and "2024/03/new/index.html" in report.rendered

    nothing, report = stages_of(newsroom, output)
    assert nothing == [] and report.written == 0
