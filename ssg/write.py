"""Writing the site: into a staging folder, swapped into place only when all of it
succeeded, so a failed or interrupted build leaves the previous site/ as it was."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from .render import OutputFile
from .theme import StaticFile

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


@dataclass(frozen=True, slots=True)
class WriteReport:
    pages: int
    files: int
    output_dir: Path


def write_site(outputs: Iterable[OutputFile], static: Iterable[StaticFile], content_assets: Iterable[Path],
               content_dir: Path, output_dir: Path,
               finish: Callable[[Path], None] | None = None) -> WriteReport:
    """Write OUTPUTS, the theme's STATIC files and the content assets, run FINISH on the
    complete staging folder (the search index), then swap it into OUTPUT_DIR.

    Any exception (a template error found halfway, Ctrl-C) discards the staging folder.
    """
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = output_dir.parent / f".{output_dir.name}.staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    pages = files = 0
    try:
        for static_file in static:
            for target in filter(None, (static_file.output_path, static_file.also_at)):
                _copy(static_file.source, staging / target)
                files += 1
        for asset in content_assets:
            _copy(asset, staging / asset.relative_to(content_dir))
            files += 1
        for output in outputs:
            target = staging / output.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(output.data)
            pages += 1
            files += 1
        if finish is not None:
            finish(staging)
        _swap_into_place(staging, output_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return WriteReport(pages=pages, files=files, output_dir=output_dir)


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def _swap_into_place(staging: Path, output_dir: Path) -> None:
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
