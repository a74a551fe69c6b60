"""How a build puts its files in site/: one interface, two writers.

A build with nothing to reuse writes the whole site into a staging folder and swaps it
in (StagedWriter); a rebuild writes the files that changed beside site/ and moves them
in under a journal (JournalWriter). Either way nothing reaches site/ before commit(),
and a build that fails leaves site/ as it was.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator, Protocol

from .journal import JournalWriter
from .staged import StagedWriter


class Writer(Protocol):
    tree: Path | None       # a folder holding the whole new site before commit(), where there is one

    def place(self, relative: str) -> Path:
        """Where to write the file for RELATIVE (a path under site/)."""

    def commit(self, written: Iterable[str], deleted: Iterable[str]) -> None:
        """Put the files written in site/, and delete DELETED from it."""

    def abort(self) -> None:
        """Forget everything written; site/ stays as it was."""


@contextmanager
def open_writer(output_dir: Path, journal_folder: Path, *, update: bool) -> Iterator[Writer]:
    """UPDATE: site/ holds the last build, and only what changed is written. Whatever goes
    wrong before the commit aborts the writer."""
    writer: Writer = JournalWriter(output_dir, journal_folder) if update else StagedWriter(output_dir)
    try:
        yield writer
    except BaseException:
        writer.abort()
        raise
