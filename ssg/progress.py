"""Progress of a long build: a bar on a terminal (rich), plain lines elsewhere, nothing with -q.

Nothing is shown for the first second, so quick builds print only their summary.
"""

from __future__ import annotations

import sys
import time
from typing import Callable, TextIO

LABELS = {"reading": "reading sources", "linking": "linking articles, tags and dates",
          "rendering": "rendering pages", "indexing": "indexing for search"}
DELAY = 1.0

Progress = Callable[[str, int, int], None]     # told (stage, done, total) as a build goes


class BuildProgress:
    def __init__(self, stream: TextIO = sys.stderr, quiet: bool = False):
        self.stream, self.quiet = stream, quiet
        self.started = time.monotonic()
        self.terminal = stream.isatty()
        self._bar = None
        self._task = None
        self._stage = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.quiet or time.monotonic() - self.started < DELAY:
            return
        label = LABELS.get(stage, stage)
        if not self.terminal:
            if stage != self._stage:
                self._stage = stage
                print(f"{label}{f' ({total})' if total > 1 else ''}", file=self.stream, flush=True)
            return
        if self._bar is None:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
            from rich.console import Console
            self._bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), console=Console(file=self.stream), transient=True)
            self._bar.start()
        if stage != self._stage:
            self._stage = stage
            if self._task is not None:
                self._bar.remove_task(self._task)
            self._task = self._bar.add_task(label, total=max(total, 1))
        self._bar.update(self._task, completed=done, total=max(total, 1))

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
