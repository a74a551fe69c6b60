"""`ssg import wordpress` on an export written for the project (tests/fixtures/wordpress):
what it imports and reports, the built site at the old URLs with its pictures, what is
refused (an XML bomb, an external entity, a folder not empty), and that the inputs are
only read and two imports are alike byte for byte."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote

import pytest

from ssg.build import build
from ssg.commands.check import check_site
from ssg.commands.wordpress import import_wordpress
from ssg.errors import CommandError
from tests.conftest import TESTS
from tests.e2e.test_archives import tree_digest
from tests.helpers import photo

FIXTURE = TESTS / "fixtures" / "wordpress"
EXPORT = FIXTURE / "export.xml"
LIBRARY = "/2023/04/افتتاح-المكتبة/"
FESTIVAL = "/2023/05/reading-festival/"


@pytest.fixture
def uploads(tmp_path) -> Path:
    """The fixture's uploads with the one picture it leaves out (stage.jpg) put back."""
    folder = tmp_path / "uploads"
    shutil.copytree(FIXTURE / "uploads", folder)
    (folder / "2023/05/stage.jpg").write_bytes(photo(1200, 800, private=False))
    return folder


def page(site: Path, url: str) -> str:
    return (site / url.strip("/") / "index.html").read_text(encoding="utf-8")


def test_the_export_imports_with_its_report(tmp_path, uploads):
    before = tree_digest(FIXTURE)
    report = import_wordpress(EXPORT, tmp_path / "site", uploads)
    assert tree_digest(FIXTURE) == before, "the export and the uploads are only read"
    assert (report.articles, report.pages, report.drafts) == (4, 1, 2)
    assert report.permalink == "/%year%/%monthnum%/%postname%/"
    assert dict(report.skipped) == {"attachments": 3, "menu items": 1, "revisions": 1}
    assert report.protected == ["post 105 «تقرير للمشتركين»"]
    assert report.pictures == 3 and report.missing == {}
    assert dict(report.converted) == {"caption": 1, "embed": 1, "gallery": 1}
    assert [note.split(": ", 1)[1] for note in report.notes] == [
        "shortcode [poll] has no equivalent here: shown as text",
        "a <script> was left out: a static archive runs no post's scripts",
        "a frame from ads.example.net was left out (not a known player)"]
    assert "password-protected, not imported (1): post 105 «تقرير للمشتركين»" in report.lines()
    content = tmp_path / "site" / "content"
    assert not any("subscribers" in path.name for path in content.rglob("*.md")), "never published, never written"
    library = (content / "2023" / "افتتاح-المكتبة.md").read_text(encoding="utf-8")
    assert "slug: افتتاح-المكتبة\n" in library and "author: سارة الحلبي\n" in library
    assert "date: '2023-04-11T10:30:00+03:00'" in library
    assert "image: /wp-content/uploads/2023/04/library.jpg" in library
    assert "tags:\n- مكتبات\n- Books\n" in library and "image_alt: واجهة المكتبة الحجرية" in library
    assert "categories:\n- محلي\n- ثقافة\n" in library, "a child category comes with its parent"
    assert "[تقريرنا عن مهرجان القراءة](/2023/05/reading-festival/)" in library, "a ?p= link leads to the post"
    assert "| السبت إلى الخميس | 8:00 - 20:00 |" in library
    assert "draft: true" in (content / "2023" / "internal-notes.md").read_text(encoding="utf-8"), "private: a draft"


