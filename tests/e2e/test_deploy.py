"""`ssg deploy` to a real bare git repository and, with rsync, to a local folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import article, require_tool


def run(*args: str, cwd: Path | None = None) -> str:
    return subprocess.run(args, cwd=cwd, check=True, capture_output=True, text=True).stdout


def ssg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ssg", *args], capture_output=True, text=True, cwd=cwd)


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def pages_of(files: dict[str, bytes]) -> set[str]:
    """File names but the search index's, which Pagefind renames whenever the index changes."""
    return {name for name in files if not name.startswith("pagefind/")}


def branch_files(bare: Path, branch: str) -> dict[str, bytes]:
    names = run("git", f"--git-dir={bare}", "ls-tree", "-r", "-z", "--name-only", branch).split("\0")
    return {n: subprocess.run(["git", f"--git-dir={bare}", "show", f"{branch}:{n}"], capture_output=True,
                              check=True).stdout for n in names if n}


def commits(bare: Path, branch: str) -> list[str]:
    return run("git", f"--git-dir={bare}", "rev-list", branch).split()


@pytest.fixture
def newsroom(make_site, tmp_path):
    """A site that is its own git checkout (with uncommitted edits), and a bare remote."""
    require_tool(shutil.which("git") is not None, "git")
    bare = tmp_path / "remote.git"
    run("git", "init", "--bare", "--quiet", str(bare))
    root = make_site({
        "content/a.md": article("أ", "2024-09-01", slug="a", summary='"م"', tags="[ماء]"),
        "content/b.md": article("ب", "2024-09-02", slug="b", summary='"م"', tags="[ماء]"),
    }, f'title = "أرشيف"\nbase_url = "https://example.org/"\n[deploy]\ntarget = "git"\nremote = "{bare}"\n')
    (root / ".gitignore").write_text("site/\n.ssg-cache/\n", encoding="utf-8")
    for command in (["init", "--quiet", "-b", "main"], ["config", "user.email", "editor@example.org"],
                    ["config", "user.name", "Editor"], ["add", "-A"], ["commit", "--quiet", "-m", "first"]):
        run("git", *command, cwd=root)
    (root / "notes.txt").write_text("uncommitted work\n", encoding="utf-8")
    run("git", "add", "notes.txt", cwd=root)
    return root, bare


def checkout_state(root: Path) -> tuple[str, str, str, str]:
    return (run("git", "symbolic-ref", "HEAD", cwd=root), run("git", "rev-parse", "HEAD", cwd=root),
            run("git", "status", "--porcelain", cwd=root), run("git", "ls-files", "--stage", cwd=root))


def test_git_deploy_publishes_exactly_the_built_files(newsroom):
    root, bare = newsroom
    assert ssg("build", "-s", str(root)).returncode == 0
    before = checkout_state(root)
    result = ssg("deploy", "-s", str(root))
    assert result.returncode == 0, result.stderr
    assert "deployed:" in result.stderr
    assert branch_files(bare, "gh-pages") == files_of(root / "site")
    assert ".nojekyll" in branch_files(bare, "gh-pages")
    head = run("git", "rev-parse", "HEAD", cwd=root).strip()
    assert head in run("git", f"--git-dir={bare}", "log", "-1", "--format=%B", "gh-pages")
    assert checkout_state(root) == before, "the user's branch, index and working tree are untouched"
    assert not run("git", "branch", "--list", "gh-pages", cwd=root).strip()

    again = ssg("deploy", "-s", str(root))
    assert again.returncode == 0 and "nothing changed" in again.stderr
    assert len(commits(bare, "gh-pages")) == 1

    first = branch_files(bare, "gh-pages")
    (root / "content/b.md").write_text(article("ب معدّل", "2024-09-02", slug="b", summary='"م"', tags="[ماء]"),
                                       encoding="utf-8")
    assert ssg("build", "-s", str(root)).returncode == 0
    before = checkout_state(root)
    dry = ssg("deploy", "-s", str(root), "--dry-run")
    assert dry.returncode == 0 and "~ 2024/09/b/index.html" in dry.stdout and "nothing was changed" in dry.stderr
    assert len(commits(bare, "gh-pages")) == 1, "--dry-run changes nothing"
    assert ssg("deploy", "-s", str(root)).returncode == 0
    second = branch_files(bare, "gh-pages")
    changed = {name for name in second if first.get(name) != second[name]}
    assert "2024/09/b/index.html" in changed and "2024/09/a/index.html" in changed  # a links to b (newer)
    assert "2024/09/01/index.html" not in changed, "pages that did not change are the same blobs"
    cards = {name for name in pages_of(first) | pages_of(second) if name.startswith("cards/")}
    assert pages_of(second) - cards == pages_of(first) - cards
    assert len(pages_of(second) & cards) == len(pages_of(first) & cards) and pages_of(second) - pages_of(first), \
        "b's new headline is a new share card, in the old one's place"
    assert len(commits(bare, "gh-pages")) == 2
    assert checkout_state(root) == before


