#!/usr/bin/env python3
"""Benchmark driver: ssg against peer static site generators on a generated Arabic corpus.

    python3 benchmarks/run.py --sizes 1000,10000 [--peers hugo,pelican,eleventy]
                              [--repeat 1] [--work /work/bench-work]
                              [--report benchmarks/RESULTS.md] [--timeout 900]

Python 3 standard library only (run it with the system python3). For every size
it generates the corpus (cached in the work folder), lays out ssg's site folder
and each peer's project for that corpus (skeletons in benchmarks/peers/), and
times five cases per tool:

    cold      outputs and tool caches moved aside (WORK/trash), sync, a quiet --settle wait, a full build
    noop      the same build again, nothing changed
    edit      one article's body changed (a paragraph appended)
    add       one new article added (article N+1 of the same generator)
    template  the article-page template changed (a comment added)

Each measurement is one process tree: wall seconds, CPU seconds (user + sys of
the process and all its children) and peak RSS of the largest process in it
(os.wait4 rusage, as GNU time reports it). After each run the HTML files in the
output are counted, and those the run wrote (new or with a new mtime).
Install the peers first with benchmarks/install_peers.sh.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import importlib.util
import json
import os
import platform
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SKEL = HERE / "peers"
CASES = ("cold", "noop", "edit", "add", "template")
CASE_TEXT = {
    "cold": "cold build: output and tool caches moved aside",
    "noop": "rebuild, nothing changed",
    "edit": "rebuild after one article's body was edited",
    "add": "rebuild after one article was added",
    "template": "rebuild after the article template was edited",
}
ALL_PEERS = ("hugo", "hugo-pagefind", "pelican", "pelican-cache", "eleventy")
EDIT_MARK = "\nفقرة أضيفت لقياس إعادة البناء بعد تعديل مقال واحد، رقم {n}.\n"  # the file ends in "\n"
# An element, not a comment: Go's html/template (Hugo) drops HTML comments.
TEMPLATE_MARK = '\n<span class="bench-template-edit-{n}"></span>\n'


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def sh(argv, cwd=None, env=None, timeout=60) -> str:
    """Output of a short informational command, or '' when it fails."""
    try:
        r = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    except (OSError, subprocess.SubprocessError):
        return ""
    return (r.stdout or r.stderr).strip() if r.returncode == 0 else ""


def rmtree(p: Path) -> None:
    if p.is_symlink() or p.is_file():
        p.unlink()
    elif p.exists():
        shutil.rmtree(p)
    else:
        return
    disturbed()


# --------------------------------------------------------------------------- trash and settling
#
# On ext4 without a journal, the inode allocator skips every free inode deleted in the last
# 60 s (300 s while its inode-table block is dirty), so creating files right after many were
# deleted is slow. The driver therefore never deletes during a run: discard() moves a path into
# WORK/trash (a rename, no inode freed), emptied at the start (leftovers) and end of the run,
# and each cold build waits for `--settle` seconds without a build or a deletion (settle()).

TRASH: dict = {"dir": None, "seq": 0}
TRASH_NAME = re.compile(r"^bench-\d+-\d+-")  # bench-PID-SEQ-NAME: what discard() makes
LAST_DISTURBANCE = [time.monotonic()]  # what happened before the driver started is unknown


def disturbed() -> None:
    """Note that a measured build ended or something was deleted just now."""
    LAST_DISTURBANCE[0] = time.monotonic()


def discard(p: Path) -> None:
    """Move p (file, symlink or folder) into the trash instead of deleting it."""
    if not (p.is_symlink() or p.exists()):
        return
    trash = TRASH["dir"]
    if trash is None:
        rmtree(p)
        return
    trash.mkdir(parents=True, exist_ok=True)
    TRASH["seq"] += 1
    dest = trash / f"bench-{os.getpid()}-{TRASH['seq']:05d}-{p.name}"
    try:
        os.rename(p, dest)
    except OSError as e:  # e.g. another file system: delete after all
        log(f"could not move {p} to the trash ({e}); deleting it")
        rmtree(p)


def empty_trash(why: str) -> None:
    """Delete what discard() put in the trash (this run's or an interrupted run's); leave anything else."""
    trash = TRASH["dir"]
    if trash is None or not trash.is_dir():
        return
    entries = sorted(trash.iterdir())
    ours = [e for e in entries if TRASH_NAME.match(e.name)]
    others = [e.name for e in entries if not TRASH_NAME.match(e.name)]
    if others:
        log(f"trash: leaving {len(others)} entr{'y' if len(others) == 1 else 'ies'} not made by run.py in {trash}: "
            f"{', '.join(others[:5])}{' ...' if len(others) > 5 else ''}")
    if not ours:
        return
    t0 = time.monotonic()
    for e in ours:
        rmtree(e)
    log(f"trash: deleted {len(ours)} entr{'y' if len(ours) == 1 else 'ies'} ({why}) in {time.monotonic() - t0:.1f} s")


def settle(seconds: float) -> tuple[float, float]:
    """sync, then sleep until `seconds` have passed since the last build or deletion; (sync s, sleep s)."""
    t0 = time.monotonic()
    os.sync()
    t1 = time.monotonic()
    wait = max(0.0, LAST_DISTURBANCE[0] + seconds - t1)
    time.sleep(wait)
    return t1 - t0, wait


def tail(text: str, lines: int = 20, chars: int = 3000) -> str:
    t = "\n".join(text.rstrip().splitlines()[-lines:])
    return t[-chars:]


# --------------------------------------------------------------------------- corpus

def load_generator():
    spec = importlib.util.spec_from_file_location("bench_gen_corpus", HERE / "gen_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def corpus_stats(root: Path) -> dict:
    """Count what the peers should build from the corpus: articles, tags, years, months."""
    n = size = 0
    tags, years, months = set(), set(), set()
    for d, dirs, files in os.walk(root):
        dirs.sort()
        for f in files:
            if not f.endswith(".md"):
                continue
            p = os.path.join(d, f)
            n += 1
            size += os.path.getsize(p)
            in_tags = False
            with open(p, encoding="utf-8") as fh:
                for i, line in enumerate(fh):
                    if i > 0 and line.startswith("---"):
                        break
                    if line.startswith("date: "):
                        years.add(line[6:10])
                        months.add(line[6:13])
                    if line.startswith("tags:"):
                        in_tags = True
                        continue
                    if in_tags and line.startswith("  - "):
                        tags.add(json.loads(line[4:]))
                    else:
                        in_tags = False
    return {"articles": n, "bytes": size, "tags": len(tags), "years": len(years), "months": len(months),
            # one page per article, per tag, per year, per month, + home + tag index
            "peer_pages": n + len(tags) + len(years) + len(months) + 2}


def ensure_corpus(work: Path, n: int, seed: str) -> tuple[Path, dict]:
    gen_src = (HERE / "gen_corpus.py").read_bytes()
    key = {"n": n, "seed": seed, "generator_sha256": hashlib.sha256(gen_src).hexdigest()}
    root = work / "corpus" / f"seed-{seed}" / str(n)
    stamp = root.parent / f"{n}.json"
    if root.is_dir() and stamp.is_file():
        try:
            info = json.loads(stamp.read_text())
            if info.get("key") == key:
                log(f"corpus {n}: cached in {root}")
                return root, info["stats"]
        except (OSError, ValueError):
            pass
    log(f"corpus {n}: generating in {root}")
    tmp = root.parent / f".{n}.tmp"
    discard(tmp)
    tmp.parent.mkdir(parents=True, exist_ok=True)
    r = subprocess.run([sys.executable, str(HERE / "gen_corpus.py"), str(tmp), str(n), "--seed", seed],
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"gen_corpus.py failed:\n{tail(r.stderr)}")
    discard(root)
    tmp.rename(root)
    stats = corpus_stats(root)
    stamp.write_text(json.dumps({"key": key, "stats": stats}, indent=1))
    return root, stats


# --------------------------------------------------------------------------- measuring

RUNNING: dict = {}  # the build being measured: {"pid": ...}
TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def busy_seconds() -> float | None:
    """CPU seconds all processes of the machine have used since boot (from /proc/stat)."""
    try:
        with open("/proc/stat", encoding="ascii") as f:
            v = [int(x) for x in f.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    idle = v[3] + (v[4] if len(v) > 4 else 0)
    return (sum(v[:8]) - idle) / TICK


def wait_idle(limit: float) -> float:
    """Wait (at most limit seconds) until other processes use under 15 % of one core; return the wait."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < limit:
        b0 = busy_seconds()
        time.sleep(1.0)
        b1 = busy_seconds()
        if b0 is None or b1 is None or b1 - b0 < 0.15:
            break
    return time.monotonic() - t0


