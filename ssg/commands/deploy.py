"""`ssg deploy`: publish site/ to a git branch or, with rsync, to a folder or server.

Each target lists what it would add, change and delete (`--dry-run`), and sends
only what changed. Secrets in remote URLs are never printed.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import subprocess
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Mapping

from ..reading.dialects.context import INCLUDES
from ..incremental.state import CACHE_DIR
from ..errors import CommandError

_USERINFO = re.compile(r"(?<=://)[^/@\s]+@")


class DeployError(CommandError):
    pass


def mask_secrets(text: str) -> str:
    """https://user:token@host/x -> https://***@host/x, wherever it appears in TEXT."""
    return _USERINFO.sub("***@", text)


def not_an_option(value: str, what: str, example: str) -> str:
    """VALUE, which goes to git or rsync as an argument, when it cannot be read as an option."""
    if value.startswith("-"):
        raise DeployError(f"the {what} {mask_secrets(value)!r} starts with '-', which git and rsync would take "
                          f"for an option; write it as e.g. {example}")
    return value


@dataclass(frozen=True, slots=True)
class Plan:
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    deleted: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.deleted)

    def lines(self) -> list[str]:
        return ([f"+ {p}" for p in self.added] + [f"~ {p}" for p in self.changed]
                + [f"- {p}" for p in self.deleted])

    def summary(self) -> str:
        return f"{len(self.added)} added, {len(self.changed)} changed, {len(self.deleted)} deleted"


@dataclass(frozen=True, slots=True)
class DeployResult:
    plan: Plan
    published: bool
    detail: str = ""


def _run(args: list[str], *, cwd: Path | None = None, env: Mapping[str, str] | None = None,
         what: str = "") -> str:
    try:
        done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    except FileNotFoundError:
        raise DeployError(f"{args[0]} is not installed; install it to deploy with it") from None
    if done.returncode != 0:
        output = mask_secrets((done.stderr or done.stdout).strip())
        raise DeployError(f"{what or args[0]} failed: {output}")
    return done.stdout


# --- git ---------------------------------------------------------------------------------

