"""What builds that were killed or fed bad input leave behind, and how the next build
copes with it (issue #18)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from ssg.build import build
from tests.e2e.rebuilds import tree


def test_the_work_folders_of_killed_builds_are_removed_and_a_running_builds_kept(newsroom, tmp_path):
    output = tmp_path / "site"
    build(newsroom, output)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    running = subprocess.Popen(["sleep", "60"])
    try:
        left = [tmp_path / f".site.{kind}-{dead}" for kind in ("staging", "pending", "pagefind", "previous")]
        for folder in left:
            (folder / "2024").mkdir(parents=True)
            (folder / "2024" / "index.html").write_text("half a build", encoding="utf-8")
        alive = tmp_path / f".site.staging-{running.pid}"
        alive.mkdir()
        other_site = tmp_path / f".other.staging-{dead}"
        other_site.mkdir()
        before = tree(output)

        report = build(newsroom, output)

        assert report.written == 0 and tree(output) == before, "nothing else changes"
        assert not any(folder.exists() for folder in left)
        assert alive.is_dir(), "a running build's folder is its own"
        assert other_site.is_dir(), "another output folder's work is not ours"
    finally:
        running.kill()
        running.wait()


def test_control_characters_in_front_matter_and_bodies_never_reach_the_feeds(make_site, tmp_path):
    import xml.etree.ElementTree as ElementTree
    root = make_site({"content/a.md": '---\ntitle: "عنوان\\vمع\\u0001 محرف"\ndate: 2024-09-13\n'
                                      'tags: ["وسم\\u0002"]\n---\nفقرة\fأولى.\n\nفقرة\u000bثانية.\n'})
    output = tmp_path / "site"
    build(root, output)
    for feed in [output / "feed.xml", *output.glob("tags/*/feed.xml")]:
        ElementTree.parse(feed)                     # well-formed XML, or this raises
    page = (output / "2024/09/a/index.html").read_text(encoding="utf-8")
    assert "<h1 class=\"headline\">عنوان مع محرف</h1>" in page
    assert "فقرة أولى." in page and "فقرة ثانية." in page
    assert not any(ch in page for ch in "\x01\x02\x0b\x0c")


def test_a_name_too_long_for_the_file_system_is_an_error_before_anything_is_written(make_site, tmp_path):
    import pytest
    from ssg.errors import BuildFailed
    from tests.helpers import article
    root = make_site({"content/a.md": article("أ", "2024-09-01", slug="a", tags="[قصير]")},
                     'title = "أرشيف"\nbase_url = "https://example.org/"\npermalink = "/{slug}.html"\n')
    output = tmp_path / "site"
    build(root, output)
    before = tree(output)
    bad = {"content/long.md": article("ب", "2024-09-02", slug='"' + "0" * 254 + '"'),
           "content/tag.md": article("ج", "2024-09-03", slug="c", tags="[" + "ب" * 130 + "]"),
           "content/alias.md": article("د", "2024-09-04", slug="d", aliases='["/' + "x" * 300 + '/"]')}
    for relative, text in bad.items():
        (root / relative).write_text(text, encoding="utf-8")
    for attempt in range(2):             # a second failed build must not touch site/ either
        with pytest.raises(BuildFailed) as failed:
            build(root, output)
        messages = sorted(str(error) for error in failed.value.errors)
        assert len(messages) == 3, messages
        assert messages[0].startswith("content/alias.md:5: the alias makes a file or folder name of 300 bytes")
        assert messages[1].startswith("content/long.md:4: the slug makes a file or folder name of 259 bytes")
        assert messages[2].startswith("content/tag.md:5: the tag makes a file or folder name of 260 bytes")
        assert all("at most 255" in message and "hint: shorten the" in message for message in messages)
        assert tree(output) == before, "a failed build leaves site/ as it was"
    for relative in bad:
        (root / relative).unlink()
    build(root, output)
    clean = tmp_path / "clean"
    build(root, clean, use_cache=False)
    assert tree(output) == tree(clean)


def test_a_static_file_at_an_articles_path_is_a_collision_not_a_silent_replacement(make_site, tmp_path):
    import pytest
    from ssg.errors import BuildFailed
    from tests.helpers import article
    root = make_site({"content/a.md": article("أ", "2024-09-01", slug="a"),
                      "static/2024/09/a/index.html": "<p>not the article</p>"})
    with pytest.raises(BuildFailed) as failed:
        build(root, tmp_path / "site")
    [error] = failed.value.errors
    assert str(error).startswith("content/a.md:4: 2 pages claim the same URL /2024/09/a/: content/a.md:4, "
                                 "static/2024/09/a/index.html")
    assert "rename or move the static file" in error.hint
    assert not (tmp_path / "site").exists()


def test_links_in_content_and_static_that_leave_the_site_or_lead_nowhere_are_errors_naming_them(make_site,
                                                                                                 tmp_path):
    import os
    import pytest
    from ssg.errors import BuildFailed
    from tests.helpers import article
    secret = tmp_path / "secret.txt"
    secret.write_text("not for publishing", encoding="utf-8")
    root = make_site({"content/a.md": article("أ", "2024-09-01", slug="a"), "content/shared/logo.txt": "logo"})
    output = tmp_path / "site"
    build(root, output)
    before = tree(output)
    os.symlink(secret, root / "content" / "x.txt")                       # outside the site
    os.symlink(root / "missing.txt", root / "content" / "gone.txt")      # dangling
    os.symlink("loop.txt", root / "content" / "loop.txt")                # a loop
    os.symlink(tmp_path, root / "content" / "folder")                    # a folder
    (root / "static").mkdir()
    os.symlink(secret, root / "static" / "y.txt")
    os.symlink(root / "content" / "shared" / "logo.txt", root / "content" / "logo.txt")   # inside: fine

    with pytest.raises(BuildFailed) as failed:
        build(root, output)
    messages = sorted(str(error) for error in failed.value.errors)
    assert [message.split(":")[0] for message in messages] == [
        "content/folder", "content/gone.txt", "content/loop.txt", "content/x.txt", "static/y.txt"]
    assert "outside the site folder" in messages[3] and "outside the site folder" in messages[4]
    assert "leads to no file" in messages[1] and "leads to no file" in messages[2]
    assert all("hint:" in message for message in messages) and "Traceback" not in "".join(messages)
    assert tree(output) == before

    for name in ("x.txt", "gone.txt", "loop.txt", "folder"):
        (root / "content" / name).unlink()
    (root / "static" / "y.txt").unlink()
    build(root, output)
    assert (output / "logo.txt").read_text(encoding="utf-8") == "logo", "a link inside the site is followed"
    assert not any("not for publishing" in path.read_text(encoding="utf-8", errors="replace")
                   for path in output.rglob("*") if path.is_file())


def test_a_template_that_is_not_utf8_is_an_error_with_its_file_and_line(make_site, tmp_path):
    import pytest
    from ssg.errors import BuildFailed
    from tests.helpers import article
    root = make_site({"content/a.md": article("أ", "2024-09-01", slug="a")})
    (root / "templates").mkdir()
    (root / "templates" / "article.html").write_bytes(
        "{% extends 'base.html' %}\n{% block main %}\ncaf\xe9\n{% endblock %}\n".encode("latin-1"))
    with pytest.raises(BuildFailed) as failed:
        build(root, tmp_path / "site")
    [error] = failed.value.errors
    assert (error.path, error.line, error.message) == ("templates/article.html", 3, "template is not UTF-8 text")
    assert "save the template as UTF-8" in error.hint


def test_a_rebuild_killed_at_any_point_is_recovered_by_the_next_build(make_site, tmp_path):
    """kill -9 of a rebuild and its workers, 24 times at seeded random moments (reading,
    rendering, the commit, saving the cache): until the next build a reader of site/ gets
    the last build or the new one, or, if the kill came while files were moved in, each
    file old or new; the next build always succeeds, leaves no work folder behind, and
    writes what a clean build writes."""
    import os
    import random
    import signal
    import time
    from ssg.incremental.state import cache_folder
    from ssg.output.journal import JOURNAL
    from tests.helpers import article
    files = {f"content/2024/a{n:03d}.md": article(f"خبر {n}", f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}",
                                                  slug=f"a{n:03d}", tags=f"[وسم{n % 7}, العراق]",
                                                  body=f"نص الخبر {n}.\n\n" * 20)
             for n in range(400)}
    root = make_site(files, 'title = "أرشيف"\nbase_url = "https://example.org/"\nsearch = false\n')
    output = tmp_path / "site"
    build(root, output)
    pick = random.Random(18)
    command = [sys.executable, "-m", "ssg", "build", "-s", str(root), "-o", str(output), "-q", "-j", "2"]
    killed = mid_commit = 0
    for trial in range(24):
        story = root / "content" / "2024" / f"a{pick.randrange(400):03d}.md"
        story.write_text(story.read_text(encoding="utf-8") + f"\nتصحيح {trial}.\n", encoding="utf-8")
        if trial % 2 == 0:       # an added article: the model, listings and feeds change too
            (root / "content" / "2024" / f"new{trial}.md").write_text(
                article(f"جديد {trial}", "2024-06-15", slug=f"new{trial}", tags="[العراق]"), encoding="utf-8")
        if trial % 3 != 2:       # a template change renders every page again: a long commit
            (root / "templates").mkdir(exist_ok=True)
            (root / "templates" / "404.html").write_text(f"<p>{trial}</p>\n", encoding="utf-8")
            (root / "templates" / "article.html").write_text(
                "{% extends 'base.html' %}{% block main %}<h1>{{ article.title }}</h1>{{ body }}"
                f"<!-- {trial} -->{{% endblock %}}\n", encoding="utf-8")
        old = tree(output)
        process = subprocess.Popen(command, start_new_session=True, stderr=subprocess.DEVNULL)
        time.sleep(pick.uniform(0.15, 0.65))    # python starts in 0.2 s; these rebuilds take 0.3-0.8 s
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass                 # it finished first
        killed += process.wait() == -signal.SIGKILL
        seen = tree(output)                     # what a reader of site/ gets until the next build
        moving = (cache_folder(root, output) / JOURNAL).exists()
        report = build(root, output)
        assert report.articles >= 400
        assert not list(tmp_path.glob(".site.*-*")), "no work folder is left behind"
        new = tree(output)
        if moving:               # killed while moving files in: each file is old or new
            mid_commit += 1
            assert all(data in (old.get(path), new.get(path)) for path, data in seen.items()), trial
            assert set(old) & set(new) <= set(seen), "no file both builds have is missing"
        else:
            assert seen in (old, new), f"trial {trial}: site/ was the last build or the new one"
        clean = tmp_path / "clean"
        subprocess.run(["rm", "-rf", str(clean)], check=True)
        build(root, clean, use_cache=False)
        assert tree(output) == tree(clean), f"trial {trial}: the build after the kill equals a clean one"
    assert killed >= 12, f"only {killed} of 24 rebuilds were still running when killed (19 here)"
    print(f"{killed} of 24 rebuilds killed, {mid_commit} while moving files into site/")


def indexing(group: int) -> bool:
    """A Pagefind service runs in the process group GROUP."""
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and os.getpgid(int(entry.name)) == group \
                    and b"--service" in (entry / "cmdline").read_bytes():
                return True
        except OSError:
            continue
    return False


def every_file(folder) -> dict[str, bytes]:
    """The whole output, search index included."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_failed_search_index_leaves_site_as_it_was(make_site, tmp_path):
    """Pagefind runs before the commit: when it fails, the pages of the failed rebuild do
    not reach site/, and the error names the `search` line of site.toml with a hint."""
    from tests.helpers import article
    root = make_site({"content/a.md": article("أ", "2024-09-13", slug="a"),
                      "content/b.md": article("ب", "2024-09-12", slug="b")},
                     'title = "أرشيف"\nbase_url = "https://example.org/"\nsearch = true\n')
    output = tmp_path / "site"
    command = [sys.executable, "-m", "ssg", "build", "-s", str(root), "-o", str(output), "-q"]
    subprocess.run(command, check=True)
    before = every_file(output)
    # A Pagefind binary that fails at once, as a broken installation does.
    broken = tmp_path / "pagefind-broken"
    broken.write_text("#!/bin/sh\necho 'Error: the binary is missing' >&2\nexit 1\n", encoding="utf-8")
    broken.chmod(0o755)
    environment = {**__import__("os").environ, "PAGEFIND_BINARY_PATH": str(broken)}
    (root / "content" / "a.md").write_text(article("أ معدّل", "2024-09-13", slug="a"), encoding="utf-8")
    (root / "content" / "c.md").write_text(article("ج", "2024-09-14", slug="c"), encoding="utf-8")

    for extra in ([], ["--clean"]):                # a rebuild, then a build with nothing to reuse
        failed = subprocess.run(command + extra, capture_output=True, text=True, env=environment)
        assert failed.returncode == 1, failed.stderr
        assert ("site.toml:3: the search index could not be built: Pagefind stopped (exit status 1): "
                "Error: the binary is missing") in failed.stderr
        assert "set search = false in site.toml" in failed.stderr and "Traceback" not in failed.stderr
        assert every_file(output) == before, f"site/ as it was ({extra or 'rebuild'})"
        assert not list(tmp_path.glob(".site.*-*")), "no work folder is left behind"

    subprocess.run(command, check=True)
    assert "أ معدّل" in (output / "2024/09/a/index.html").read_text(encoding="utf-8")
    assert (output / "2024/09/c/index.html").is_file()
    shards = json.loads((output / "pagefind" / "shards.json").read_text(encoding="utf-8"))["shards"]
    assert sum(shard["pages"] for shard in shards) == 3, "the index covers the new article"


