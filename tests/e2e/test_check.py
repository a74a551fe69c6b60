"""`ssg check` over built sites: each kind of problem is found and named with its page."""

from __future__ import annotations

import subprocess
import sys
import time

from ssg.build import build
from ssg.commands.check import check_site
from tests.conftest import REPO
from tests.helpers import article

CANONICAL_COPY = """<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>نسخة</title>
<meta name="description" content="نسخة"><link rel="canonical" href="https://example.org/2024/09/x/"></head>
<body><p>نسخة</p></body></html>
"""


def ssg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ssg", *args], capture_output=True, text=True)


def test_check_reports_each_problem_with_its_page(make_site):
    root = make_site({
        "content/x.md": article("قمة", "2024-09-13", slug="x", summary='"ملخص"',
                                body="[مقال مفقود](/2024/09/missing/) و[فقرة](#nowhere)\n\n![صورة](images/nope.png)"),
        "content/y.md": article("آخر", "2024-09-12", slug="y", summary='"ملخص"', body="[قمة](x.md#no-such-id)"),
        "content/copy/index.html": CANONICAL_COPY,
    })
    build(root)
    result = ssg("check", "-s", str(root))
    assert result.returncode == 1
    out = result.stdout
    assert "2024/09/x/index.html: broken link /2024/09/missing/ (no such file)" in out
    assert "2024/09/x/index.html: broken image /images/nope.png (no such file)" in out
    assert "2024/09/x/index.html: broken anchor #nowhere" in out
    assert "2024/09/y/index.html: broken anchor /2024/09/x/#no-such-id" in out
    assert "copy/index.html: claims the same URL https://example.org/2024/09/x/ as 2024/09/x/index.html" in out
    assert "2024/09/x/index.html: claims the same URL" in out
    assert "problems" in result.stderr


def test_check_finds_missing_metadata_and_feeds_listing_missing_pages(make_site):
    root = make_site({"content/x.md": article("قمة", "2024-09-13", slug="x", summary='"ملخص"')})
    build(root)
    site = root / "site"
    page = site / "2024/09/x/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace('<link rel="canonical"', '<link rel="x-canonical"')
                    .replace('<meta name="description"', '<meta name="x"'), encoding="utf-8")
    (site / "tags").mkdir(exist_ok=True)
    (site / "2024/09/index.html").unlink()
    found = [str(p) for p in check_site(site, "https://example.org/")]
    assert '2024/09/x/index.html: has no <link rel="canonical">' in found
    assert '2024/09/x/index.html: has no <meta name="description">' in found
    assert "sitemap.xml: lists https://example.org/2024/09/, which is missing" in found


def test_sample_archive_passes_check_quickly(sample_site):
    started = time.perf_counter()
    problems = check_site(sample_site, "https://archive.example.org/")
    assert problems == []
    assert time.perf_counter() - started < 10


def test_check_without_a_build_says_so(make_site):
    root = make_site({"content/x.md": article()})
    result = ssg("check", "-s", str(root))
    assert result.returncode == 1 and "run `ssg build` first" in result.stdout


def test_check_of_a_sub_path_site(make_site):
    root = make_site({"content/x.md": article("قمة", "2024-09-13", slug="x", summary='"م"', body="[a](/about/)")},
                     'title = "t"\nbase_url = "https://example.org/archive/"\n')
    build(root)
    found = [str(p) for p in check_site(root / "site", "https://example.org/archive/")]
    assert found == ["2024/09/x/index.html: broken link /archive/about/ (no such file)"]
    assert REPO.exists()


def test_check_finds_pictures_without_sizes_and_missing_variants(make_site):
    from tests.helpers import photo
    root = make_site({
        "content/x.md": article("قمة", "2024-09-13", slug="x", summary='"ملخص"', image="photo.jpg"),
        "content/hand/index.html": CANONICAL_COPY.replace("<p>نسخة</p>", '<p><img src="/photo.jpg" alt=""></p>')
                                                 .replace("2024/09/x/", "hand/"),
    })
    (root / "content" / "photo.jpg").write_bytes(photo(1000, 600))
    build(root)
    problems = [str(p) for p in check_site(root / "site", "https://example.org/")]
    assert problems == ["hand/index.html: image /photo.jpg has no width and height (the page shifts as it loads; "
                        "ssg writes them for the pictures it publishes)"]
    [variant] = (root / "site").glob("photo-480w.*.webp")
    variant.unlink()
    problems = [str(p) for p in check_site(root / "site", "https://example.org/")]
    assert f"2024/09/x/index.html: broken image /{variant.name} (no such file)" in problems