def test_the_imported_site_serves_every_post_at_its_old_url_with_its_pictures(tmp_path, uploads):
    import_wordpress(EXPORT, tmp_path / "site", uploads)
    report = build(tmp_path / "site")
    site = tmp_path / "site" / "site"
    assert report.articles == 3, "two posts and the page; the drafts wait"
    library, festival = page(site, LIBRARY), page(site, FESTIVAL)
    assert 'src="/wp-content/uploads/2023/04/library.jpg" alt="واجهة المكتبة بعد الترميم" width="1200" height="675"' \
        in library, "the resized copy the post showed (800x450) is the original, sized by ssg"
    assert "<figcaption>واجهة المكتبة بعد الترميم. تصوير: قسم التصوير</figcaption>" in library
    assert 'href="/2023/05/reading-festival/"' in library
    assert "youtube-nocookie.com/embed/dQw4w9WgXcQ" in festival and "<script>alert" not in festival
    assert "ads.example.net" not in festival and "students.jpg" in festival and "stage.jpg" in festival
    assert "صحيفة محلية" in page(site, "/about/")
    for html in (library, festival):
        assert "<!-- wp:" not in html and "[caption" not in html and "[gallery" not in html
    assert not (site / "2023/05/internal-notes").exists()
    assert check_site(site, "https://daffa.example.org/") == []
    redirects = (site / "_redirects").read_text(encoding="utf-8")
    assert "/ p=102 /2023/05/reading-festival/ 301" in redirects and "p=104" not in redirects, "no private post"
    # WordPress's archives (/category/x/, /category/parent/child/, /tag/y/) lead to ssg's pages.
    for old in ("category/ثقافة", "category/محلي/ثقافة", "category/محلي", "tag/books", "tag/قراءة"):
        target = re.search(r'url=([^"]+)"', (site / old / "index.html").read_text(encoding="utf-8")).group(1)
        assert (site / unquote(target).strip("/") / "index.html").is_file(), (old, target)
    assert "map $arg_p $wordpress_post" in (tmp_path / "site" / "wordpress-redirects.nginx").read_text(encoding="utf-8")


def test_pictures_not_in_the_uploads_are_listed_with_the_articles_that_show_them(tmp_path):
    report = import_wordpress(EXPORT, tmp_path / "with", FIXTURE / "uploads")
    assert report.missing == {"wp-content/uploads/2023/05/stage.jpg": ["content/2023/reading-festival.md"]}
    bare = import_wordpress(EXPORT, tmp_path / "without")
    assert bare.pictures == 0 and sorted(bare.missing) == [
        "wp-content/uploads/2023/04/library-800x450.jpg", "wp-content/uploads/2023/04/library.jpg",
        "wp-content/uploads/2023/05/stage.jpg", "wp-content/uploads/2023/05/students.jpg"]


def test_two_imports_are_alike_byte_for_byte(tmp_path, uploads):
    import_wordpress(EXPORT, tmp_path / "one", uploads)
    import_wordpress(EXPORT, tmp_path / "two", uploads)
    assert tree_digest(tmp_path / "one") == tree_digest(tmp_path / "two")


def test_an_xml_bomb_or_an_external_entity_is_refused_at_once(tmp_path):
    started = time.perf_counter()
    with pytest.raises(CommandError, match="declares entities or a DTD .*refused, nothing imported"):
        import_wordpress(FIXTURE / "bomb.xml", tmp_path / "bomb")
    assert time.perf_counter() - started < 1 and not (tmp_path / "bomb").exists()
    external = tmp_path / "external.xml"
    external.write_text('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
                        "<rss><channel><title>&secret;</title></channel></rss>\n", encoding="utf-8")
    with pytest.raises(CommandError, match="refused"):
        import_wordpress(external, tmp_path / "external")
    assert not list(tmp_path.glob(".external*")), "no work folder left behind"


def test_what_is_not_an_export_or_a_folder_not_empty_is_refused(tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("x", encoding="utf-8")
    with pytest.raises(CommandError, match="is not empty"):
        import_wordpress(EXPORT, tmp_path / "full")
    page_file = tmp_path / "page.xml"
    page_file.write_text("<html><body>not an export</body></html>", encoding="utf-8")
    with pytest.raises(CommandError, match="is not a WordPress export"):
        import_wordpress(page_file, tmp_path / "page")
    broken = tmp_path / "broken.xml"
    broken.write_text("<rss><channel><title>x</channel></rss>", encoding="utf-8")
    with pytest.raises(CommandError, match="not well-formed XML"):
        import_wordpress(broken, tmp_path / "broken")


def test_the_command_prints_the_report_and_no_pages_leaves_them_out(tmp_path):
    result = subprocess.run([sys.executable, "-m", "ssg", "import", "wordpress", str(EXPORT), str(tmp_path / "site"),
                             "--uploads", str(FIXTURE / "uploads"), "--no-pages"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "imported 4 articles and 0 pages from صحيفة الضفة" in result.stdout
    assert "skipped: 3 attachments, 1 menu items, 1 pages (--no-pages), 1 revisions" in result.stdout
    assert "wp-content/uploads/2023/05/stage.jpg: content/2023/reading-festival.md" in result.stdout
    wrong = subprocess.run([sys.executable, "-m", "ssg", "import", "jekyll", str(FIXTURE), "--uploads", "x"],
                           capture_output=True, text=True)
    assert wrong.returncode != 0 and "are for ssg import wordpress" in wrong.stderr
