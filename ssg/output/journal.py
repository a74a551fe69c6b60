"""The writer of a rebuild: only the files that changed are written, into a pending
folder beside site/, then moved in under a journal: if it is interrupted while
moving, the next run finishes the moves before it does anything else, so site/ is
never left between two builds.

The files a rebuild replaces or deletes go to a trash folder in .ssg-cache/ (a hard
link, then the move), which the next build empties in the background. Freeing a
file's blocks is what costs in a move over it, several times the move itself
(benchmarks/RESULTS.md, session 7). A rebuild's first stages (the cache, the site
model) run on one core, and the other core can free them then.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from .folders import work_folder

JOURNAL = "commit.json"
TRASH = "trash"              # in the cache folder: one folder per commit


def pending_name(relative: str) -> str:
    """A changed file's name in the pending folder. Flat: writing a thousand pages then
    makes no folders there, and removing the folder after the commit removes no tree
    (making and removing a folder costs as much as writing a small file on some disks)."""
    return hashlib.sha1(relative.encode("utf-8", "surrogatepass")).hexdigest()


class JournalWriter:
    """Changed files go to `place(path)`, in the pending folder `target`; commit() moves them
    into the output and deletes what the new build no longer has. The whole new site exists
    only once committed (TREE is None)."""

    tree: Path | None = None

    def __init__(self, output_dir: Path, journal_folder: Path):
        self.output_dir, self.journal_folder = output_dir, journal_folder
        self.target = work_folder(output_dir, "pending")
        shutil.rmtree(self.target, ignore_errors=True)
        self.target.mkdir(parents=True)

    def place(self, relative: str) -> Path:
        return self.target / pending_name(relative)

    def commit(self, written: Iterable[str], deleted: Iterable[str]) -> None:
        trash = self.journal_folder / TRASH / f"{time.time_ns()}-{os.getpid()}"
        # A reader of site/ during the moves sees each file old or new, and follows no link
        # to a missing file: added files come in first, before the pages (or the search
        # index's entry file) that link to them are replaced, and deletions come last.
        moves = sorted(written, key=lambda relative: (os.path.lexists(self.output_dir / relative), relative))
        journal = {"pending": str(self.target), "output": str(self.output_dir),
                   "moves": moves, "deletes": sorted(deleted), "trash": str(trash)}
        self.journal_folder.mkdir(parents=True, exist_ok=True)
        path = self.journal_folder / JOURNAL
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(journal, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)
        _apply(journal)
        path.unlink()

    def abort(self) -> None:
        shutil.rmtree(self.target, ignore_errors=True)


def recover(journal_folder: Path) -> bool:
    """Finish a commit that was interrupted; True if there was one."""
    path = journal_folder / JOURNAL
    try:
        journal = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    _apply(journal)
    path.unlink(missing_ok=True)
    return True


def _apply(journal: dict) -> None:
    pending, output = Path(journal["pending"]), Path(journal["output"])
    trash = _Trash(Path(journal["trash"])) if journal.get("trash") else None
    for relative in journal["moves"]:
        source, target = pending / pending_name(relative), output / relative
        if trash is not None:
            trash.keep(target, relative)
        try:
            os.replace(source, target)
        except FileNotFoundError:
            if not source.exists():
                continue      # moved already, before an interruption
            target.parent.mkdir(parents=True, exist_ok=True)   # a new folder
            os.replace(source, target)
    folders = set()
    for relative in journal["deletes"]:
        target = output / relative
        if trash is not None:
            trash.keep(target, relative)
        target.unlink(missing_ok=True)
        folders.update(target.parents)
    for folder in sorted((f for f in folders if f.is_relative_to(output) and f != output),
                         key=lambda f: len(f.parts), reverse=True):
        try:
            folder.rmdir()   # only when empty
        except OSError:
            pass
    shutil.rmtree(pending, ignore_errors=True)


class _Trash:
    """Hard links to the files a commit replaces or deletes, so that neither frees their
    blocks. Where links cannot be made (another file system), files are freed as before."""

    def __init__(self, folder: Path):
        self.folder, self.usable = folder, True
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            self.usable = False

    def keep(self, target: Path, relative: str) -> None:
        if not self.usable:
            return
        try:
            os.link(target, self.folder / pending_name(relative))
        except (FileNotFoundError, FileExistsError):
            pass              # a new file; or linked already, before an interruption
        except OSError:
            self.usable = False


@contextmanager
def emptying_trash(journal_folder: Path) -> Iterator[None]:
    """Delete what earlier commits put in the trash (not what this build's will) while the
    block runs, in a process of its own: the build goes on beside it. (A thread would
    wait for the interpreter between every two files.)"""
    try:
        batches = [entry.path for entry in os.scandir(journal_folder / TRASH)]
    except OSError:
        batches = []
    deleting = None
    if batches:
        try:
            deleting = subprocess.Popen(["rm", "-rf", "--", *batches], stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError:
            for batch in batches:
                shutil.rmtree(batch, ignore_errors=True)
    try:
        yield
    finally:
        if deleting is not None:
            deleting.wait()
