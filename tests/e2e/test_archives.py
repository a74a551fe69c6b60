"""Archives made for Jekyll, Hugo and Gatsby (tests/fixtures/archives, each written the way
its generator's users write, with the URLs the generator gives its posts listed by hand in
expected-urls.txt): built in place, and imported then built, every post is at its old
URL, no template syntax is shown without a warning, and nothing links nowhere."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from ssg.build import build
from ssg.commands.check import check_site
from ssg.commands.importer import import_archive
from ssg.errors import BuildFailed, CommandError
from tests.conftest import REPO
from tests.e2e.rebuilds import edit, tree
from tests.helpers import parse_html

ARCHIVES = REPO / "tests" / "fixtures" / "archives"
GENERATORS = ("jekyll", "hugo", "gatsby")
ARTICLES = {"jekyll": 4, "hugo": 3, "gatsby": 3}
TEMPLATE_SYNTAX = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{:[^}]*\}|<[A-Z][\w.]*[\s/>]")
# The notes whose constructs stay on the page as text (a warning says so).
SHOWN_AS_TEXT = {"liquid", "template", "shortcode", "wordpress", "component", "include"}


def listed(archive: str, name: str) -> list[str]:
    lines = (ARCHIVES / archive / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def output_file(site: Path, url: str, base_path: str) -> Path:
    path = unquote(url).removeprefix(base_path)
    return site / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha1()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def outside_code(html: str) -> str:
    """An article page's body without its code, which shows template syntax on purpose."""
    body = html.split('<div class="article-body', 1)[1].split("</div>", 1)[0]
    return re.sub(r"<pre\b.*?</pre>|<code\b.*?</code>", "", body, flags=re.DOTALL)


def assert_archive_built(site: Path, report, archive: str, content_prefix: str = "") -> None:
    base_path = urlsplit(report.site.config.base_url).path.rstrip("/")
    for url in listed(archive, "expected-urls.txt"):
        assert output_file(site, url, base_path).is_file(), f"{url} is missing"
    articles = {article.url: article for article in report.site.articles}
    assert {unquote(url) for url in articles} <= {unquote(url) for url in listed(archive, "expected-urls.txt")}
    warned = {(note.path, note.kind) for note in report.notes}
    expected = {line.replace("content/", content_prefix, 1) if content_prefix and line.startswith("_posts/")
                else line for line in listed(archive, "expected-warnings.txt")}
    # The fixtures' pictures are 16×9 thumbnails: each also warns that it is too small for
    # link previews (tests/e2e/test_pictures.py), which these lists leave out.
    assert {f"{note.path}:{note.line}" for note in report.notes if note.kind != "small"} == expected
    for article in report.site.articles:
        html = output_file(site, article.url, base_path).read_text(encoding="utf-8")
        source = (site.parent / article.source).read_text(encoding="utf-8")
        quoted = re.findall(r"\{% raw %\}(.*?)\{% endraw %\}", source, re.DOTALL)   # literal on purpose
        leftovers = [found for found in TEMPLATE_SYNTAX.findall(outside_code(html))
                     if not any(found in text for text in quoted)]
        if leftovers:
            assert any((article.source, kind) in warned for kind in SHOWN_AS_TEXT), \
                f"{article.source} shows {leftovers} without a warning"
    assert check_site(site, report.site.config.base_url) == []


@pytest.mark.parametrize("archive", GENERATORS)
def test_an_archive_builds_in_place_at_its_old_urls(archive, tmp_path):
    root = tmp_path / archive
    shutil.copytree(ARCHIVES / archive, root)
    report = build(root, use_cache=False)
    assert report.articles == ARTICLES[archive]
    assert_archive_built(root / "site", report, archive)