def stop_running(signum, frame):
    """On SIGTERM/SIGINT, end the build being measured (it runs in its own session), then exit."""
    pid = RUNNING.get("pid")
    if pid:
        try:
            os.killpg(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    raise SystemExit(128 + signum)


PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class TreeRss(threading.Thread):
    """Samples the summed resident memory of every process of one session (a build and the workers it
    starts), every `interval` seconds. rusage only knows the largest single process, which understates a
    tool that builds with a pool of processes. In the RSS sum, pages shared between them (a forked
    worker's inherited memory) are counted once per process; in the PSS sum, each shared page is
    divided among the processes sharing it, so the sum is the memory the build takes from the machine."""

    def __init__(self, sid: int, interval: float = 0.1):
        super().__init__(daemon=True)
        self.sid, self.interval, self.peak, self.samples = sid, interval, 0, 0
        self.peak_pss = 0
        self.done = threading.Event()

    def sample(self) -> int:
        total = pss = 0
        try:
            names = os.listdir("/proc")
        except OSError:
            return 0
        for name in names:
            if not name.isdigit():
                continue
            try:
                with open(f"/proc/{name}/stat", "rb") as f:
                    st = f.read()
                if int(st[st.rfind(b")") + 2:].split()[3]) != self.sid:  # state ppid pgrp session
                    continue
                with open(f"/proc/{name}/statm", "rb") as f:
                    total += int(f.read().split()[1]) * PAGE
                pss += proportional_set_size(name)
            except (OSError, ValueError, IndexError):
                continue
        self.peak_pss = max(self.peak_pss, pss)
        return total

    def run(self):
        while not self.done.is_set():
            self.peak = max(self.peak, self.sample())
            self.samples += 1
            self.done.wait(self.interval)


def proportional_set_size(pid: str) -> int:
    """Bytes of PSS of one process (0 where the kernel does not report it)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def measure(argv, cwd: Path, env: dict, timeout: float, log_prefix: Path) -> dict:
    """Run one command; wall, CPU (user+sys, children included) and peak RSS from wait4."""
    out_f = open(f"{log_prefix}.stdout", "wb")
    err_f = open(f"{log_prefix}.stderr", "wb")
    timed_out = threading.Event()
    try:
        busy0 = busy_seconds()
        t0 = time.perf_counter()
        try:
            p = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out_f, stderr=err_f,
                                 start_new_session=True)
            RUNNING["pid"] = p.pid
            tree = TreeRss(p.pid)
            tree.start()
        except OSError as e:
            return {"ok": False, "rc": None, "error": f"could not start {argv[0]}: {e}", "wall": None,
                    "cpu": None, "peak_mib": None, "timed_out": False, "stderr_tail": str(e)}

        def kill():
            timed_out.set()
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.daemon = True
        timer.start()
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        disturbed()
        busy1 = busy_seconds()
        tree.done.set()
        RUNNING.pop("pid", None)
        timer.cancel()
        p.returncode = os.waitstatus_to_exitcode(status)
        try:  # anything the tool left running in its session
            os.killpg(p.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    finally:
        out_f.close()
        err_f.close()
    err = Path(f"{log_prefix}.stderr").read_text(encoding="utf-8", errors="replace")
    outt = Path(f"{log_prefix}.stdout").read_text(encoding="utf-8", errors="replace")
    res = {"rc": p.returncode, "wall": wall, "cpu": ru.ru_utime + ru.ru_stime,
           "peak_mib": ru.ru_maxrss / 1024.0, "timed_out": timed_out.is_set()}
    tree.join(5)
    res["tree_peak_mib"] = max(tree.peak / 2**20, res["peak_mib"])
    res["tree_pss_mib"] = tree.peak_pss / 2**20 or None
    res["tree_samples"] = tree.samples
    # CPU time the rest of the machine used meanwhile: a busy machine makes the figures unreliable
    if busy0 is not None and busy1 is not None:
        res["other_cpu"] = max(0.0, (busy1 - busy0) - res["cpu"])
    res["ok"] = p.returncode == 0 and not res["timed_out"]
    if res["timed_out"]:
        res["error"] = f"timed out after {timeout:g} s (killed)"
    elif p.returncode != 0:
        res["error"] = f"exit status {p.returncode}"
    if not res["ok"]:
        res["stderr_tail"] = tail(err) or tail(outt) or "(no output)"
    return res


def snapshot(out: Path) -> dict:
    """HTML files under out: relative path -> (mtime_ns, inode, size)."""
    snap = {}
    if not out.is_dir():
        return snap
    stack = [out]
    while stack:
        d = stack.pop()
        with os.scandir(d) as it:
            for e in it:
                if e.is_dir(follow_symlinks=False):
                    stack.append(Path(e.path))
                elif e.name.endswith(".html"):
                    st = e.stat(follow_symlinks=False)
                    snap[e.path[len(str(out)):]] = (st.st_mtime_ns, st.st_ino, st.st_size)
    return snap


def count_files(out: Path) -> tuple[int, int]:
    n = size = 0
    for d, _, files in os.walk(out):
        for f in files:
            n += 1
            size += os.path.getsize(os.path.join(d, f))
    return n, size


# --------------------------------------------------------------------------- tools

class Tool:
    """One generator under test, with a project folder for one corpus."""
    name = "?"
    is_peer = True

    def __init__(self, args, work: Path):
        self.args = args
        self.work = work
        self.peers = work / "peers"
        self.proj: Path | None = None

    # -- per tool
    def missing(self) -> str | None:
        return None

    def version(self) -> str:
        return ""

    def layout(self, corpus: Path) -> None:
        raise NotImplementedError

    @property
    def content(self) -> Path:
        return self.proj / "content"

    @property
    def out(self) -> Path:
        return self.proj / "out"

    def template(self) -> Path:
        raise NotImplementedError

    def caches(self) -> list[Path]:
        return []

    def command(self) -> list[str]:
        raise NotImplementedError

    def env(self) -> dict:
        env = dict(os.environ)
        env.setdefault("LANG", "C.UTF-8")
        return env

    def describe(self) -> str:
        return " ".join(shlex.quote(a) for a in self.command()).replace(str(self.proj), "$PROJECT")

    # -- common
    def setup(self, proj: Path, corpus: Path) -> None:
        self.proj = proj
        discard(proj)
        proj.mkdir(parents=True)
        self.layout(corpus)

    def clean_cold(self) -> None:
        """Move the output and the tool's caches aside (into the trash: nothing is deleted)."""
        discard(self.out)
        for c in self.caches():
            discard(c)
        for p in self.out.parent.glob(f".{self.out.name}.staging-*"):
            discard(p)
        for p in self.out.parent.glob(f".{self.out.name}.previous-*"):
            discard(p)

    def add_article(self, gen, i: int) -> Path:
        rel, text = gen.article(i)
        path = self.content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        return path


class Ssg(Tool):
    name = "ssg"
    is_peer = False

    def __init__(self, args, work):
        super().__init__(args, work)
        self.bin = args.ssg

    def missing(self):
        if not (os.path.isfile(self.bin) and os.access(self.bin, os.X_OK)) and not shutil.which(self.bin):
            return f"ssg not found at {self.bin} (make build, or --ssg PATH)"
        if not self.theme_article():
            return "could not find the default theme's templates/article.html"
        return None

    def python(self) -> str:
        p = Path(shutil.which(self.bin) or self.bin).parent / "python"
        return str(p) if p.exists() else sys.executable

    def theme_article(self) -> Path | None:
        code = ("import sys, pathlib\n"
                "cands = []\n"
                "try:\n from ssg.theme import builtin_themes\n cands += builtin_themes()\n"
                "except Exception:\n pass\n"
                "import ssg\n"
                "cands.append(pathlib.Path(ssg.__file__).resolve().parent.parent / 'themes')\n"
                "for c in cands:\n"
                " p = pathlib.Path(c) / 'default' / 'templates' / 'article.html'\n"
                " if p.is_file():\n  print(p); break\n")
        out = sh([self.python(), "-c", code], cwd="/")  # not the cwd's ssg/
        return Path(out) if out and Path(out).is_file() else None

    def module_dir(self) -> Path | None:
        out = sh([self.python(), "-c", "import ssg, os; print(os.path.dirname(os.path.realpath(ssg.__file__)))"],
                 cwd="/")
        return Path(out) if out else None

    def setup(self, proj: Path, corpus: Path) -> None:
        super().setup(proj, corpus)
        # Byte-compile ssg as pip does when it installs a wheel (the peers' Python code was
        # compiled so): an editable checkout run with PYTHONDONTWRITEBYTECODE=1 would
        # otherwise compile every module on every run.
        module = self.module_dir()
        if module:
            sh([self.python(), "-m", "compileall", "-q", str(module)], cwd="/")

    def from_checkout(self) -> bool:
        """True when this ssg runs the sources of this checkout (an editable install)."""
        m = self.module_dir()
        return bool(m) and m == (REPO / "ssg").resolve()

    def version(self):
        v = sh([self.bin, "--version"]) or "?"
        if self.args.ssg_label:
            v += f", {self.args.ssg_label}"
        rev = sh(["git", "--no-optional-locks", "-C", str(REPO), "rev-parse", "--short", "HEAD"])
        if not self.from_checkout():
            v += f", installed at {self.module_dir()}"
        elif rev:
            dirty = sh(["git", "--no-optional-locks", "-C", str(REPO), "status", "--porcelain",
                        "--untracked-files=no", "--", "ssg", "themes", "pyproject.toml"])
            v += f", commit {rev}" + (" + uncommitted changes in ssg/ or themes/" if dirty else "")
        py = sh([self.python(), "--version"])
        return f"{v} ({py})" if py else v

    @property
    def site(self) -> Path:
        return self.proj / "site"

    @property
    def content(self):
        return self.site / "content"

    def layout(self, corpus):
        shutil.copytree(corpus, self.content)
        (self.site / "site.toml").write_text(
            'title = "أرشيف"\nbase_url = "https://example.org/"\nlanguage = "ar"\n'
            # No search index: the peers build none (Pagefind's own cost is reported apart). No
            # share cards: the peers make none (benchmarks/pictures.py measures them, on by default).
            'timezone = "Asia/Baghdad"\nper_page = 20\nsearch = false\nshare_cards = "none"\n', encoding="utf-8")
        # The theme's own article template as a site override (same output), so that
        # the "template" case edits a template file as it does for the peers.
        (self.site / "templates").mkdir()
        shutil.copy2(self.theme_article(), self.site / "templates" / "article.html")

    def template(self):
        return self.site / "templates" / "article.html"

    def caches(self):
        # The incremental cache ssg is getting: deleted before "cold" only.
        return [self.site / ".ssg-cache", self.proj / ".ssg-cache"]

    def command(self):
        return [self.bin, "build", "-s", str(self.site), "-o", str(self.out), "-q"]


class SsgSearch(Ssg):
    """ssg as a new site has it: search on (the default), so every build keeps its index."""
    name = "ssg-search"

    def layout(self, corpus):
        super().layout(corpus)
        toml = self.site / "site.toml"
        toml.write_text(toml.read_text(encoding="utf-8").replace("search = false\n", ""), encoding="utf-8")


class Hugo(Tool):
    name = "hugo"

    def missing(self):
        return None if shutil.which("hugo") else "hugo not installed (bash benchmarks/install_peers.sh)"

    def version(self):
        return sh(["hugo", "version"])

    def layout(self, corpus):
        shutil.copytree(SKEL / "hugo", self.proj, dirs_exist_ok=True)
        shutil.copytree(corpus, self.content)
        # _index.md in every YYYY and YYYY/MM folder makes them sections: Hugo 0.111 has no
        # date archives of its own, so these are the year and month pages.
        for year in sorted(p for p in self.content.iterdir() if p.is_dir()):
            self.stub(year)
            for month in sorted(p for p in year.iterdir() if p.is_dir()):
                self.stub(month)

    def stub(self, folder: Path):
        idx = folder / "_index.md"
        if not idx.exists():
            rel = folder.relative_to(self.content).as_posix()
            idx.write_text(f'---\ntitle: "أرشيف {rel}"\n---\n', encoding="utf-8")

    def add_article(self, gen, i):
        path = super().add_article(gen, i)
        self.stub(path.parent.parent)
        self.stub(path.parent)
        return path

    def template(self):
        return self.proj / "layouts" / "_default" / "single.html"

    def caches(self):
        return [self.proj / ".hugo-cache", self.proj / "resources", self.proj / ".hugo_build.lock"]

    def command(self):
        return ["hugo", "--quiet", "--cacheDir", str(self.proj / ".hugo-cache"), "-d", str(self.out)]


class HugoPagefind(Hugo):
    """What a Hugo user with search runs: Hugo, then the Pagefind CLI over its output (every
    page: the peers' templates mark no search body). Pagefind has no incremental mode, so
    each rebuild indexes the whole site again. Pagefind is the PyPI package of REPO's
    .venv, the version ssg uses."""
    name = "hugo-pagefind"

    def pagefind(self) -> list[str]:
        return [str(REPO / ".venv" / "bin" / "python"), "-m", "pagefind"]

    def missing(self):
        if not sh(self.pagefind() + ["--version"]):
            return "the Pagefind CLI is not in .venv (make build)"
        return super().missing()

    def version(self):
        return super().version() + "; " + sh(self.pagefind() + ["--version"])

    def command(self):
        hugo = " ".join(shlex.quote(a) for a in super().command())
        pagefind = " ".join(shlex.quote(a) for a in self.pagefind() + ["--site", str(self.out), "--silent"])
        return ["sh", "-c", f"{hugo} && {pagefind}"]


class Pelican(Tool):
    name = "pelican"
    settings = "pelicanconf.py"

    def pelican(self) -> Path:
        return self.peers / "venv" / "bin" / "pelican"

    def missing(self):
        return None if self.pelican().exists() else f"{self.pelican()} missing (bash benchmarks/install_peers.sh)"

    def version(self):
        v = sh([str(self.pelican()), "--version"])
        md = sh([str(self.peers / "venv" / "bin" / "python"), "-c",
                 "import markdown, sys; "
                 "print('Python-Markdown', markdown.__version__ + ', Python', sys.version.split()[0])"])
        return f"pelican {v} ({md})" if v else ""

    def layout(self, corpus):
        shutil.copytree(SKEL / "pelican", self.proj, dirs_exist_ok=True)
        shutil.copytree(corpus, self.content)

    def template(self):
        return self.proj / "theme" / "templates" / "article.html"

    def caches(self):
        return [self.proj / "cache", self.proj / "__pycache__"]

    def command(self):
        return [str(self.pelican()), "-q", "--fatal", "errors", "-s", self.settings, "-o", str(self.out)]


class PelicanCache(Pelican):
    """Pelican with its content cache on (reader layer, no gzip, mtime checks)."""
    name = "pelican-cache"
    settings = "pelicanconf_cache.py"


class Eleventy(Tool):
    name = "eleventy"

    def bin(self) -> Path:
        return self.peers / "eleventy" / "node_modules" / ".bin" / "eleventy"

    def missing(self):
        if not shutil.which("node"):
            return "node not installed"
        return None if self.bin().exists() else f"{self.bin()} missing (bash benchmarks/install_peers.sh)"

    def version(self):
        v = sh([str(self.bin()), "--version"])
        return f"eleventy {v} (Node {sh(['node', '--version'])})" if v else ""

    @property
    def content(self):
        return self.proj / "site" / "posts"

    def layout(self, corpus):
        shutil.copytree(SKEL / "eleventy", self.proj, dirs_exist_ok=True)
        (self.proj / "node_modules").symlink_to(self.peers / "eleventy" / "node_modules")
        shutil.copytree(corpus, self.content, dirs_exist_ok=True)

    def template(self):
        return self.proj / "site" / "_includes" / "post.njk"

    def caches(self):
        return [self.proj / ".cache"]

    def command(self):
        return [str(self.bin()), "--quiet", "--input=site", f"--output={self.out}"]


TOOLS = {"ssg": Ssg, "ssg-search": SsgSearch, "hugo": Hugo, "hugo-pagefind": HugoPagefind, "pelican": Pelican,
         "pelican-cache": PelicanCache, "eleventy": Eleventy}
# Whom each tool's ratios divide by: the search-on pair compares with each other.
BASELINE = {"hugo-pagefind": "ssg-search"}


# --------------------------------------------------------------------------- changes

def edit_article(path: Path, n: int) -> None:
    with open(path, "a", encoding="utf-8", newline="\n") as f:
        f.write(EDIT_MARK.format(n=n))


def edit_template(path: Path, n: int) -> str:
    """Add an empty element inside the article element (every article page changes)."""
    text = path.read_text(encoding="utf-8")
    mark = TEMPLATE_MARK.format(n=n)
    m = re.search(r"<article\b[^>]*>", text)
    if m:
        text = text[:m.end()] + mark + text[m.end():]
        how = "empty <span> inserted after <article>"
    else:
        m = re.search(r"{%-?\s*block\s+\w+\s*-?%}", text)
        if not m:
            raise RuntimeError(f"no <article> or block in {path}")
        text = text[:m.end()] + mark + text[m.end():]
        how = "empty <span> inserted after the first block tag"
    path.write_text(text, encoding="utf-8")
    return how


def page_of(out: Path, rel: str) -> Path:
    """Output page of the article at content path YYYY/MM/slug.md (every tool uses /YYYY/MM/slug/)."""
    return out / rel[:-len(".md")] / "index.html"


def check_change(out: Path, case: str, rep: int, edit_rel: str, added_rel: str, first_rel: str):
    """True when the output shows the change the case made, else what is missing (None: nothing to check)."""
    def has(rel, needle):
        p = page_of(out, rel)
        try:
            return needle in p.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
    if case == "edit":
        needle = EDIT_MARK.format(n=rep).strip().rstrip(".")
        return True if has(edit_rel, needle) else f"the edited paragraph is not in the page of {edit_rel}"
    if case == "add":
        return True if page_of(out, added_rel).is_file() else f"no page for the added article {added_rel}"
    if case == "template":
        needle = f"bench-template-edit-{rep}"
        missing = [r for r in (first_rel, edit_rel) if not has(r, needle)]
        return True if not missing else f"the template change is not in the page of {', '.join(missing)}"
    return None


# --------------------------------------------------------------------------- running

def run_tool_size(tool: Tool, n: int, corpus: Path, gen, args, work: Path) -> dict:
    """All cases, `repeat` times, for one tool and size. Returns per-case lists of runs."""
    runs = {c: [] for c in args.cases}
    notes = []
    edit_i = min(82, n)
    edit_rel, _ = gen.article(edit_i)
    first_rel, _ = gen.article(1)
    logdir = work / "logs" / str(n)
    logdir.mkdir(parents=True, exist_ok=True)
    stop = None
    for rep in range(args.repeat):
        proj = work / "runs" / str(n) / tool.name
        log(f"{tool.name} {n}: setting up {proj} (repeat {rep + 1}/{args.repeat})")
        tool.setup(proj, corpus)
        for case in args.cases:
            if case == "cold":
                tool.clean_cold()
            elif case == "edit":
                edit_article(tool.content / edit_rel, rep)
            elif case == "add":
                tool.add_article(gen, n + 1)
            elif case == "template":
                how = edit_template(tool.template(), rep)
                if rep == 0:
                    notes.append(f"template: {tool.template().relative_to(proj)}, {how}")
            before = snapshot(tool.out)
            settled = 0.0
            if case == "cold" and args.settle > 0:
                synced, slept = settle(args.settle)
                settled = synced + slept
                log(f"{tool.name} {n}: settle: sync {synced:.1f} s, then waited {slept:.1f} s "
                    f"(cold build {args.settle:g} s after the last build or deletion)")
            waited = wait_idle(args.wait_idle) if args.wait_idle > 0 else 0.0
            res = measure(tool.command(), tool.proj, tool.env(), args.timeout,
                          logdir / f"{tool.name}-{case}-{rep + 1}")
            after = snapshot(tool.out)
            res["pages"] = len(after)
            res["settled"] = settled
            res["waited_idle"] = waited
            res["written"] = sum(1 for k, v in after.items() if before.get(k) != v)
            res["files"], res["bytes"] = count_files(tool.out) if tool.out.is_dir() else (0, 0)
            res["seen"] = check_change(tool.out, case, rep, edit_rel, gen.article(n + 1)[0], first_rel) \
                if res["ok"] else None
            if res["ok"] and res["pages"] == 0:
                res["ok"] = False
                res["error"] = "exit status 0 but no HTML file in the output"
                res["stderr_tail"] = tail(Path(f"{logdir}/{tool.name}-{case}-{rep + 1}.stderr").read_text(
                    encoding="utf-8", errors="replace")) or "(no output)"
            runs[case].append(res)
            status = "ok" if res["ok"] else f"FAILED: {res.get('error')}"
            if res["ok"] and res["seen"] not in (None, True):
                status = f"ok, but STALE OUTPUT: {res['seen']}"
            if res.get("other_cpu") is not None and res["wall"] and res["other_cpu"] > 0.1 * res["wall"]:
                status += f" (other processes used {res['other_cpu']:.1f} CPU s meanwhile)"
            log(f"{tool.name:13} {n:>7} {case:8} wall {res['wall'] or 0:8.2f} s  cpu {res['cpu'] or 0:8.2f} s  "
                f"peak {res['peak_mib'] or 0:7.0f} MiB  pages {res['pages']:>6}  written {res['written']:>6}  {status}")
            if not res["ok"]:
                if res.get("timed_out") and case == "cold":
                    stop = f"cold build exceeded the {args.timeout:g} s limit"
                elif res.get("timed_out"):
                    stop = f"{case} rebuild exceeded the {args.timeout:g} s limit"
                elif case == "cold":
                    stop = "cold build failed"
                if stop:
                    break
        if stop:
            break
    return {"runs": runs, "notes": notes, "stopped": stop, "command": tool.describe(),
            "edit_article": edit_rel, "added_article": gen.article(n + 1)[0]}


def summarize(case_runs: list) -> dict | None:
    ok = [r for r in case_runs if r["ok"]]
    if not case_runs:
        return None
    if not ok:
        return {"ok": False, "error": case_runs[-1].get("error"), "runs": len(case_runs)}

    def med(k):
        return statistics.median(r[k] for r in ok)
    return {"ok": True, "n": len(ok), "wall": med("wall"), "wall_min": min(r["wall"] for r in ok),
            "wall_max": max(r["wall"] for r in ok), "cpu": med("cpu"), "peak_mib": max(r["peak_mib"] for r in ok),
            "pages": ok[-1]["pages"], "written": ok[-1]["written"], "files": ok[-1]["files"],
            "bytes": ok[-1]["bytes"], "failed_runs": len(case_runs) - len(ok),
            "stale": [r["seen"] for r in ok if r.get("seen") not in (None, True)],
            "other_cpu": max((r.get("other_cpu") or 0.0) for r in ok),
            "tree_peak_mib": max(r.get("tree_peak_mib") or r["peak_mib"] for r in ok),
            "tree_pss_mib": max((r.get("tree_pss_mib") or 0.0) for r in ok) or None}


# --------------------------------------------------------------------------- report

def source_digest() -> str:
    """Digest of ssg's sources (ssg/, themes/) in this checkout: ssg is installed editable, so an
    edit made while the benchmark runs changes what is measured."""
    h = hashlib.sha256()
    for top in ("ssg", "themes"):
        for d, dirs, files in os.walk(REPO / top):
            dirs[:] = sorted(x for x in dirs if x != "__pycache__")
            for f in sorted(files):
                p = os.path.join(d, f)
                h.update(p.encode())
                try:
                    h.update(Path(p).read_bytes())
                except OSError:
                    pass
    return h.hexdigest()[:12]


def loadavg() -> str:
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def work_filesystem(path: Path) -> str:
    """The file system holding path and whether it has a journal (ext3/4: from /sys/fs/ext4/DEV/journal_task)."""
    best = None
    try:
        with open("/proc/self/mountinfo", encoding="utf-8") as f:
            for line in f:
                left, _, right = line.partition(" - ")
                fields, more = left.split(), right.split()
                point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), fields[4])
                inside = str(path) == point or str(path).startswith(point.rstrip("/") + "/")
                if inside and (best is None or len(point) >= len(best[0])):
                    best = (point, fields[2], more[0], more[1] if len(more) > 1 else "?")
    except (OSError, IndexError):
        return "unknown"
    if best is None:
        return "unknown"
    point, devno, fstype, source = best
    what = f"{fstype} on {source} (mounted at {point})"
    if fstype in ("ext3", "ext4"):
        dev = os.path.basename(os.path.realpath(f"/sys/dev/block/{devno}"))
        try:
            task = Path(f"/sys/fs/ext4/{dev}/journal_task").read_text().strip()
        except OSError:
            return f"{what}, journal: unknown"
        return f"{what}, journal: " + ("**none**" if task == "<none>" else "yes")
    if fstype == "ext2":
        return f"{what}, journal: none"
    return f"{what}, journal: unknown"


