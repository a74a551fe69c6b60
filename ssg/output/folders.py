"""The folders a build works in beside site/, named after the build's process, and the
removal of those that builds killed before they could remove their own."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

KINDS = ("staging", "pending", "pagefind", "previous")


def work_folder(output_dir: Path, kind: str) -> Path:
    """This process's folder of KIND beside OUTPUT_DIR: .site.staging-1234."""
    assert kind in KINDS
    return output_dir.parent / f".{output_dir.name}.{kind}-{os.getpid()}"


def remove_leftovers(output_dir: Path) -> list[Path]:
    """Remove the work folders beside OUTPUT_DIR of builds that are no longer running (a
    build killed mid-way leaves its own); the removed. A folder of a running process is
    left alone, and so is one named after a process that is alive now under a reused
    number: the next build removes it."""
    pattern = re.compile(rf"\.{re.escape(output_dir.name)}\.(?:{'|'.join(KINDS)})-(\d+)")
    removed = []
    try:
        entries = list(os.scandir(output_dir.parent))
    except OSError:
        return removed
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match is None or _running(int(match.group(1))):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False         # this process builds one site at a time: its own are leftovers too
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True          # alive, another user's
    return True
