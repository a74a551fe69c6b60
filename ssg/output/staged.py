"""Swapping a finished folder into place in one step, so that readers see the old tree or
the new one and nothing in between."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def swap_into_place(staging: Path, output_dir: Path) -> None:
    """Put STAGING at OUTPUT_DIR. On Linux both trees are exchanged in one atomic step."""
    if not output_dir.exists():
        os.rename(staging, output_dir)
        return
    if _exchange(staging, output_dir):
        shutil.rmtree(staging)  # now holds the previous build
        return
    previous = output_dir.parent / f".{output_dir.name}.previous-{os.getpid()}"
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