@pytest.mark.parametrize("archive", GENERATORS)
def test_an_imported_archive_builds_the_same_urls_and_leaves_its_source_alone(archive, tmp_path):
    before = tree_digest(ARCHIVES / archive)
    report = import_archive(archive, ARCHIVES / archive, tmp_path / "site")
    assert tree_digest(ARCHIVES / archive) == before
    assert report.articles == ARTICLES[archive] and (tmp_path / "site" / "site.toml").is_file()
    built = build(tmp_path / "site", use_cache=False)
    expected = [line.replace("_posts/", "content/", 1) for line in listed(archive, "expected-warnings.txt")]
    assert sorted(f"{n.path}:{n.line}" for n in built.notes if n.kind != "small") == sorted(expected)
    report_lines = "\n".join(report.lines())
    for line in expected:
        if not line.endswith(":1"):              # a page is listed by name, not as a note
            assert line in report_lines


def test_import_refuses_a_folder_that_is_not_the_named_generators_or_a_destination_in_use(tmp_path):
    with pytest.raises(CommandError, match="is not a hugo archive: ssg import hugo needs a hugo.toml"):
        import_archive("hugo", ARCHIVES / "jekyll", tmp_path / "x")
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "keep.txt").write_text("x")
    with pytest.raises(CommandError, match="is not empty"):
        import_archive("jekyll", ARCHIVES / "jekyll", tmp_path / "used")
    assert (tmp_path / "used" / "keep.txt").read_text() == "x"
    assert [p.name for p in tmp_path.iterdir()] == ["used"]      # nothing half made beside it


def test_jekyll_highlight_with_php_and_html_is_code_not_a_live_form(tmp_path):
    root = tmp_path / "jekyll"
    shutil.copytree(ARCHIVES / "jekyll", root)
    build(root, use_cache=False)
    html = (root / "site" / "Hello-World" / "index.html").read_text(encoding="utf-8")
    assert '<code class="language-php">&lt;?php' in html
    assert "&lt;form action=&quot;upload.php&quot;" in html and "#include &lt;iostream&gt;" in html
    body = html.split('<div class="article-body', 1)[1].split("</article>", 1)[0]
    assert "<form" not in outside_code(html) and "<input" not in body
    assert '<nav class="toc"><ul><li><a href="#لماذا-أكتب">' in html
    assert '<p dir="auto" class="notice">' in html
    assert '<img src="/blog/assets/images/street.png" alt="شارع مبلل بالمطر" width="16" height="9"' in html


@pytest.mark.parametrize("archive, page, picture", [
    ("jekyll", "Hello-World/index.html", "https://rasif.example.org/blog/assets/images/street.png"),
    ("jekyll", "مقهى-الحي/index.html", "https://rasif.example.org/blog/assets/images/cover.png"),
    ("hugo", "2024/03/رحلة-إلى-البتراء/index.html", "https://souq.example.org/posts/first-trip/petra.png"),
    ("hugo", "2024/04/market-day/index.html", "https://souq.example.org/images/market.png"),
    ("gatsby", "تطوير-الويب/جافاسكربت/كيف-أبدأ؟/index.html", "https://hibr.example.org/images/thumb.png"),
])
def test_the_generators_picture_keys_reach_the_article_and_its_share_card(archive, page, picture, tmp_path):
    """feature (Jekyll themes), image: {path} (Jekyll SEO), cover: {image} (Hugo themes), thumbnail (Gatsby)."""
    root = tmp_path / archive
    shutil.copytree(ARCHIVES / archive, root)
    build(root, use_cache=False)
    html = (root / "site" / page).read_text(encoding="utf-8")
    origin = "https://" + urlsplit(picture).netloc
    shown = re.search(r'<figure class="main-figure">\s*<img src="([^"]+)" width="16" height="9"', html)
    assert shown and origin + shown.group(1) == picture
    assert (root / "site" / unquote(urlsplit(picture).path).lstrip("/").removeprefix("blog/")).is_file()
    # 16×9 pixels is too small for a link preview: a share card instead.
    assert "/cards/" in parse_html(html).meta["og:image"]


