"""The writer of a build with nothing to reuse: the whole site is written into a staging
folder beside site/, then swapped into place in one step, so that readers see the old
tree or the new one and nothing in between."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from pathlib import Path
from typing import Iterable

from .folders import work_folder

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class StagedWriter:
    """Every file goes to the staging folder TREE; commit() swaps it in for OUTPUT_DIR."""

    def __init__(self, output_dir: Path):
        self.output_dir = output_dir
        self.tree: Path | None = work_folder(output_dir, "staging")
        shutil.rmtree(self.tree, ignore_errors=True)
        self.tree.mkdir(parents=True)

    def place(self, relative: str) -> Path:
        return self.tree / relative

    def commit(self, written: Iterable[str], deleted: Iterable[str]) -> None:
        """WRITTEN and DELETED need no moves: the staging folder is the whole new site."""
        swap_into_place(self.tree, self.output_dir)

    def abort(self) -> None:
        shutil.rmtree(self.tree, ignore_errors=True)


def swap_into_place(staging: Path, output_dir: Path) -> None:
    """Put STAGING at OUTPUT_DIR. On Linux both trees are exchanged in one atomic step."""
    if not output_dir.exists():
        os.rename(staging, output_dir)
        return
    if _exchange(staging, output_dir):
        shutil.rmtree(staging)  # now holds the previous build
        return
    previous = work_folder(output_dir, "previous")
    os.rename(output_dir, previous)
    os.rename(staging, output_dir)
    shutil.rmtree(previous, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0