@dataclass
class GitTarget:
    """Commit site/ to BRANCH of REMOTE with git's plumbing, in a private repository under
    .ssg-cache/, so the user's working tree, index and current branch are never touched."""

    site: Path
    remote: str
    branch: str = "gh-pages"
    cache: Path = Path(CACHE_DIR)
    source_repo: Path | None = None        # the site's own repository, for the commit message
    environment: dict[str, str] = field(default_factory=dict)

    def _git(self, *args: str, index: Path | None = None, what: str = "") -> str:
        env = {**os.environ, **self.environment, "GIT_DIR": str(self.repo)}
        env.pop("GIT_WORK_TREE", None)
        if index is not None:
            env["GIT_INDEX_FILE"] = str(index)
        return _run(["git", *args], env=env, what=what or f"git {args[0]}")

    @property
    def repo(self) -> Path:
        return self.cache / "deploy.git"

    def __post_init__(self) -> None:
        not_an_option(self.remote, "remote", "git@host:user/repo.git or ./path/to/repo.git")
        not_an_option(self.branch, "branch", "gh-pages")

    @contextmanager
    def _exclusive(self) -> Iterator[None]:
        """One deploy at a time in this cache. The lock is the kernel's, so it dies with its
        process: whoever holds it knows that git lock files in the private repository and
        index (deploy.index.lock, left by a deploy killed during `git add`) are stale."""
        self.cache.mkdir(parents=True, exist_ok=True)
        with open(self.cache / "deploy.lock", "a") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise DeployError("another `ssg deploy` of this site is running; wait for it to finish") from None
            for stale in [self.cache / "deploy.index.lock", *self.repo.rglob("*.lock")]:
                stale.unlink(missing_ok=True)
            yield

    def _prepare(self) -> str | None:
        """Fetch the branch as it is on the remote; its commit, or None for a new branch."""
        if not (self.repo / "HEAD").exists():
            self.repo.parent.mkdir(parents=True, exist_ok=True)
            _run(["git", "init", "--bare", "--quiet", str(self.repo)], what="git init")
        ref = "refs/ssg/published"
        listing = self._git("ls-remote", "--heads", "--", self.remote, f"refs/heads/{self.branch}",
                            what="git ls-remote")
        if not listing.strip():
            return None
        self._git("fetch", "--quiet", "--no-tags", "--", self.remote, f"+refs/heads/{self.branch}:{ref}",
                  what="git fetch")
        return self._git("rev-parse", ref).strip()

    def _tree(self) -> str:
        index = self.cache / "deploy.index"
        index.unlink(missing_ok=True)
        self._git("--work-tree", str(self.site), "add", "--all", "--force", ".", index=index, what="git add")
        tree = self._git("write-tree", index=index).strip()
        index.unlink(missing_ok=True)
        return tree

    def plan(self) -> tuple[Plan, str | None, str]:
        parent = self._prepare()
        tree = self._tree()
        if parent is None:
            files = self._git("ls-tree", "-r", "--name-only", "-z", tree).split("\0")
            return Plan(added=tuple(sorted(f for f in files if f))), None, tree
        diff = self._git("diff-tree", "-r", "--name-status", "-z", "--no-renames", parent, tree)
        fields = [f for f in diff.split("\0") if f]
        added, changed, deleted = [], [], []
        for status, path in zip(fields[::2], fields[1::2]):
            {"A": added, "M": changed, "D": deleted}.get(status[0], changed).append(path)
        return Plan(tuple(added), tuple(changed), tuple(deleted)), parent, tree

    def deploy(self, dry_run: bool = False) -> DeployResult:
        with self._exclusive():
            plan, parent, tree = self.plan()
            if dry_run or plan.empty:
                return DeployResult(plan, published=False, detail="nothing changed" if plan.empty else "dry run")
            message = "Deploy site" + self._source_description()
            args = ["commit-tree", tree, "-m", message] + (["-p", parent] if parent else [])
            commit = self._git(*args, what="git commit-tree").strip()
            self._git("push", "--quiet", "--", self.remote, f"{commit}:refs/heads/{self.branch}", what="git push")
            return DeployResult(plan, published=True, detail=f"commit {commit[:12]} on {self.branch}")

    def _source_description(self) -> str:
        if self.source_repo is None:
            return ""
        try:
            head = _run(["git", "-C", str(self.source_repo), "rev-parse", "--verify", "--quiet", "HEAD"]).strip()
        except DeployError:
            return ""
        return f" built from {head}" if head else ""


def git_identity(source_repo: Path | None) -> dict[str, str]:
    """Commit as the user when git knows them, else as ssg, so a fresh machine can deploy."""
    env: dict[str, str] = {}
    for key, variable in (("user.name", "NAME"), ("user.email", "EMAIL")):
        value = ""
        if source_repo is not None:
            found = subprocess.run(["git", "-C", str(source_repo), "config", key], capture_output=True, text=True)
            value = found.stdout.strip()
        value = value or ("ssg" if variable == "NAME" else "ssg@localhost")
        env.setdefault(f"GIT_AUTHOR_{variable}", os.environ.get(f"GIT_AUTHOR_{variable}", value))
        env.setdefault(f"GIT_COMMITTER_{variable}", os.environ.get(f"GIT_COMMITTER_{variable}", value))
    return env


# --- rsync -------------------------------------------------------------------------------

@dataclass
class RsyncTarget:
    """Mirror site/ to DEST (a folder or user@host:path) by checksum; new and changed files
    travel first and deletions come last, so no page is missing in between."""

    site: Path
    dest: str

    def __post_init__(self) -> None:
        not_an_option(self.dest, "destination", "./public, /var/www/site or user@host:/var/www/site")

    def _args(self, dry_run: bool) -> list[str]:
        if shutil.which("rsync") is None:
            raise DeployError("rsync is not installed; install it (apt-get install rsync) to deploy with it")
        args = ["rsync", "--recursive", "--links", "--checksum", "--delete-after", "--itemize-changes",
                "--out-format=%i %n"]
        if dry_run:
            args.append("--dry-run")
        dest = self.dest if self.dest.endswith("/") else self.dest + "/"
        return args + ["--", str(self.site) + "/", dest]

    def deploy(self, dry_run: bool = False) -> DeployResult:
        if ":" not in self.dest.split("/")[0]:
            Path(self.dest).mkdir(parents=True, exist_ok=True)
        output = _run(self._args(dry_run), what="rsync")
        plan = parse_itemized(output)
        return DeployResult(plan, published=not dry_run and not plan.empty,
                            detail="dry run" if dry_run else "nothing changed" if plan.empty else f"to {self.dest}")