def test_an_edited_include_or_title_rebuilds_what_prints_it_as_a_clean_build_would(tmp_path):
    root = tmp_path / "jekyll"
    shutil.copytree(ARCHIVES / "jekyll", root)
    build(root)
    include = root / "_includes" / "image.html"
    edit(include, include.read_text(encoding="utf-8").replace("post-image", "wide-image"))
    build(root)
    assert 'class="wide-image"' in (root / "site" / "Hello-World" / "index.html").read_text(encoding="utf-8")
    settings = root / "_config.yml"
    edit(settings, settings.read_text(encoding="utf-8").replace("title: مدونة الرصيف", "title: رصيف"))
    build(root)
    build(root, tmp_path / "clean", use_cache=False)
    page = (root / "site" / "Hello-World" / "index.html").read_text(encoding="utf-8")
    assert 'class="wide-image"' in page and "يجمع بينهما في رصيف" in page
    assert tree(root / "site") == tree(tmp_path / "clean")


def test_links_by_name_resolve_or_warn_on_their_line_also_after_a_body_edit(make_site, tmp_path):
    from tests.helpers import article
    root = make_site({
        "content/_posts/2020-01-01-first.md": article("أول", body="[التالي](second) و[مفقود](missing)"),
        "content/index-of-tags.md": article("فهرس", body="[الوسوم](tags) هنا: صفحة الموقع، لا مقال"),
        "content/_posts/2020-01-02-second.md": article(
            "ثان", slug="second",
            body="[عودة]({% post_url 2020-01-01-first %}) [لا شيء]({% post_url 1999-01-01-none %})"),
        "content/_posts/gallery.png": "x",
    }, 'title = "م"\nbase_url = "https://example.org/"\npermalink = "/{slug}/"\nsearch = false\n')
    report = build(root, tmp_path / "out")
    assert sorted(str(note) for note in report.notes) == [
        "content/_posts/2020-01-01-first.md:6: links to «missing», which is neither an article nor a file here",
        "content/_posts/2020-01-02-second.md:7: links to «1999-01-01-none», which is no article here "
        "(a file name, with or without its date, or a slug)",
    ]
    first = (tmp_path / "out" / "first" / "index.html").read_text(encoding="utf-8")
    assert '<a href="/second/">التالي</a>' in first
    assert '<a href="/first/">عودة</a>' in (tmp_path / "out" / "second" / "index.html").read_text(encoding="utf-8")
    edit(root / "content/_posts/2020-01-01-first.md", article("أول", body="نص\n\n[ثالث](third)"))
    report = build(root, tmp_path / "out")
    assert [str(n) for n in report.notes][0] == \
        "content/_posts/2020-01-01-first.md:8: links to «third», which is neither an article nor a file here"


def test_import_copies_a_link_as_a_link_which_the_build_refuses_when_it_leads_out(tmp_path):
    archive = tmp_path / "blog"
    shutil.copytree(ARCHIVES / "jekyll", archive)
    secret = tmp_path / "secret.txt"
    secret.write_text("not for publishing", encoding="utf-8")
    (archive / "assets" / "leak.txt").symlink_to(secret)
    import_archive("jekyll", archive, tmp_path / "site")
    copied = tmp_path / "site" / "static" / "assets" / "leak.txt"
    assert copied.is_symlink()
    with pytest.raises(BuildFailed) as failed:
        build(tmp_path / "site", use_cache=False)
    assert f"static/assets/leak.txt: a link to {secret}, outside" in failed.value.report()
    assert not (tmp_path / "site" / "site" / "assets" / "leak.txt").exists()


def test_the_import_report_lists_constructs_left_as_written_and_nothing_else(tmp_path):
    archive = tmp_path / "blog"
    shutil.copytree(ARCHIVES / "jekyll", archive)
    post = archive / "_posts" / "2019-02-14-What's-New.md"
    post.write_text(post.read_text(encoding="utf-8") + "\n![](/assets/images/gone.png)\n", encoding="utf-8")
    report = import_archive("jekyll", archive, tmp_path / "site")
    assert report.notes == ["content/2018-11-20-Code-Notes.md:17: Liquid tag `{% if %}` has no equivalent here: "
                            "shown as written"]
