"""The search index: Pagefind (the PyPI package `pagefind[extended]`, which ships its
binary) run over the finished site, before it is swapped into place."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from ..errors import BuildFailed, SiteError

BUNDLE = "pagefind"


def index_site(folder: Path, output: Path | None = None) -> None:
    """Write FOLDER/pagefind/ (or OUTPUT). Only elements marked data-pagefind-body (article
    bodies, titles, tags and summaries) are indexed; each page in its own language."""
    where = ["--output-path", str(output.resolve())] if output is not None else ["--output-subdir", BUNDLE]
    command = [sys.executable, "-m", "pagefind", "--site", str(folder), *where, "--silent"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=3600)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise BuildFailed([SiteError("site.toml", None, f"the search index could not be built: {error}",
                                     "install ssg's dependencies again (pip install pagefind[extended]), "
                                     "or set search = false")]) from None
    if done.returncode != 0:
        message = (done.stderr or done.stdout).strip().splitlines()
        raise BuildFailed([SiteError("site.toml", None, "Pagefind failed: " + (message[-1] if message else "?"),
                                     "install ssg's dependencies again (pip install pagefind[extended]), "
                                     "or set search = false")])


def pagefind_version() -> str:
    try:
        return version("pagefind")
    except PackageNotFoundError:
        return "missing"