def parse_itemized(output: str) -> Plan:
    added, changed, deleted = [], [], []
    for line in output.splitlines():
        if line.startswith("*deleting"):
            deleted.append(line.split(None, 1)[1].rstrip("/"))
        elif len(line) > 12 and line[1] == "f":   # a file (not a folder) that travels
            (added if line[2:11].startswith("+++++++") else changed).append(line[12:])
    return Plan(tuple(sorted(added)), tuple(sorted(changed)), tuple(sorted(deleted)))


def freshness_problem(sources: list[Path], built_at: float | None) -> str | None:
    """Why site/ may be stale: sources changed after the last build."""
    if built_at is None:
        return None
    newest, newest_path = 0.0, None
    for source in sources:
        if source.is_file():
            paths = [source]
        else:
            paths = [p for p in source.rglob("*") if p.is_file()] if source.is_dir() else []
        for path in paths:
            mtime = path.stat().st_mtime
            if mtime > newest:
                newest, newest_path = mtime, path
    if newest_path is not None and newest > built_at:
        return f"{newest_path} changed after the last build; run `ssg build` first, or deploy with --build"
    return None


Say = Callable[[str], None]


# --- the command ---------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class DeployRequest:
    target: str | None = None
    remote: str | None = None
    branch: str | None = None
    dest: str | None = None
    dry_run: bool = False
    force: bool = False


def choose_target(config, request: DeployRequest):
    """The [deploy] table of site.toml, each value overridable on the command line."""
    settings = {**dict(config.deploy), **{k: v for k, v in (("target", request.target), ("remote", request.remote),
                                                             ("branch", request.branch), ("dest", request.dest)) if v}}
    target = settings.get("target") or ("rsync" if "dest" in settings else "git" if "remote" in settings else None)
    if target == "git":
        if not settings.get("remote"):
            raise DeployError("the git target needs a remote: [deploy] remote = \"git@host:user/repo.git\", "
                              "or --remote URL")
        repo = config.root if (config.root / ".git").exists() else None
        return GitTarget(config.output_dir, settings["remote"], settings.get("branch", "gh-pages"),
                         cache=config.root / CACHE_DIR, source_repo=repo, environment=git_identity(repo))
    if target == "rsync":
        if not settings.get("dest"):
            raise DeployError("the rsync target needs a destination: [deploy] dest = \"user@host:/var/www/site\", "
                              "or --dest PATH")
        return RsyncTarget(config.output_dir, settings["dest"])
    raise DeployError('no deploy target: add [deploy] with target = "git" (and remote) or target = "rsync" '
                      "(and dest) to site.toml, or pass --target")


def preflight(config, last_build, problems: list, force: bool, say: Say) -> None:
    """Refuse to publish a failed, stale or broken build, unless forced (with a warning)."""
    reasons = []
    if not config.output_dir.is_dir():
        raise DeployError(f"{config.output_dir} does not exist; run `ssg build` first, or deploy with --build")
    if last_build is not None and not last_build.ok:
        reasons.append(f"the last build failed with {last_build.errors} error(s); fix them and build again")
    sources = [config.content_dir, config.root / "templates", config.root / "static", config.root / INCLUDES,
               config.root / config.settings_file, *(config.root / name for name in config.copy)]
    stale = freshness_problem(sources, last_build.finished if last_build else None)
    if stale:
        reasons.append(stale)
    if problems:
        shown = "\n    ".join(str(p) for p in problems[:20])
        more = f"\n    ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        reasons.append(f"`ssg check` found {len(problems)} problem(s):\n    {shown}{more}")
    if not reasons:
        return
    if not force:
        raise DeployError("not deploying: " + "\n".join(reasons) + "\n(--force deploys anyway)")
    for reason in reasons:
        say(f"warning: deploying anyway (--force): {reason}")