def test_a_rebuild_killed_while_indexing_leaves_site_as_it_was(make_site, tmp_path):
    """kill -9 of a rebuild while Pagefind runs, three times: site/ is as the last build
    left it, search index included, and the next build brings pages and index in."""
    import os
    import signal
    import time
    from tests.helpers import article
    files = {f"content/a{n:03d}.md": article(f"خبر {n}", f"2024-03-{1 + n % 28:02d}", slug=f"a{n:03d}",
                                             body=f"نص الخبر {n} عن السوق.\n\n" * 30) for n in range(150)}
    root = make_site(files, 'title = "أرشيف"\nbase_url = "https://example.org/"\n')
    output = tmp_path / "site"
    build(root, output)
    command = [sys.executable, "-m", "ssg", "build", "-s", str(root), "-o", str(output), "-q"]
    for trial in range(3):
        before = every_file(output)
        (root / "content" / f"new{trial}.md").write_text(
            article(f"جديد {trial}", "2024-06-15", slug=f"new{trial}", body="كلمةنادرة" + str(trial)),
            encoding="utf-8")
        process = subprocess.Popen(command, start_new_session=True, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while not indexing(process.pid) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
        time.sleep(0.005 * trial)           # Pagefind takes 0.1-0.2 s over these articles
        assert process.poll() is None, "the rebuild was still indexing"
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        assert every_file(output) == before, f"trial {trial}: site/ as it was"
        build(root, output)
        assert (output / "2024/06" / f"new{trial}" / "index.html").is_file()
        shards = json.loads((output / "pagefind" / "shards.json").read_text(encoding="utf-8"))["shards"]
        assert sum(shard["pages"] for shard in shards) == 151 + trial
        assert not list(tmp_path.glob(".site.*-*"))
