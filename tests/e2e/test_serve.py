"""`ssg serve` in a subprocess, tested with real HTTP requests."""

from __future__ import annotations

import concurrent.futures
import signal
import shutil
import socket
import subprocess
import sys
import threading
import time
from urllib.parse import quote

import pytest

from tests.helpers import article
from tests.serving import get, running_server, wait_for

@pytest.fixture
def site(make_site):
    return make_site({
        "content/x.md": article("العنوان الأول", "2024-09-13", slug="x", tags="[المياه]"),
        "content/y.md": article("مقال آخر", "2024-09-10", slug="y", tags="[المياه]"),
        "static/app.webmanifest": '{"name": "ssg"}',
        "static/font.woff2": "wOF2",
        "static/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>',
    })


def test_serves_home_with_live_reload_and_leaves_files_untouched(site, tmp_path):
    with running_server(site, tmp_path) as (url, process, temp, output):
        status, headers, body = get(url, "/")
        assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
        assert b'<script src="/__ssg/live.js"' in body and headers["cache-control"] == "no-store"
        [served] = list(temp.glob("ssg-serve-*/site"))
        assert b"__ssg" not in (served / "index.html").read_bytes()
        assert not (site / "site").exists(), "the preview never writes over site/"
        status, headers, script = get(url, "/__ssg/live.js")
        assert status == 200 and b"EventSource" in script


def test_pretty_urls_arabic_paths_404_and_content_types(site, tmp_path):
    with running_server(site, tmp_path) as (url, *_):
        assert get(url, "/2024/09/x/")[0] == 200
        status, headers, _ = get(url, "/2024/09/x")
        assert status == 301 and headers["location"] == "/2024/09/x/"
        status, _, body = get(url, "/tags/" + quote("المياه") + "/")
        assert status == 200 and "المياه".encode() in body
        status, headers, body = get(url, "/no/such/page/")
        assert status == 404 and "الصفحة غير موجودة".encode() in body
        assert headers["content-type"].startswith("text/html")
        expected = {"/feed.xml": "application/atom+xml", "/sitemap.xml": "application/xml",
                    "/logo.svg": "image/svg+xml", "/app.webmanifest": "application/manifest+json",
                    "/font.woff2": "font/woff2", "/robots.txt": "text/plain"}
        for path, kind in expected.items():
            status, headers, _ = get(url, path)
            assert status == 200 and headers["content-type"].startswith(kind), (path, headers)
        assert get(url, "/2024/09/x/", "HEAD")[0] == 200


def test_edit_rebuild_overlay_and_recovery(site, tmp_path):
    story = site / "content" / "x.md"
    with running_server(site, tmp_path) as (url, process, temp, output):
        assert "العنوان الأول".encode() in get(url, "/2024/09/x/")[2]
        started = time.monotonic()
        story.write_text(article("عنوان جديد بعد الحفظ", "2024-09-13", slug="x"), encoding="utf-8")
        wait_for(lambda: "عنوان جديد بعد الحفظ".encode() in get(url, "/2024/09/x/")[2])
        assert time.monotonic() - started < 5

        story.write_text("---\ntitle: [broken\ndate: 2024-09-13\n---\n", encoding="utf-8")
        body = wait_for(lambda: (b := get(url, "/2024/09/x/")[2]) and b'id="ssg-error-overlay"' in b and b)
        assert b"content/x.md:2" in body and "broken YAML".encode() in body, "names the file and line"
        assert "عنوان جديد بعد الحفظ".encode() in body, "the last good build is still served"
        assert 'lang="ar" dir="rtl"'.encode() in body[body.index(b"ssg-error-overlay"):][:200]
        assert b'id="ssg-error-overlay"' in get(url, "/")[2], "every page shows the overlay"

        story.write_text(article("عاد سليمًا", "2024-09-13", slug="x"), encoding="utf-8")
        body = wait_for(lambda: (b := get(url, "/2024/09/x/")[2]) and "عاد سليمًا".encode() in b and b)
        assert b"ssg-error-overlay" not in body
    printed = "".join(output)
    assert printed.count("broken YAML front-matter") == 1, printed
    assert "Traceback" not in printed


def test_a_rebuild_that_raises_an_unexpected_error_shows_it_and_the_next_save_rebuilds(site, tmp_path):
    """Not a build error: a named pipe in content/, which shutil refuses to copy. The server
    keeps serving the last good build with the overlay, and rebuilds on the next save."""
    import os
    pipe = site / "content" / "pipe.txt"
    with running_server(site, tmp_path) as (url, process, temp, output):
        assert "العنوان الأول".encode() in get(url, "/2024/09/x/")[2]
        os.mkfifo(pipe)
        body = wait_for(lambda: (b := get(url, "/2024/09/x/")[2]) and b'id="ssg-error-overlay"' in b and b)
        assert b"pipe.txt" in body, "names the file"
        assert "العنوان الأول".encode() in body, "the last good build is still served"
        started = time.monotonic()
        assert get(url, "/")[0] == 200 and time.monotonic() - started < 5, "requests do not hang"

        pipe.unlink()
        (site / "content" / "x.md").write_text(article("عاد سليمًا", "2024-09-13", slug="x"), encoding="utf-8")
        body = wait_for(lambda: (b := get(url, "/2024/09/x/")[2]) and "عاد سليمًا".encode() in b and b)
        assert b"ssg-error-overlay" not in body
    assert "Traceback" not in "".join(output)


