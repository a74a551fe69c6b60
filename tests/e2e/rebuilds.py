"""Rebuilding one output with its cache, and checking it against a clean build each time."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ssg.build import build

# Pagefind writes a shard's filter files in a different order from run to run (and names
# files by their hashes), so the bundles are compared by what they list, not byte for byte.
SEARCH_INDEX = "pagefind/"
MANIFEST = "pagefind/shards.json"


def tree(folder: Path) -> dict[str, bytes]:
    return {path: p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and (not (path := p.relative_to(folder).as_posix()).startswith(SEARCH_INDEX)
                                or path == MANIFEST)}


def touch_later(path: Path) -> None:
    """Make sure a rewrite within the same clock tick is seen as a change."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


class Twin:
    """One output rebuilt with its cache, checked against a clean build every time."""

    def __init__(self, root: Path, tmp: Path):
        self.root, self.incremental, self.clean = root, tmp / "incremental", tmp / "clean"

    def rebuild(self):
        report = build(self.root, self.incremental, jobs=2)
        shutil.rmtree(self.clean, ignore_errors=True)
        build(self.root, self.clean, jobs=1, use_cache=False)
        incremental, clean = tree(self.incremental), tree(self.clean)
        assert sorted(incremental) == sorted(clean), "the same files"
        different = [path for path in clean if incremental[path] != clean[path]]
        assert not different, f"differs from a clean build: {different}"
        assert (self.incremental / MANIFEST).is_file() == (self.clean / MANIFEST).is_file()
        return report


def edit(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    touch_later(path)