def machine_info(work: Path) -> list[tuple[str, str]]:
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in open("/proc/meminfo", encoding="utf-8"):
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    osname = platform.platform()
    try:
        for line in open("/etc/os-release", encoding="utf-8"):
            if line.startswith("PRETTY_NAME="):
                osname = line.split("=", 1)[1].strip().strip('"') + f" (kernel {platform.release()})"
    except OSError:
        pass
    return [("CPU", cpu), ("cores", str(os.cpu_count())), ("memory", mem), ("OS", osname),
            ("driver Python", sys.version.split()[0]), ("Node", sh(["node", "--version"]) or "not installed"),
            ("Hugo", (sh(["hugo", "version"]) or "not installed").split(" BuildDate")[0]),
            ("work folder's file system", work_filesystem(work)),
            ("load average at start (1/5/15 min)", loadavg())]


def fmt(x, nd=2):
    return "—" if x is None else f"{x:.{nd}f}"


def write_report(path: Path, args, meta: dict, results: dict) -> None:
    L = []
    L.append("# ssg benchmark results\n")
    L.append(f"Written by `{meta['cmdline']}` on {meta['started']} UTC "
             f"(finished {meta.get('finished', 'not yet: partial report')}). "
             f"Raw measurements: `{meta['json']}`; logs of every run: `{meta['logs']}`.\n")
    L.append("## Machine\n")
    L.append("| | |\n|---|---|")
    for k, v in meta["machine"]:
        L.append(f"| {k} | {v} |")
    L.append("")
    if meta.get("ssg_source_note"):
        L.append(f"**Warning**: {meta['ssg_source_note']}\n")
    L.append("## Tools\n")
    L.append("| tool | version | command (run in its project folder) |\n|---|---|---|")
    for name, t in meta["tools"].items():
        ver = (t["version"] or t.get("missing") or "—").replace("|", "/")
        L.append(f"| {name} | {ver} | `{t['command']}` |")
    L.append("")
    L.append("## How to read this\n")
    L.append("Each row is one case for one tool; cases run in this order on the same project folder:\n")
    for c in args.cases:
        L.append(f"- **{c}**: {CASE_TEXT[c]}")
    L.append("")
    runs = f"median of {args.repeat} runs, min–max in brackets" if args.repeat > 1 else "one run"
    L.append(f"*wall s* is elapsed time ({runs}), "
             "*CPU s* user + system time of the whole process tree (above wall when a tool uses both cores), "
             "*peak MiB* the largest resident set of any one process of it (rusage), *all procs MiB* the highest "
             "sum of the resident sets of all its processes, sampled every 0.1 s (differs for a tool that builds "
             "with worker processes; shared pages count once per process), *PSS MiB* the highest sum of their "
             "proportional set sizes (a page shared by n processes counts 1/n in each: the memory the build "
             "takes from the machine), *pages* the HTML files in the output "
             "after the run, *written* the HTML files that run created or rewrote (new mtime). "
             "*wall ×ssg* and *memory ×ssg* divide the tool's wall time and PSS by ssg's (hugo-pagefind's by "
             "ssg-search's: both with search; ssg's own rows have search off, as the peers build none; "
             "every ssg row has share cards off (share_cards = \"none\"), as the peers make none: "
             "benchmarks/pictures.py measures them) "
             "for the same case and size: "
             "above 1 the tool is slower / bigger than ssg, below 1 it is faster / smaller. "
             "ssg builds more than the peers (pagination, categories, day pages, per-tag feeds, sitemaps, "
             "related articles, share metadata): its *pages* column is larger for the same corpus; the peers all "
             "build the same site (one page per article, tag, year and month, a tag index, a home page and an Atom "
             "feed), whose expected page count is given per size. The OS file cache is warm (the corpus was just "
             "copied); \"cold\" means no tool cache and no previous output.\n")
    if args.settle > 0:
        L.append("On ext4 without a journal (see *Machine* for the work folder's file system), creating files is "
                 "slow for about a minute after many were deleted (the inode allocator skips recently freed inodes), "
                 "so one tool's or the driver's deletions would slow the next cold build. The driver therefore moves "
                 "old outputs and caches aside (into `WORK/trash/`, emptied at the end of the run) instead of "
                 f"deleting them, and starts each cold build after `sync` and {args.settle:g} s without any build "
                 "or deletion.\n")
    else:
        L.append("Cold builds were not settled (`--settle 0`): on ext4 without a journal, a cold build that starts "
                 "within about a minute of many deletions (another tool's rebuilds) is slowed by them.\n")
    for n in meta["sizes"]:
        res = results.get(str(n))
        if not res:
            continue
        st = res["corpus"]
        L.append(f"## {n:,} articles\n")
        L.append(f"Corpus: {st['articles']:,} files, {st['bytes'] / 1e6:.1f} MB, {st['tags']} distinct tags, "
                 f"{st['years']} years, {st['months']} months; a peer's complete site is "
                 f"**{st['peer_pages']:,} HTML pages**. Edited article: `{res.get('edit_article', '?')}`; "
                 f"added: `{res.get('added_article', '?')}`.\n")
        L.append("| tool | case | wall s | CPU s | peak MiB | all procs MiB | PSS MiB | pages | written "
                 "| change seen | wall ×ssg | memory ×ssg |")
        L.append("|---|---|---:|---:|---:|---:|---:|---:|---:|:-:|---:|---:|")
        for name, tr in res["tools"].items():
            baseline = BASELINE.get(name, "ssg")
            ssg = res["tools"].get(baseline, {}).get("summary", {})
            if tr.get("skipped"):
                L.append(f"| {name} | all | skipped: {tr['skipped']} | | | | | | | | | |")
                continue
            for c in args.cases:
                s = tr["summary"].get(c)
                if s is None:
                    L.append(f"| {name} | {c} | not run ({tr.get('stopped') or 'skipped'}) | | | | | | | | | |")
                    continue
                if not s["ok"]:
                    L.append(f"| {name} | {c} | **failed**: {s['error']} | | | | | | | | | |")
                    continue
                wall = fmt(s["wall"])
                if s["n"] > 1:
                    wall += f" ({fmt(s['wall_min'])}–{fmt(s['wall_max'])})"
                if s.get("failed_runs"):
                    wall += f" [{s['failed_runs']} run(s) failed]"
                base = ssg.get(c) if ssg else None
                rw = rp = "—"
                if base and base.get("ok") and name != baseline:
                    rw = f"{s['wall'] / base['wall']:.2f}"
                    memory, base_memory = (s.get("tree_pss_mib") or s["tree_peak_mib"],
                                           base.get("tree_pss_mib") or base["tree_peak_mib"])
                    rp = f"{memory / base_memory:.2f}"
                elif name == baseline:
                    rw = rp = "1"
                seen = "" if c in ("cold", "noop") else ("**no: stale**" if s["stale"] else "yes")
                pss = f"{s['tree_pss_mib']:.0f}" if s.get("tree_pss_mib") else "—"
                L.append(f"| {name} | {c} | {wall} | {fmt(s['cpu'])} | {s['peak_mib']:.0f} | "
                         f"{s['tree_peak_mib']:.0f} | {pss} | {s['pages']:,} | {s['written']:,} | {seen} "
                         f"| {rw} | {rp} |")
        L.append("")
        notes = []
        for name, tr in res["tools"].items():
            if tr.get("stopped"):
                notes.append(f"- **{name}**: stopped early: {tr['stopped']}; its remaining cases were not run.")
            if tr.get("skipped"):
                notes.append(f"- **{name}**: skipped: {tr['skipped']}.")
            for c in args.cases:
                s = tr.get("summary", {}).get(c)
                if s and s.get("ok") and tr.get("is_peer") and c == "cold" and s["pages"] != st["peer_pages"]:
                    notes.append(f"- **{name}** built {s['pages']:,} HTML pages, expected {st['peer_pages']:,}.")
            for note in tr.get("notes", []):
                notes.append(f"- {name}: {note}")
            busy = [f"{c} {s['other_cpu']:.1f} s" for c, s in tr.get("summary", {}).items()
                    if s and s.get("ok") and s.get("other_cpu", 0) > 0.1 * s["wall"] and s["other_cpu"] > 0.2]
            if busy:
                notes.append(f"- **{name}**: other processes on the machine used CPU time during: {', '.join(busy)} "
                             "(above 10 % of the wall time): those figures are disturbed.")
        if notes:
            L.append("Notes:\n")
            L.extend(notes)
            L.append("")
    fails = []
    for n in meta["sizes"]:
        res = results.get(str(n))
        if not res:
            continue
        for name, tr in res["tools"].items():
            for c, rl in tr.get("runs", {}).items():
                for k, r in enumerate(rl):
                    if not r["ok"]:
                        fails.append((n, name, c, k + 1, r))
                    elif r.get("seen") not in (None, True):
                        fails.append((n, name, c, k + 1, {"error": "stale output (build succeeded)",
                                                          "stderr_tail": r["seen"]}))
    L.append("## Failures\n")
    if not fails:
        L.append("None: every run exited 0, wrote HTML, and showed the change its case made.\n")
    for n, name, c, k, r in fails:
        L.append(f"### {name}, {n:,} articles, {c} (run {k}): {r.get('error')}\n")
        L.append("```")
        L.append(r.get("stderr_tail", "").replace("```", "'''"))
        L.append("```\n")
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text("\n".join(L).rstrip() + "\n", encoding="utf-8")
    tmp.replace(path)


