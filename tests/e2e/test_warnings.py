"""Everyday mistakes the build used to pass in silence: each is a warning naming the file and
the line, and `--strict` makes any warning fail the build with site/ left as it was."""

from __future__ import annotations

import pytest

from ssg.build import build
from ssg.errors import BuildFailed
from tests.e2e.rebuilds import edit, tree

TYPOS = """\
---
title: "قمة المياه"
date: 2024-09-13
tag: [مياه]
imgae: images/summit.jpg
categroy: سياسة
summery: "ملخص"
featured: true
layout: post
weight: 3
---
نص.
"""


def test_a_misspelt_front_matter_key_is_a_warning_with_its_line_and_the_key_meant(make_site, tmp_path):
    root = make_site({"content/typos.md": TYPOS})
    report = build(root, tmp_path / "site")
    assert [str(note) for note in report.notes] == [
        "content/typos.md:4: unknown front-matter key `tag`: did you mean `tags`? (as written, it reaches "
        "templates as article.extra.tag, and the tags is lost)",
        "content/typos.md:5: unknown front-matter key `imgae`: did you mean `image`? (as written, it reaches "
        "templates as article.extra.imgae, and the image is lost)",
        "content/typos.md:6: unknown front-matter key `categroy`: did you mean `category`? (as written, it reaches "
        "templates as article.extra.categroy, and the category is lost)",
        "content/typos.md:7: unknown front-matter key `summery`: did you mean `summary`? (as written, it reaches "
        "templates as article.extra.summery, and the summary is lost)",
    ]


def test_missing_pictures_and_files_are_warnings_once_per_article(make_site, tmp_path):
    body = ("![حاضرة](images/here.png)\n\n![غائبة](images/gone.png)\n\n<img src=\"/logo-gone.svg\" alt=\"\">\n\n"
            "[التقرير](files/report.pdf) و[مرة أخرى](files/report.pdf) و[الشعار](/logo.svg)\n\n"
            "![بعيدة](https://example.com/x.png) ![ثانية](images/gone.png)\n")
    root = make_site({
        "content/2024/story.md": f"---\ntitle: خبر\ndate: 2024-09-13\nimage: images/cover.jpg\n---\n{body}",
        "content/2024/images/here.png": "png",
        "static/logo.svg": "<svg/>",
    })
    report = build(root, tmp_path / "site")
    assert [str(note) for note in report.notes] == [
        "content/2024/story.md:4: shows or links to /2024/images/cover.jpg, which is no file of the site "
        "(in content/ or static/)",
        "content/2024/story.md:8: shows or links to /2024/images/gone.png, which is no file of the site "
        "(in content/ or static/)",
        "content/2024/story.md:10: shows or links to /logo-gone.svg, which is no file of the site "
        "(in content/ or static/)",
        "content/2024/story.md:12: shows or links to /2024/files/report.pdf, which is no file of the site "
        "(in content/ or static/)",
    ]


def test_strict_fails_on_a_warning_and_leaves_the_site_as_it_was(make_site, tmp_path):
    root = make_site({"content/a.md": "---\ntitle: أ\ndate: 2024-09-13\n---\nنص.\n"})
    output = tmp_path / "site"
    build(root, output, strict=True)
    before = tree(output)
    edit(root / "content/a.md", "---\ntitle: أ\ndate: 2024-09-13\ntitel: ب\n---\n![](gone.png)\n")
    with pytest.raises(BuildFailed) as failed:
        build(root, output, strict=True)
    assert [str(error).split("\n")[0] for error in failed.value.errors] == [
        "content/a.md:4: unknown front-matter key `titel`: did you mean `title`? (as written, it reaches "
        "templates as article.extra.titel, and the title is lost)",
        "content/a.md:6: shows or links to /gone.png, which is no file of the site (in content/ or static/)",
    ]
    assert "--strict makes every warning an error" in str(failed.value.errors[0])
    assert tree(output) == before
    assert len(build(root, output).notes) == 2                 # without --strict: built, and warned


SHARE = """title = "موقع"
base_url = "https://example.org/news/"
search = false
share_cards = "none"
logo = "/images/logo.png"
default_image = "/images/share.png"
"""


def test_pages_without_a_picture_previews_can_show_share_the_default_one(make_site, tmp_path):
    from tests.helpers import article, parse_html
    root = make_site({
        "content/plain.md": article("بلا صورة", "2024-09-13", slug="plain"),
        "content/drawing.md": article("رسم", "2024-09-14", slug="drawing", image="images/chart.svg"),
        "content/photo.md": article("صورة", "2024-09-15", slug="photo", image="images/photo.jpg"),
        "content/images/chart.svg": "<svg/>", "content/images/photo.jpg": "jpg",
        "static/images/logo.png": "png", "static/images/share.png": "png",
    }, SHARE)
    report = build(root, tmp_path / "site")
    pages = {slug: parse_html((tmp_path / "site" / f"2024/09/{slug}/index.html").read_text(encoding="utf-8"))
             for slug in ("plain", "drawing", "photo")}
    default = "https://example.org/news/images/share.png"
    assert pages["plain"].meta["og:image"] == default and pages["plain"].meta["twitter:image"] == default
    assert pages["drawing"].meta["og:image"] == default, "an SVG is no share picture"
    assert pages["photo"].meta["og:image"] == "https://example.org/news/images/photo.jpg"
    [news] = [d for d in pages["plain"].json_ld if d["@type"] == "NewsArticle"]
    assert news["image"] == [default]
    assert news["publisher"]["logo"] == {"@type": "ImageObject", "url": "https://example.org/news/images/logo.png"}
    home = parse_html((tmp_path / "site" / "index.html").read_text(encoding="utf-8"))
    assert home.meta["og:image"] == default
    assert [str(note) for note in report.notes] == [
        "content/drawing.md:5: images/chart.svg is an SVG: it shows on the page, but link previews (WhatsApp, X, "
        "Facebook) show no SVG, so the share card takes default_image instead"]


def test_share_pictures_site_toml_names_must_be_there_and_not_svg(make_site, tmp_path):
    from ssg.errors import ConfigError
    from tests.helpers import article
    root = make_site({"content/a.md": article("أ", "2024-09-13")}, SHARE)
    report = build(root, tmp_path / "site")
    assert "site.toml:5: logo /images/logo.png is no file of the site" in report.warnings[0]
    assert "site.toml:6: default_image /images/share.png is no file of the site" in report.warnings[1]
    (root / "site.toml").write_text(SHARE.replace("share.png", "share.svg"), encoding="utf-8")
    with pytest.raises(ConfigError, match="default_image must be a JPEG, PNG, WebP or GIF picture"):
        build(root, tmp_path / "site")