def test_a_template_made_while_serving_is_watched(site, tmp_path):
    template = site / "templates" / "article.html"
    with running_server(site, tmp_path) as (url, *_):
        template.parent.mkdir()
        template.write_text("{% extends 'base.html' %}{% block main %}<p>قالب أول</p>{% endblock %}", encoding="utf-8")
        wait_for(lambda: "قالب أول".encode() in get(url, "/2024/09/x/")[2])
        template.write_text("{% extends 'base.html' %}{% block main %}<p>قالب ثان</p>{% endblock %}", encoding="utf-8")
        wait_for(lambda: "قالب ثان".encode() in get(url, "/2024/09/x/")[2])


def test_requests_never_escape_the_served_folder(site, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    with running_server(site, tmp_path) as (url, process, temp, output):
        [served] = list(temp.glob("ssg-serve-*/site"))
        (served / "escape").symlink_to(secret)
        (served / "escape-dir").symlink_to(tmp_path)
        attempts = ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "//etc/passwd", "/%2E%2E%2Fsecret.txt",
                    "/..%2f..%2fetc/passwd", "/escape", "/escape-dir/secret.txt", "/2024/../../secret.txt",
                    "/%00", "/..\\..\\etc\\passwd", "/" + str(secret)]
        for path in attempts:
            status, _, body = get(url, path)
            assert status in (403, 404), (path, status)
            assert b"TOP-SECRET" not in body and b"root:" not in body, path


def test_concurrent_clients_during_rebuilds_get_whole_pages(site, tmp_path):
    story = site / "content" / "y.md"
    with running_server(site, tmp_path) as (url, process, temp, output):
        paths = ["/", "/2024/09/x/", "/2024/09/y/", "/tags/" + quote("المياه") + "/", "/missing/"]
        stop_editing = threading.Event()

        def edit():
            for n in range(5):
                story.write_text(article(f"تعديل رقم {n}", "2024-09-10", slug="y", tags="[المياه]"), encoding="utf-8")
                time.sleep(0.4)
            stop_editing.set()

        def request(n: int) -> tuple[str, int, bytes, dict]:
            path = paths[n % len(paths)]
            status, headers, body = get(url, path)
            return path, status, body, headers

        editor = threading.Thread(target=edit)
        editor.start()
        with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
            results = list(pool.map(request, range(1000)))
        editor.join()
        for path, status, body, headers in results:
            assert int(headers["content-length"]) == len(body)
            if path == "/missing/":
                assert status == 404
            else:
                assert status == 200, (path, status)
                assert body.rstrip().endswith(b"</html>") and b"</body>" in body, path
        wait_for(lambda: "تعديل رقم 4".encode() in get(url, "/2024/09/y/")[2])
        assert sum("rebuilt" in line for line in output) >= 1


def test_port_in_use_is_a_clear_error(site):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "ssg", "serve", "-s", str(site), "--port", str(port)],
                                capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert f"port {port} on 127.0.0.1 is in use" in result.stderr and "--port 0" in result.stderr
    assert "Traceback" not in result.stderr


def test_ctrl_c_stops_cleanly_and_removes_the_temporary_folder(site, tmp_path):
    with running_server(site, tmp_path) as (url, process, temp, output):
        assert list(temp.glob("ssg-serve-*"))
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
    assert list(temp.iterdir()) == []


def test_a_site_under_a_sub_path(make_site, tmp_path):
    root = make_site({"content/x.md": article("قمة", "2024-09-13", slug="x")},
                     'title = "أرشيف"\nbase_url = "https://example.org/archive/"\n')
    with running_server(root, tmp_path) as (url, *_):
        assert url.endswith("/archive/")
        base = url.rsplit("/archive/", 1)[0]
        status, headers, _ = get(base, "/")
        assert status == 301 and headers["location"] == "/archive/"
        status, _, body = get(base, "/archive/2024/09/x/")
        assert status == 200 and b'href="/archive/' in body
        assert get(base, "/2024/09/x/")[0] == 404


def test_an_edit_on_the_sample_archive_is_served_within_two_seconds(tmp_path):
    from tests.conftest import REPO
    root = tmp_path / "sample"
    root.mkdir()
    shutil.copy(REPO / "site.toml", root / "site.toml")
    shutil.copytree(REPO / "content", root / "content")
    story = root / "content" / "2024" / "shipping-insurance.md"
    path = "/2024/09/shipping-insurance-costs/"
    with running_server(root, tmp_path) as (url, *_):
        assert get(url, path)[0] == 200
        text = story.read_text(encoding="utf-8")
        started = time.monotonic()
        story.write_text(text.replace("ارتفاع أقساط التأمين البحري", "عنوان معدّل للاختبار", 1), encoding="utf-8")
        wait_for(lambda: "عنوان معدّل للاختبار".encode() in get(url, path)[2], timeout=10)
        assert time.monotonic() - started < 2.0
