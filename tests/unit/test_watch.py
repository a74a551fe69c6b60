from pathlib import Path

from ssg.commands.watch import Change, Changes, WatchedFolders, classify, is_editor_temp

ROOT = Path("/sites/news")
WATCHED = WatchedFolders(ROOT, theme=Path("/sites/news/themes/default"))


def kinds(*relative: str) -> set[Change]:
    return classify([ROOT / r for r in relative], WATCHED)


def test_each_kind_of_change():
    assert kinds("content/2024/x.md") == {Change.CONTENT}
    assert kinds("content/2024/images/a.svg") == {Change.CONTENT}
    assert kinds("templates/article.html") == {Change.TEMPLATES}
    assert kinds("themes/default/templates/base.html", "themes/default/i18n/ar.toml") == {Change.TEMPLATES}
    assert kinds("static/css/extra.css", "themes/default/static/css/style.css") == {Change.STATIC}
    assert kinds("site.toml") == {Change.CONFIG}
    assert kinds("content/a.md", "site.toml") == {Change.CONTENT, Change.CONFIG}


def test_editor_temp_files_and_output_are_ignored():
    assert kinds("content/.x.md.swp", "content/x.md~", "content/.#x.md", "content/#x.md#", "content/4913") == set()
    assert kinds("site/index.html", ".ssg-cache/state", "content/.git/HEAD", "README.md") == set()
    assert is_editor_temp("4913") and not is_editor_temp("story.md")


def test_css_only_changes():
    css = Changes(frozenset({Change.STATIC}), frozenset({ROOT / "static/a.css", ROOT / "static/.a.css.swp"}))
    assert css.css_only
    assert not Changes(frozenset({Change.STATIC}), frozenset({ROOT / "static/a.js"})).css_only
    assert not Changes(frozenset({Change.STATIC, Change.CONTENT}), frozenset({ROOT / "static/a.css"})).css_only
