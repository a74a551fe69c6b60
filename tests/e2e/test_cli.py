"""The ssg command as a user runs it, in a subprocess."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.helpers import article


def ssg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ssg", *args], capture_output=True, text=True, cwd=cwd)


def html_tag(page: Path) -> str:
    return re.search(r"<html[^>]*>", page.read_text(encoding="utf-8")).group(0)


def test_build_a_site_folder_with_only_site_toml_and_content(make_site):
    root = make_site({
        "content/2024/x.md": article("قمة المياه", "2024-09-13", slug="x"),
        "content/en/report.md": article("Water report", "2024-09-14", lang="en"),
        "content/_posts/2020-05-01-hello.md": '---\ntitle: "مرحبا"\n---\n\nأول مقال.\n',
        "content/2023/toml.md": '+++\ntitle = "مقال TOML"\ndate = 2023-01-02\n+++\nنص\n',
    })
    result = ssg("build", "-s", str(root))
    assert result.returncode == 0, result.stderr
    assert "built 4 articles" in result.stdout
    site = root / "site"
    assert html_tag(site / "2024/09/x/index.html") == '<html lang="ar" dir="rtl">'
    assert html_tag(site / "2024/09/report/index.html") == '<html lang="en" dir="ltr">'
    assert "مرحبا" in (site / "2020/05/hello/index.html").read_text(encoding="utf-8")
    assert "مقال TOML" in (site / "2023/01/toml/index.html").read_text(encoding="utf-8")
    assert (site / "index.html").is_file() and (site / "404.html").is_file()


def test_build_in_the_current_folder_and_to_another_output(make_site, tmp_path):
    root = make_site({"content/a.md": article("أ", "2024-01-05", slug="a")})
    assert ssg("build", "-q", cwd=root).returncode == 0
    assert (root / "site/2024/01/a/index.html").is_file()
    elsewhere = tmp_path / "public"
    result = ssg("build", "-s", str(root), "-o", str(elsewhere))
    assert result.returncode == 0, result.stderr
    assert (elsewhere / "2024/01/a/index.html").is_file()


def test_drafts_and_future_flags(make_site):
    root = make_site({
        "content/draft.md": article("مسودة", "2024-01-05", slug="draft", draft="true"),
        "content/future.md": article("لاحقاً", "2999-01-01", slug="later"),
    })
    assert ssg("build", "-s", str(root)).returncode == 0
    assert not (root / "site/2024/01/draft").exists() and not (root / "site/2999").exists()
    assert ssg("build", "-s", str(root), "--drafts", "--future").returncode == 0
    assert (root / "site/2024/01/draft/index.html").is_file() and (root / "site/2999/01/later/index.html").is_file()


def test_new_site_then_new_article_then_build(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH")  # the new article is dated now, so build with the real clock
    root = tmp_path / "newsroom"
    result = ssg("new", str(root))
    assert result.returncode == 0, result.stderr
    assert (root / "content").is_dir()
    config = (root / "site.toml").read_text(encoding="utf-8")
    assert "title =" in config and "# " in config, "site.toml is commented"
    result = ssg("new", "article", "قمة المياه في بغداد؟", "-s", str(root))
    assert result.returncode == 0, result.stderr
    [written] = list((root / "content").rglob("*.md"))
    assert written.name == "قمة-المياه-في-بغداد.md"
    text = written.read_text(encoding="utf-8")
    assert 'title: "قمة المياه في بغداد؟"' in text and re.search(r"^date: \d{4}-\d\d-\d\dT", text, re.M)
    built = ssg("build", "-s", str(root))
    assert built.returncode == 0
    assert len(list((root / "site").rglob("index.html"))) >= 2
    # Published with its placeholder text: warned, on the lines to replace; --strict refuses it.
    shown = written.relative_to(root).as_posix()
    assert f"    {shown}:11: «اكتب الفقرة الأولى هنا: هي مقدمة الخبر.» is the text `ssg new article` wrote" \
        in built.stderr and f"    {shown}:15: «نص المقال.»" in built.stderr
    assert ssg("build", "-s", str(root), "--strict").returncode == 1
    written.write_text(text.replace("اكتب الفقرة الأولى هنا: هي مقدمة الخبر.", "افتتحت القمة صباحاً.")
                       .replace("نص المقال.", "وناقشت حصص المياه."), encoding="utf-8")
    assert ssg("build", "-s", str(root), "--strict").returncode == 0
    assert (root / ".gitignore").read_text(encoding="utf-8").splitlines()[1:] == ["/site/", ".ssg-cache/"]


def test_a_setting_appended_after_the_last_table_is_a_warning(tmp_path):
    assert ssg("new", str(tmp_path)).returncode == 0
    with (tmp_path / "site.toml").open("a", encoding="utf-8") as settings:
        settings.write('locale = "ar_IQ"\n')
    line = len((tmp_path / "site.toml").read_text(encoding="utf-8").splitlines())
    result = ssg("build", "-s", str(tmp_path))
    assert result.returncode == 0
    assert f"warning: site.toml:{line}: `locale` is inside [extra], where it sets nothing" in result.stderr
    assert "hint: move the line above the first [table] of the file" in result.stderr


def test_new_refuses_to_overwrite(tmp_path):
    assert ssg("new", str(tmp_path)).returncode == 0
    result = ssg("new", str(tmp_path))
    assert result.returncode == 1 and "already exists" in result.stderr
    assert ssg("new", "article", "عنوان", "-s", str(tmp_path)).returncode == 0
    again = ssg("new", "article", "عنوان", "-s", str(tmp_path))
    assert again.returncode == 1 and "already exists" in again.stderr


def test_no_site_toml_is_a_clear_error(tmp_path):
    result = ssg("build", "-s", str(tmp_path))
    assert result.returncode == 1
    assert "no site.toml here" in result.stderr and "ssg new" in result.stderr
    assert "Traceback" not in result.stderr


def test_no_command_prints_help():
    result = ssg()
    assert result.returncode == 2 and "build" in result.stdout and "new" in result.stdout


def test_version():
    result = ssg("--version")
    assert result.returncode == 0 and result.stdout.startswith("ssg ")


def test_import_then_build_prints_the_report_and_the_warnings_grouped(tmp_path):
    from tests.conftest import REPO
    archive = REPO / "tests" / "fixtures" / "archives" / "gatsby"
    result = ssg("import", "gatsby", str(archive), str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assert f"imported 3 articles from gatsby (gatsby-config.js) into {tmp_path / 'site'}" in result.stdout
    assert "converted when built: 1 amp img, 1 wordpress caption" in result.stdout
    assert "content/blog/Colors.md:7: component `<Callout type=\"tip\">`" in result.stdout
    build = ssg("build", "-s", str(tmp_path / "site"))
    assert build.returncode == 0, build.stderr
    assert "warning: 3 MDX components and AMP elements, shown as text:\n" \
           "    content/blog/Colors.md:7: component" in build.stderr
    again = ssg("import", "gatsby", str(archive), str(tmp_path / "site"))
    assert again.returncode == 1 and "is not empty" in again.stderr


def test_build_in_a_jekyll_folder_without_site_toml(tmp_path):
    import shutil
    from tests.conftest import REPO
    shutil.copytree(REPO / "tests" / "fixtures" / "archives" / "jekyll", tmp_path / "blog")
    result = ssg("build", cwd=tmp_path / "blog")
    assert result.returncode == 0, result.stderr
    assert "built 4 articles" in result.stdout
    assert "_posts/2018-11-20-Code-Notes.md:17: Liquid tag `{% if %}`" in result.stderr
    assert (tmp_path / "blog" / "site" / "Hello-World" / "index.html").is_file()


def test_the_same_error_in_many_files_is_printed_once_with_a_count(make_site):
    files = {f"content/{n}.md": "---\ndate: 2024-09-13\n---\nنص\n" for n in range(8)}
    root = make_site({**files, "content/x.md": article("أ", "2024-09-13", slug="../x")})
    result = ssg("build", "-s", str(root))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert [line for line in lines if line.endswith(": missing title")] == \
        [f"content/{n}.md:1: missing title" for n in range(5)]
    assert "    and 3 more files with this error (`-v` lists them all)" in lines
    assert lines.count("    hint: add a line `title: \"...\"` to the front-matter") == 1
    assert "content/x.md:4: slug '../x' would lead out of the site" in result.stderr
    assert lines[-1] == "build failed: 9 errors"
    every = ssg("build", "-v", "-s", str(root)).stderr.splitlines()
    assert len([line for line in every if line.endswith(": missing title")]) == 8
