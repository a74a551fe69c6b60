"""Web fonts in a build: subset, self-hosted, preloaded, swapped; off with web_fonts = false."""

from __future__ import annotations

import re
import shutil

import pytest

import ssg.webfonts.subset
from ssg.build import build
from ssg.fontfiles import find_family
from ssg.webfonts.stage import ARABIC_FAMILIES
from tests.helpers import article, require_tool

SITE = 'title = "موقع"\nbase_url = "https://example.org/archive/"\nsearch = false\nshare_cards = "none"\n'
TEXT = "نص عربي مع اسم Elena Petrova في وسطه."


@pytest.fixture(scope="module")
def naskh_bold():
    found = find_family(ARABIC_FAMILIES[:1], "bold", lang="ar")
    require_tool(found is not None, "Noto Naskh Arabic (Debian: fonts-noto-core)")
    return found


def codes(ranges: str) -> set[int]:
    """The code points of a CSS unicode-range."""
    found = set()
    for part in ranges.split(","):
        first, _, last = part.strip().removeprefix("U+").partition("-")
        found.update(range(int(first, 16), int(last or first, 16) + 1))
    return found


def read(root, path):
    return (root / "site" / path).read_text(encoding="utf-8")


def test_pages_preload_the_arabic_faces_and_declare_every_face_with_swap(make_site, naskh_bold):
    root = make_site({"content/a.md": article("خبر", "2024-09-13", slug="a", body=TEXT)}, SITE)
    build(root)
    files = sorted(p.name for p in (root / "site/fonts").iterdir())
    assert [re.sub(r"\.\w{10}\.", ".", name) for name in files] == [
        "arabic-400.woff2", "arabic-700.woff2", "arabic-digits-400.woff2", "arabic-digits-700.woff2",
        "arabic-extra-400.woff2", "arabic-extra-700.woff2",
        "latin-accents-400.woff2", "latin-accents-700.woff2", "latin-letters-400.woff2", "latin-letters-700.woff2",
        "latin-signs-400.woff2", "latin-signs-700.woff2"]
    html = read(root, "2024/09/a/index.html")
    preloads = re.findall(r'<link rel="preload" href="([^"]+)" as="font" type="font/woff2" crossorigin>', html)
    assert [p.rsplit("/", 1)[1].split(".")[0] for p in preloads] == ["arabic-400", "arabic-700"]
    assert all(p.startswith("/archive/fonts/") for p in preloads), "the site's sub-path"
    style = html[html.index("<style>"):html.index("</style>")]
    faces = re.findall(r'@font-face\{font-family:"([^"]+)";src:url\("([^"]+)"\) format\("woff2"\);'
                       r"font-weight:(\d+);font-display:swap;unicode-range:([^;}]+)", style)
    assert {(family, weight) for family, _, weight, _ in faces} == {
        ("ssg Arabic", "400"), ("ssg Arabic", "700"), ("ssg Latin", "400"), ("ssg Latin", "700"),
        ("ssg Latin in Arabic", "400"), ("ssg Latin in Arabic", "700")}
    for _, url, _, ranges in faces:
        assert (root / "site" / url.removeprefix("/archive/")).is_file()
    covers = {url.rsplit("/", 1)[1].split(".")[0]: codes(ranges) for _, url, _, ranges in faces}
    assert {ord("ب"), ord("3")} <= covers["arabic-400"] and ord("A") in covers["latin-letters-400"]
    assert ord("٣") in covers["arabic-digits-400"] and ord("٣") not in covers["arabic-400"]
    assert ord("%") in covers["latin-signs-400"] and ord("%") not in covers["arabic-400"], \
        "the Arabic font has no %: the Latin signs draw it"
    assert ord("گ") in covers["arabic-extra-400"] and ord("é") in covers["latin-accents-400"]
    assert re.search(r'"ssg Latin in Arabic".*?size-adjust:9\d\.\d%', style), "Latin inside Arabic is scaled"
    css = next((root / "site/css").glob("style.*.css")).read_text(encoding="utf-8")
    assert '--font-arabic: "ssg Arabic", "ssg Latin in Arabic"' in css


def test_web_fonts_false_keeps_the_readers_fonts(make_site):
    root = make_site({"content/a.md": article("خبر", "2024-09-13", slug="a")}, SITE + "web_fonts = false\n")
    build(root)
    html = read(root, "2024/09/a/index.html")
    assert not (root / "site/fonts").exists() and "@font-face" not in html and 'as="font"' not in html


def test_a_site_font_is_used_and_a_missing_one_is_named_on_its_line(make_site, naskh_bold, monkeypatch):
    root = make_site({"content/a.md": article("خبر", "2024-09-13", slug="a")},
                     SITE + '[fonts]\narabic = "fonts/Body.ttf"\nlatin = "fonts/Missing.ttf"\n')
    (root / "fonts").mkdir()
    shutil.copyfile(naskh_bold, root / "fonts/Body.ttf")
    report = build(root)
    assert any("site.toml:7" in w and "fonts.latin: no font file at fonts/Missing.ttf" in w
               for w in report.warnings), report.warnings
    names = sorted(p.name.split(".")[0] for p in (root / "site/fonts").iterdir())
    assert names == ["arabic-400", "arabic-digits-400", "arabic-extra-400"], \
        "the site's own family: its bold is its own to give; no Latin face"
    # Another site with the same fonts takes the subsets the first made (the user's font cache).
    monkeypatch.setattr(ssg.webfonts.subset, "subset_woff2", lambda *a: pytest.fail("subset made again"))
    other = root.parent / "other"
    shutil.copytree(root, other, ignore=shutil.ignore_patterns("site", ".ssg-cache"))
    build(other)
    assert sorted(p.name for p in (other / "site/fonts").iterdir()) == \
        sorted(p.name for p in (root / "site/fonts").iterdir())