# --------------------------------------------------------------------------- main

def ssg_snapshot(rev: str, work: Path) -> tuple[str, str]:
    """Install ssg as committed at REV (git archive, read-only on the repository) into its own venv."""
    sha = sh(["git", "--no-optional-locks", "-C", str(REPO), "rev-parse", "--verify", f"{rev}^{{commit}}"])
    if not sha:
        raise SystemExit(f"--ssg-git: {rev!r} is not a commit of {REPO}")
    base = work / "ssg-snapshots" / sha[:12]
    exe = base / "venv" / "bin" / "ssg"
    label = f"commit {sha[:12]} ({rev}), git archive snapshot"
    # Installed editable from the snapshot, as .venv is from the checkout: at 13f61ed a plain
    # `pip install .` finds no built-in theme (Path(str(resources.files("ssg.themes"))) of a
    # namespace package is "MultiplexedPath('...')").
    if exe.exists() and (base / ".ok").exists():
        log(f"ssg snapshot {sha[:12]}: cached in {base}")
        return str(exe), label
    log(f"ssg snapshot {sha[:12]}: installing into {base}")
    discard(base)
    (base / "src").mkdir(parents=True)
    arch = subprocess.run(["git", "--no-optional-locks", "-C", str(REPO), "archive", "--format=tar", sha],
                          capture_output=True)
    if arch.returncode != 0:
        raise SystemExit(f"git archive failed: {arch.stderr.decode(errors='replace')}")
    x = subprocess.run(["tar", "-x", "-C", str(base / "src")], input=arch.stdout, capture_output=True)
    if x.returncode != 0:
        raise SystemExit(f"tar failed: {x.stderr.decode(errors='replace')}")
    for cmd in ([sys.executable, "-m", "venv", str(base / "venv")],
                [str(base / "venv" / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                 "-e", str(base / "src")]):
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed:\n{tail(r.stderr)}")
    (base / ".ok").write_text(sha + "\n")
    return str(exe), label


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes (default 1000,10000)")
    ap.add_argument("--peers", default="hugo,hugo-pagefind,pelican,eleventy",
                    help="comma-separated among hugo, hugo-pagefind (Hugo, then the Pagefind CLI), pelican (= "
                         "pelican without and with its cache), pelican-nocache, pelican-cache, eleventy; 'none' for "
                         "ssg alone (default hugo,hugo-pagefind,pelican,eleventy)")
    ap.add_argument("--repeat", type=int, default=1, help="runs of every case (the median is reported; default 1)")
    ap.add_argument("--work", default=os.environ.get("BENCH_WORK", "/work/bench-work"),
                    help="scratch folder for corpora, peers and outputs (default /work/bench-work)")
    ap.add_argument("--report", default=str(HERE / "RESULTS.md"),
                    help="Markdown report (default benchmarks/RESULTS.md)")
    ap.add_argument("--timeout", type=float, default=900, help="seconds before a build is killed; a peer whose cold "
                    "build exceeds it is skipped at that size and larger ones (default 900)")
    ap.add_argument("--seed", default="1", help="corpus seed (default 1)")
    ap.add_argument("--ssg", default=str(REPO / ".venv" / "bin" / "ssg"),
                    help="the ssg executable (default .venv/bin/ssg)")
    ap.add_argument("--cases", default=",".join(CASES), help=f"comma-separated subset of {','.join(CASES)}")
    ap.add_argument("--ssg-git", metavar="REV",
                    help="measure ssg as committed at REV (e.g. HEAD) instead of the working tree: a `git archive` "
                         "snapshot installed in its own venv under WORK/ssg-snapshots/ (for a tree being edited)")
    ap.add_argument("--wait-idle", type=float, default=60, metavar="S",
                    help="before each build, wait up to S seconds for the rest of the machine to use under 15%% of "
                         "one core (default 60; 0 = don't wait)")
    ap.add_argument("--settle", type=float, default=61, metavar="S",
                    help="before each cold build, sync and wait until S seconds have passed since the last build or "
                         "deletion: ext4 without a journal allocates inodes slowly for a minute after deletions "
                         "(default 61; 0 = don't)")
    ap.add_argument("--no-ssg", action="store_true", help="peers only (ratios are then left empty)")
    ap.add_argument("--search", action=argparse.BooleanOptionalAction, default=True,
                    help="also measure ssg with search on, its default (ssg-search; compare with the peer "
                         "hugo-pagefind); --no-search: ssg with search = false only")
    a = ap.parse_args(argv)
    try:
        a.sizes = [int(s) for s in a.sizes.split(",") if s.strip()]
    except ValueError:
        ap.error("--sizes takes integers, e.g. 1000,10000")
    if not a.sizes or min(a.sizes) < 1:
        ap.error("--sizes must be positive")
    peers = []
    for p in [p.strip() for p in a.peers.split(",") if p.strip()]:
        if p == "none":
            continue
        expand = {"pelican": ["pelican", "pelican-cache"], "pelican-nocache": ["pelican"]}.get(p, [p])
        for q in expand:
            if q not in ALL_PEERS:
                ap.error(f"unknown peer {p!r}; known: hugo, hugo-pagefind, pelican, pelican-nocache, "
                         "pelican-cache, eleventy")
            if q not in peers:
                peers.append(q)
    a.peer_list = peers
    a.ssg_label = ""
    a.cases = [c.strip() for c in a.cases.split(",") if c.strip()]
    bad = [c for c in a.cases if c not in CASES]
    if bad:
        ap.error(f"unknown case(s) {bad}; known: {', '.join(CASES)}")
    if a.repeat < 1:
        ap.error("--repeat must be at least 1")
    if a.settle < 0:
        ap.error("--settle must be 0 or more")
    return a


def main(argv=None):
    args = parse_args(argv)
    work = Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    TRASH["dir"] = work / "trash"
    empty_trash("left by an interrupted run")  # before anything is measured; cold builds settle after it
    report = Path(args.report).resolve()
    stamp = _dt.datetime.now(_dt.timezone.utc)
    json_path = work / f"results-{stamp:%Y%m%dT%H%M%SZ}.json"
    signal.signal(signal.SIGTERM, stop_running)
    signal.signal(signal.SIGINT, stop_running)
    if args.ssg_git and not args.no_ssg:
        args.ssg, args.ssg_label = ssg_snapshot(args.ssg_git, work)
    names = ([] if args.no_ssg else ["ssg"] + (["ssg-search"] if args.search else [])) + args.peer_list
    tools = {name: TOOLS[name](args, work) for name in names}
    meta = {"cmdline": "python3 " + " ".join(shlex.quote(a) for a in [os.path.relpath(sys.argv[0], Path.cwd())]
                                                 + (sys.argv[1:] if argv is None else list(argv))),
            "started": f"{stamp:%Y-%m-%d %H:%M}", "json": str(json_path), "logs": str(work / "logs"),
            "machine": machine_info(work), "sizes": args.sizes, "tools": {}, "ssg_source_start": source_digest(),
            "ssg_from_checkout": "ssg" in tools and tools["ssg"].from_checkout()}
    missing = {}
    for name, t in tools.items():
        why = t.missing()
        if why:
            missing[name] = why
            log(f"{name}: {why}")
        meta["tools"][name] = {"version": "" if why else t.version(), "command": "", "missing": why}
    gen = load_generator().Gen(args.seed)
    results = {}
    skip_larger = dict(missing)
    for n in args.sizes:
        corpus, stats = ensure_corpus(work, n, args.seed)
        res = results[str(n)] = {"corpus": stats, "tools": {}, "edit_article": gen.article(min(82, n))[0],
                                 "added_article": gen.article(n + 1)[0]}
        for name, t in tools.items():
            if name in skip_larger:
                res["tools"][name] = {"skipped": skip_larger[name], "is_peer": t.is_peer}
                continue
            t0 = time.time()
            try:
                r = run_tool_size(t, n, corpus, gen, args, work)
            except Exception as e:  # a broken setup is reported, never swallowed
                log(f"{name} {n}: driver error {e!r}")
                r = {"runs": {}, "notes": [], "stopped": f"driver error while setting up or changing files: {e!r}",
                     "command": ""}
            r["is_peer"] = t.is_peer
            r["summary"] = {c: summarize(r["runs"][c]) for c in args.cases if r["runs"].get(c)}
            r["seconds"] = time.time() - t0
            meta["tools"][name]["command"] = r["command"] or meta["tools"][name]["command"]
            res["tools"][name] = r
            if r["stopped"] and "limit" in r["stopped"] and "cold" in r["stopped"]:
                skip_larger[name] = f"cold build at {n:,} articles exceeded the {args.timeout:g} s limit"
            json_path.write_text(json.dumps({"meta": meta, "results": results}, indent=1, ensure_ascii=False))
            write_report(report, args, meta, results)
    meta["finished"] = f"{_dt.datetime.now(_dt.timezone.utc):%Y-%m-%d %H:%M} UTC"
    meta["machine"].append(("load average at end (1/5/15 min)", loadavg()))
    meta["ssg_source_end"] = source_digest()
    if meta["ssg_from_checkout"] and meta["ssg_source_end"] != meta["ssg_source_start"]:
        meta["ssg_source_note"] = ("ssg's sources (ssg/, themes/) changed while the benchmark ran "
                                   f"(digest {meta['ssg_source_start']} at start, {meta['ssg_source_end']} at end): "
                                   "ssg is installed editable, so later sizes may have measured newer code.")
    json_path.write_text(json.dumps({"meta": meta, "results": results}, indent=1, ensure_ascii=False))
    write_report(report, args, meta, results)
    empty_trash("end of the run")
    log(f"report: {report}\nraw: {json_path}")
    failed = any(not r["ok"] or r.get("seen") not in (None, True) for res in results.values()
                 for tr in res["tools"].values() for rl in tr.get("runs", {}).values() for r in rl)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
