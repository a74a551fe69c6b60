"""The bad-input corpus: every mistake below, made in a site that built before, fails the
CLI build with status 1, no traceback, the file (and line, where there is one) and a hint
for every error, leaves site/ byte for byte as it was, and once undone, the next build
equals a clean one. (The fixture sites in fixtures/sites/invalid/ are more of the same.)"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from ssg.build import build
from tests.e2e.rebuilds import tree
from tests.helpers import article

CONFIG = 'title = "أرشيف"\nbase_url = "https://example.org/"\n'
GOOD = {"content/a.md": article("أ", "2024-09-01", slug="a", tags="[ماء]")}


@dataclass(frozen=True)
class Link:
    target: str                      # relative to the site folder, or absolute


@dataclass(frozen=True)
class Case:
    name: str
    files: dict                      # path -> text, bytes or Link; None removes the file
    expected: str                    # the start of an error line: "file:line: message"
    config: str | None = None        # site.toml, when the case changes it


def md(**keys: str) -> str:
    """An article whose front-matter is title (line 2), date (line 3), then KEYS in order."""
    title = keys.pop("title", "ب")
    date = keys.pop("date", "2024-09-02")
    return article(title, date, **{"slug": keys.pop("slug", "b"), **keys})


def toml(*lines: str) -> str:
    return CONFIG + "\n".join(lines) + "\n"


FRONT_MATTER = [
    Case("missing-title", {"content/b.md": "---\ndate: 2024-09-02\n---\nنص\n"}, "content/b.md:1: missing title"),
    Case("empty-title", {"content/b.md": md(title="")}, "content/b.md:2: missing title"),
    Case("title-list", {"content/b.md": "---\ntitle: [أ, ب]\ndate: 2024-09-02\n---\n"},
         "content/b.md:2: title must be text, not list"),
    Case("missing-date", {"content/b.md": "---\ntitle: ب\n---\nنص\n"}, "content/b.md:1: missing date"),
    Case("bad-date", {"content/b.md": md(date="13/09/2024")}, "content/b.md:3: date: '13/09/2024' is not a date"),
    Case("impossible-date", {"content/b.md": md(date="2024-02-30")}, "content/b.md:3: date:"),
    Case("bad-updated", {"content/b.md": md(updated="tomorrow")}, "content/b.md:5: updated:"),
    Case("bad-lang", {"content/b.md": md(lang="عربي")}, "content/b.md:5: lang 'عربي' is not a language tag"),
    Case("bad-dir", {"content/b.md": md(dir="up")}, "content/b.md:5: dir must be rtl, ltr or auto"),
    Case("bad-draft", {"content/b.md": md(draft="maybe")}, "content/b.md:5: draft must be true or false"),
    Case("bad-published", {"content/b.md": md(published="later")}, "content/b.md:5: published must be true or false"),
    Case("tags-table", {"content/b.md": md(tags="{a: 1}")}, "content/b.md:5: tags must be a list"),
    Case("tag-not-text", {"content/b.md": md(tags="[[a, b]]")}, "content/b.md:5: every item of tags must be text"),
    Case("category-not-text", {"content/b.md": md(categories="[{a: 1}]")},
         "content/b.md:5: every item of categories must be text"),
    Case("too-many-tags", {"content/b.md": md(tags="[" + ", ".join(f"t{n}" for n in range(101)) + "]")},
         "content/b.md:5: 101 tags: an article may have at most 100"),
    Case("invisible-tag", {"content/b.md": md(tags='["\\u200b"]')},
         "content/b.md:5: an item of tags has no visible character"),
    Case("invisible-author", {"content/b.md": md(author='"\\u200f"')},
         "content/b.md:5: an item of author has no visible character"),
    Case("summary-list", {"content/b.md": md(summary="[a, b]")}, "content/b.md:5: summary must be text"),
    Case("image-number", {"content/b.md": md(image="3")}, "content/b.md:5: image must be a path or URL"),
    Case("image-without-path", {"content/b.md": md(image="{alt: نهر}")},
         "content/b.md:5: image must be a path or URL"),
    Case("aliases-table", {"content/b.md": md(aliases="{a: 1}")}, "content/b.md:5: aliases must be a list"),
    Case("duplicate-key", {"content/b.md": md(tags="[أ]", author="س", **{"tags ": "[ب]"})},
         "content/b.md:7: `tags` is set twice, on lines 5 and 7"),
    Case("alias-bomb", {"content/b.md": "---\ntitle: ب\ndate: 2024-09-02\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
                        + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n"
                                  for i in range(6)) + "---\n"},
         "content/b.md:4: the front-matter's YAML aliases repeat its values"),
    Case("self-alias", {"content/b.md": "---\ntitle: ب\ndate: 2024-09-02\nx: &x [*x]\n---\n"},
         "content/b.md:4: the front-matter refers to itself"),
    Case("yaml-unclosed-bracket", {"content/b.md": md(tags="[أ, ب")}, "content/b.md:5: broken YAML front-matter"),
    Case("yaml-unclosed-quote", {"content/b.md": md(summary='"نص')}, "content/b.md:5: broken YAML front-matter"),
    Case("yaml-colon-in-title", {"content/b.md": "---\ntitle: خبر: عاجل: الآن\ndate: 2024-09-02\n---\n"},
         "content/b.md:2: broken YAML front-matter"),
    Case("yaml-tab-indent", {"content/b.md": "---\ntitle: ب\ndate: 2024-09-02\ntags:\n\t- أ\n---\n"},
         "content/b.md:"),
    Case("yaml-list-not-mapping", {"content/b.md": "---\n- ب\n- 2024\n---\n"},
         "content/b.md:2: front-matter must be `key: value` lines"),
    Case("yaml-scalar", {"content/b.md": "---\nجملة فقط\n---\n"}, "content/b.md:2: front-matter must be"),
    Case("toml-broken", {"content/b.md": '+++\ntitle = "ب\ndate = 2024-09-02\n+++\n'},
         "content/b.md:2: broken TOML front-matter"),
    Case("toml-duplicate-key", {"content/b.md": '+++\ntitle = "ب"\ntitle = "ج"\ndate = 2024-09-02\n+++\n'},
         "content/b.md:3: broken TOML front-matter"),
    Case("no-front-matter", {"content/b.md": "# عنوان\n\nنص.\n"}, "content/b.md:1: couldn't find front-matter"),
    Case("never-closed", {"content/b.md": "---\ntitle: ب\ndate: 2024-09-02\nنص\n"},
         "content/b.md:1: front-matter opened with `---` on line 1 is never closed"),
    Case("toml-never-closed", {"content/b.md": '+++\ntitle = "ب"\n'}, "content/b.md:1: front-matter opened with"),
    Case("not-utf8", {"content/b.md": md().encode("utf-8") + b"\ncaf\xe9\n"}, "content/b.md:9: not UTF-8 text"),
    Case("utf16", {"content/b.md": md().encode("utf-16")}, "content/b.md:1: UTF-16 text among the articles"),
    Case("binary", {"content/b.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00"}, "content/b.md: binary file among the articles"),
    Case("windows-1256", {"content/b.md": md(title="خبر").encode("cp1256")}, "content/b.md:2: not UTF-8 text"),
]

URLS = [
    Case("slug-dotdot", {"content/b.md": md(slug="../../x")}, "content/b.md:4: slug '../../x' would lead out of"),
    Case("slug-drive", {"content/b.md": md(slug="'C:/x'")}, "content/b.md:4: slug 'C:/x' would lead out of"),
    Case("url-dotdot", {"content/b.md": md(url="/a/../../x/")}, "content/b.md:5: url '/a/../../x/' would lead out"),
    Case("path-slug-on-url", {"content/b.md": md(slug="a/b", date="2024-09-01"),
                              "content/c.md": md(url="/2024/09/a/b/", date="2024-09-01", title="ج")},
         "content/b.md:4: 2 pages claim the same URL /2024/09/a/b/: content/b.md:4, content/c.md:5"),
    Case("same-slug", {"content/b.md": md(slug="a", date="2024-09-01")},
         "content/a.md:4: 2 pages claim the same URL /2024/09/a/: content/a.md:4, content/b.md:4"),
    Case("same-slug-three", {"content/b.md": md(slug="a", date="2024-09-01"),
                             "content/c.md": md(slug="a", date="2024-09-01", title="ج")},
         "content/a.md:4: 3 pages claim the same URL /2024/09/a/"),
    Case("alias-on-article", {"content/b.md": md(aliases='["/2024/09/a/"]')},
         "content/a.md:4: 2 pages claim the same URL /2024/09/a/: content/a.md:4, content/b.md:5 (alias)"),
    Case("alias-outside", {"content/b.md": md(aliases='["/../../x/"]')}, "content/b.md:5: alias '/../../x/' would"),
    Case("asset-on-page", {"content/2024/09/a/index.html": "<p>x</p>"},
         "content/2024/09/a/index.html: 2 pages claim the same URL /2024/09/a/"),
    Case("asset-on-home", {"content/index.html": "<p>x</p>"}, "content/index.html: 2 pages claim the same URL /:"),
    Case("static-on-page", {"static/2024/09/a/index.html": "<p>x</p>"},
         "content/a.md:4: 2 pages claim the same URL /2024/09/a/: content/a.md:4, static/2024/09/a/index.html"),
    Case("static-on-feed", {"static/feed.xml": "<feed/>"}, "static/feed.xml: 2 pages claim the same URL /feed.xml"),
    Case("slug-too-long", {"content/b.md": md(slug='"' + "ب" * 130 + '"')},
         "content/b.md:4: the slug makes a file or folder name of 260 bytes"),
    Case("tag-too-long", {"content/b.md": md(tags="[" + "ت" * 128 + "]")},
         "content/b.md:5: the tag makes a file or folder name of 256 bytes"),
    Case("category-too-long", {"content/b.md": md(categories="[" + "c" * 256 + "]")},
         "content/b.md:5: the category makes a file or folder name of 256 bytes"),
    Case("alias-too-long", {"content/b.md": md(aliases='["/' + "x" * 256 + '/"]')},
         "content/b.md:5: the alias makes a file or folder name of 256 bytes"),
    Case("html-slug-too-long", {"content/b.md": md(slug="z" * 251)},
         "content/b.md:4: the slug makes a file or folder name of 256 bytes",
         toml('permalink = "/{slug}.html"')),
]

FILES = [
    Case("link-outside", {"content/x.txt": Link("/etc/hostname")}, "content/x.txt: a link to /etc/hostname"),
    Case("link-dangling", {"content/x.txt": Link("nowhere.txt")}, "content/x.txt: a link that leads to no file"),
    Case("link-loop", {"content/x.txt": Link("content/x.txt")}, "content/x.txt: a link that leads to no file"),
    Case("link-folder", {"content/more": Link("/tmp")}, "content/more: a link to a folder"),
    Case("link-markdown-outside", {"content/b.md": Link("/etc/hostname")}, "content/b.md: a link to /etc/hostname"),
    Case("static-link-outside", {"static/x.txt": Link("/etc/hostname")}, "static/x.txt: a link to /etc/hostname"),
    Case("static-link-dangling", {"static/x.css": Link("gone.css")}, "static/x.css: a link that leads to no file"),
    Case("template-syntax", {"templates/article.html": "{% extends 'base.html' %}\n{% block main %}\n{{ x\n"},
         "templates/article.html:3: template syntax error"),
    Case("template-unknown-tag", {"templates/article.html": "{% extends 'base.html' %}\n{% blok main %}\n"},
         "templates/article.html:2: template syntax error"),
    Case("template-runtime", {"templates/article.html": "<p>\n{{ article.nothing.deeper }}\n"},
         "templates/article.html:2: UndefinedError"),
    Case("template-division", {"templates/article.html": "<p>\n\n{{ 1 // 0 }}\n"},
         "templates/article.html:3: ZeroDivisionError"),
    Case("template-missing-include", {"templates/article.html": "<p>\n{% include 'partials/none.html' %}\n"},
         "templates/article.html:2: template 'partials/none.html' not found"),
    Case("template-missing-extends", {"templates/article.html": "{% extends 'nothing.html' %}\n"},
         "templates/article.html:1: template 'nothing.html' not found"),
    Case("template-not-utf8", {"templates/article.html": b"<p>\ncaf\xe9\n"},
         "templates/article.html:2: template is not UTF-8 text"),
]

SITE_TOML = [
    Case("empty-title-config", {}, "site.toml:1: title must be a non-empty string",
         'title = ""\nbase_url = "https://example.org/"\n'),
    Case("missing-title-config", {}, "site.toml: missing required key 'title'", 'base_url = "https://example.org/"\n'),
    Case("missing-base-url", {}, "site.toml: missing required key 'base_url'", 'title = "أرشيف"\n'),
    Case("relative-base-url", {}, "site.toml:2: base_url must be an absolute http(s) URL",
         'title = "أرشيف"\nbase_url = "/archive/"\n'),
    Case("base-url-query", {}, "site.toml:2: base_url must not have a query",
         'title = "أرشيف"\nbase_url = "https://example.org/?x=1"\n'),
    Case("bad-language", {}, "site.toml:3: language must be a language tag", toml('language = "arabic!"')),
    Case("bad-timezone", {}, "site.toml:3: timezone unknown time zone 'Baghdad'", toml('timezone = "Baghdad"')),
    Case("permalink-no-slug", {}, "site.toml:3: permalink must contain {slug}", toml('permalink = "/{year}/"')),
    Case("permalink-relative", {}, "site.toml:3: permalink must start with", toml('permalink = "{slug}/"')),
    Case("permalink-unknown", {}, "site.toml:3: permalink unknown placeholder {author}",
         toml('permalink = "/{author}/{slug}/"')),
    Case("permalink-ending", {}, "site.toml:3: permalink must end with", toml('permalink = "/{slug}.htm"')),
    Case("permalink-dotdot", {}, "site.toml:3: permalink must not contain", toml('permalink = "/../{slug}/"')),
    Case("permalink-brace", {}, "site.toml:3: permalink", toml('permalink = "/{slug/"')),
    Case("per-page-zero", {}, "site.toml:3: per_page must be a whole number of 1 or more", toml("per_page = 0")),
    Case("per-page-text", {}, "site.toml:3: per_page must be a whole number", toml('per_page = "20"')),
    Case("feed-entries-negative", {}, "site.toml:3: feed_entries must be", toml("feed_entries = -1")),
    Case("theme-path", {}, "site.toml:3: theme must be the name of a folder", toml('theme = "../x"')),
    Case("theme-missing", {}, "site.toml:3: theme 'nonesuch' not found", toml('theme = "nonesuch"')),
    Case("share-unknown", {}, "site.toml:3: share has unknown network 'myspace'", toml('share = ["myspace"]')),
    Case("share-text", {}, "site.toml:3: share must be a list", toml('share = "whatsapp"')),
    Case("bad-locale", {}, "site.toml:3: locale unknown locale 'xx_YY'", toml('locale = "xx_YY"')),
    Case("bad-month-names", {}, "site.toml:3: month_names must be one of", toml('month_names = "both"')),
    Case("bad-digits", {}, "site.toml:3: digits must be one of", toml('digits = "hindi"')),
    Case("hijri-text", {}, "site.toml:3: hijri must be true or false", toml('hijri = "yes"')),
    Case("bad-slug-style", {}, "site.toml:3: slug_style must be one of", toml('slug_style = "english"')),
    Case("bad-tag-folds", {}, "site.toml:3: tag_folds must be a list of folds", toml('tag_folds = ["all"]')),
    Case("bad-tag-aliases", {}, "site.toml:3: tag_aliases must be a table", toml('tag_aliases = "x"')),
    Case("tag-alias-number", {}, "site.toml:3: tag_aliases entry", toml("[tag_aliases]", '"a" = 1')),
    Case("strings-unknown-word", {}, "site.toml:4: [strings.ar] has unknown word 'nonesuch'",
         toml("[strings.ar]", 'nonesuch = "x"')),
    Case("strings-bad-language", {}, "site.toml:3: strings has 'عربي', which is not a language tag",
         toml('[strings."عربي"]', 'related = "x"')),
    Case("search-text", {}, "site.toml:3: search must be true or false", toml('search = "no"')),
    Case("bad-cname", {}, "site.toml:3: cname must be a bare host name", toml('cname = "https://x.org/"')),
    Case("deploy-unknown-key", {}, "site.toml:3: deploy has unknown key 'host'", toml("[deploy]", 'host = "x"')),
    Case("deploy-bad-target", {}, "site.toml:3: deploy target must be one of", toml("[deploy]", 'target = "ftp"')),
    Case("extra-not-table", {}, "site.toml:3: extra must be a table", toml('extra = "x"')),
    Case("misspelt-key", {}, "site.toml:3: unknown key 'per_pgae'", toml("per_pgae = 10")),
    Case("invalid-toml", {}, "site.toml:3: invalid TOML", toml('description = "no end')),
    Case("config-not-utf8", {}, "site.toml:4: site.toml is not UTF-8 text", None),
]

CASES = FRONT_MATTER + URLS + FILES + SITE_TOML
ERROR_LINE = re.compile(r"^(?!\s|build failed)(\S[^\n]*?): ", re.MULTILINE)


def apply(root: Path, case: Case) -> list[Path]:
    """Make the mistake; the files it made or changed, to undo it."""
    touched = []
    for relative, content in case.files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Link):
            os.symlink(content.target if content.target.startswith("/") else root / content.target, path)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        touched.append(path)
    if case.config is not None:
        (root / "site.toml").write_text(case.config, encoding="utf-8")
    elif case.name == "config-not-utf8":
        (root / "site.toml").write_bytes(toml("").encode("utf-8") + b'description = "caf\xe9"\n')
    return touched


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_bad_input_fails_clearly_and_changes_nothing_until_it_is_undone(case, make_site, tmp_path):
    root = make_site(GOOD, CONFIG)
    output = tmp_path / "site"
    build(root, output)
    before = tree(output)
    touched = apply(root, case)

    result = subprocess.run([sys.executable, "-m", "ssg", "build", "-s", str(root), "-o", str(output)],
                            capture_output=True, text=True)
    report = result.stderr
    assert result.returncode == 1, report
    assert "Traceback" not in report, report
    assert case.expected in report, f"expected {case.expected!r} in:\n{report}"
    count = int(re.search(r"build failed: (\d+) errors?", report).group(1))
    assert report.count("\n    hint: ") == count, f"every error has a hint:\n{report}"
    assert tree(output) == before, "a failed build leaves site/ as it was"

    for path in touched:
        path.unlink()
    (root / "site.toml").write_text(CONFIG, encoding="utf-8")
    build(root, output)
    clean = tmp_path / "clean"
    build(root, clean, use_cache=False)
    assert tree(output) == tree(clean), "once undone, the next build equals a clean one"
