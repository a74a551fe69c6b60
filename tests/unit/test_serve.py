"""The preview server's pieces without sockets: path safety, injection, overlay."""

from ssg.errors import SiteError
from ssg.commands.server import PreviewStatus, content_type, inject, safe_file


def test_safe_file_maps_pretty_urls(tmp_path):
    (tmp_path / "2024" / "x").mkdir(parents=True)
    (tmp_path / "2024" / "x" / "index.html").write_text("page")
    (tmp_path / "مهرجان").mkdir()
    (tmp_path / "مهرجان" / "index.html").write_text("arabic")
    assert safe_file(tmp_path, "/2024/x/") == ("file", (tmp_path / "2024/x/index.html").resolve())
    assert safe_file(tmp_path, "/2024/x") == ("redirect", None)
    assert safe_file(tmp_path, "/مهرجان/")[0] == "file"
    assert safe_file(tmp_path, "/2024/")[0] == "missing"


def test_safe_file_refuses_everything_outside(tmp_path):
    served = tmp_path / "site"
    served.mkdir()
    (tmp_path / "secret").write_text("secret")
    (served / "link").symlink_to(tmp_path / "secret")
    (served / "dir-link").symlink_to(tmp_path)
    for path in ("/../secret", "/a/../../secret", "/link", "/dir-link/secret", "/\x00", "/..\\secret",
                 str(tmp_path / "secret")):
        assert safe_file(served, path) == ("missing", None), path


def test_inject_adds_script_and_overlay_in_the_pages_language():
    page = b'<!doctype html><html lang="ar" dir="rtl"><body><p>x</p></body></html>'
    state = PreviewStatus()
    assert inject(page, state).endswith(b'<script src="/__ssg/live.js" data-version="0"></script></body></html>')
    state.finish_build([SiteError("content/x.md", 3, "broken <YAML>", "fix it")])
    shown = inject(page, state).decode()
    assert 'id="ssg-error-overlay" role="alert" lang="ar" dir="rtl"' in shown
    assert "تعذّر بناء الموقع" in shown and "content/x.md:3" in shown and "broken &lt;YAML&gt;" in shown


def test_content_types():
    from pathlib import Path
    assert content_type(Path("feed.xml")) == "application/atom+xml; charset=utf-8"
    assert content_type(Path("sitemap.xml")) == "application/xml; charset=utf-8"
    assert content_type(Path("a.woff2")) == "font/woff2"
    assert content_type(Path("a.webmanifest")) == "application/manifest+json"