def test_deploy_refuses_a_failed_or_stale_build_or_check_problems(newsroom):
    root, bare = newsroom
    assert ssg("build", "-s", str(root)).returncode == 0
    story = root / "content/a.md"
    story.write_text(article("أ", "2024-09-01", slug="a", summary='"م"', tags="[ماء]") + "\nجديد\n",
                     encoding="utf-8")
    os.utime(story, (story.stat().st_atime + 5, story.stat().st_mtime + 5))
    stale = ssg("deploy", "-s", str(root))
    assert stale.returncode == 1 and "changed after the last build" in stale.stderr and "--build" in stale.stderr
    os.utime(story, (story.stat().st_atime - 10, story.stat().st_mtime - 10))
    built = ssg("deploy", "-s", str(root), "--build")
    assert built.returncode == 0, built.stderr

    story.write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
    assert ssg("build", "-s", str(root)).returncode == 1
    failed = ssg("deploy", "-s", str(root))
    assert failed.returncode == 1 and "the last build failed" in failed.stderr
    forced = ssg("deploy", "-s", str(root), "--force")
    assert forced.returncode == 0 and "warning: deploying anyway" in forced.stderr

    story.write_text(article("أ", "2024-09-01", slug="a", summary='"م"', body="[x](/nowhere/)"), encoding="utf-8")
    assert ssg("build", "-s", str(root)).returncode == 0
    broken = ssg("deploy", "-s", str(root))
    assert broken.returncode == 1 and "`ssg check` found 1 problem" in broken.stderr and "/nowhere/" in broken.stderr


def test_secrets_in_remote_urls_are_never_printed(newsroom):
    root, _ = newsroom
    assert ssg("build", "-s", str(root)).returncode == 0
    result = ssg("deploy", "-s", str(root), "--remote", "https://deploy-bot:s3cr3t-token@127.0.0.1:9/x.git")
    assert result.returncode == 1
    assert "git ls-remote failed" in result.stderr
    assert "s3cr3t-token" not in result.stderr + result.stdout


def test_rsync_mirrors_the_site_deletions_included(make_site, tmp_path):
    require_tool(shutil.which("rsync") is not None, "rsync (apt-get install rsync)")
    dest = tmp_path / "www"
    root = make_site({
        "content/a.md": article("أ", "2024-09-01", slug="a", summary='"م"'),
        "content/b.md": article("ب", "2024-09-02", slug="b", summary='"م"'),
    }, f'title = "أرشيف"\nbase_url = "https://example.org/"\n[deploy]\ntarget = "rsync"\ndest = "{dest}"\n')
    assert ssg("build", "-s", str(root)).returncode == 0
    dry = ssg("deploy", "-s", str(root), "--dry-run")
    assert dry.returncode == 0 and "+ 2024/09/a/index.html" in dry.stdout and not any(dest.rglob("*.html"))
    result = ssg("deploy", "-s", str(root))
    assert result.returncode == 0, result.stderr
    assert files_of(dest) == files_of(root / "site")

    (root / "content/b.md").unlink()
    assert ssg("build", "-s", str(root)).returncode == 0
    dry = ssg("deploy", "-s", str(root), "--dry-run")
    assert "- 2024/09/b/index.html" in dry.stdout
    assert ssg("deploy", "-s", str(root)).returncode == 0
    assert files_of(dest) == files_of(root / "site")
    assert not (dest / "2024/09/b").exists()
    again = ssg("deploy", "-s", str(root))
    assert "nothing changed" in again.stderr


def test_mask_secrets():
    from ssg.commands.deploy import mask_secrets
    assert mask_secrets("push to https://bot:tok3n@host/x.git failed") == "push to https://***@host/x.git failed"
    assert mask_secrets("git@github.com:user/repo.git") == "git@github.com:user/repo.git"


def test_no_target_is_a_clear_error(make_site):
    root = make_site({"content/a.md": article(summary='"م"')})
    assert ssg("build", "-s", str(root)).returncode == 0
    result = ssg("deploy", "-s", str(root))
    assert result.returncode == 1 and "no deploy target" in result.stderr and "[deploy]" in result.stderr


def test_a_remote_branch_or_destination_that_starts_with_a_dash_never_reaches_git_or_rsync(newsroom, tmp_path):
    root, _ = newsroom
    assert ssg("build", "-s", str(root)).returncode == 0
    marker = tmp_path / "ran"
    for option, value in (("--remote", f"--upload-pack=touch {marker};false"), ("--branch", "--force"),
                          ("--dest", f"-e touch {marker} #")):
        extra = ["--target", "rsync"] if option == "--dest" else []
        result = ssg("deploy", "-s", str(root), *extra, f"{option}={value}", cwd=tmp_path)
        assert result.returncode == 1, (option, result.stderr)
        assert "starts with '-'" in result.stderr and "Traceback" not in result.stderr
    assert not marker.exists(), "no setting became an option"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["remote.git", "site-src"]), "no folder made"


def test_a_deploy_killed_during_git_add_does_not_block_the_next_one(newsroom):
    root, bare = newsroom
    assert ssg("build", "-s", str(root)).returncode == 0
    # What a kill -9 during `git add` leaves: the private index's lock file.
    cache = root / ".ssg-cache"
    cache.mkdir(exist_ok=True)
    (cache / "deploy.index.lock").write_bytes(b"")
    result = ssg("deploy", "-s", str(root))
    assert result.returncode == 0, result.stderr
    assert branch_files(bare, "gh-pages") == files_of(root / "site")


def test_two_deploys_at_once_are_refused_with_a_clear_message(newsroom):
    import fcntl
    root, _ = newsroom
    assert ssg("build", "-s", str(root)).returncode == 0
    (root / ".ssg-cache").mkdir(exist_ok=True)
    with open(root / ".ssg-cache" / "deploy.lock", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)            # as a running deploy holds it
        result = ssg("deploy", "-s", str(root))
    assert result.returncode == 1 and "another `ssg deploy`" in result.stderr
    assert ssg("deploy", "-s", str(root)).returncode == 0, "free again once the other ends"
