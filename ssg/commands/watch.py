"""Watching a site for changes: a pure classifier, and a thin watchdog observer around it
that debounces bursts (an editor's save-as-rename, a `git checkout` of many files)."""

from __future__ import annotations

import enum
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from ..config import CONFIG_FILE
from ..reading.dialects.context import INCLUDES
from ..reading.files import is_hidden_or_temp


class Change(enum.Enum):
    CONTENT = "content"
    TEMPLATES = "templates"
    STATIC = "static"
    CONFIG = "config"


@dataclass(frozen=True, slots=True)
class WatchedFolders:
    root: Path
    theme: Path | None
    content: str = "content"              # site.toml's content, copy and config file (an archive
    copied: tuple[str, ...] = ()          # built in place: _posts, assets, _config.yml)
    settings: str = CONFIG_FILE
    includes: str = INCLUDES

    def folders(self) -> list[Path]:
        """The folders to watch recursively (the site root itself is watched for site.toml only)."""
        candidates = [self.root / self.content, self.root / "templates", self.root / "static",
                      self.root / self.includes, *(self.root / name for name in self.copied)]
        if self.theme is not None:
            candidates.append(self.theme)
        return [folder for folder in candidates if folder.is_dir()]


def is_editor_temp(name: str) -> bool:
    """What the build skips (hidden files, editors' temp files and backups), and the other
    files editors write only while saving (vim's .swo and 4913, partial downloads)."""
    return is_hidden_or_temp(name) or name.endswith((".swo", ".part")) or name == "4913"


def classify(paths: Iterable[Path], watched: WatchedFolders) -> set[Change]:
    """What kinds of rebuild PATHS call for. Temp files and anything outside the site's
    sources (the output folder, caches) call for none."""
    kinds: set[Change] = set()
    root = watched.root
    for path in paths:
        if is_editor_temp(path.name) or any(part.startswith(".") for part in path.parts[len(root.parts):-1]):
            continue
        if path == root / watched.settings:
            kinds.add(Change.CONFIG)
        elif path.is_relative_to(root / watched.content) or path.is_relative_to(root / watched.includes):
            kinds.add(Change.CONTENT)
        elif path.is_relative_to(root / "templates"):
            kinds.add(Change.TEMPLATES)
        elif path.is_relative_to(root / "static") or any(path.is_relative_to(root / n) for n in watched.copied):
            kinds.add(Change.STATIC)
        elif watched.theme is not None and path.is_relative_to(watched.theme):
            relative = path.relative_to(watched.theme)
            kinds.add(Change.STATIC if relative.parts[:1] == ("static",) else Change.TEMPLATES)
    return kinds


class _Collector(FileSystemEventHandler):
    def __init__(self, on_paths: Callable[[list[Path]], None]):
        self.on_paths = on_paths

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        if event.is_directory and event.event_type == "modified":
            return  # a folder's timestamp moved because a file in it changed: that file reports itself
        paths = [Path(str(event.src_path))]
        if getattr(event, "dest_path", ""):
            paths.append(Path(str(event.dest_path)))
        self.on_paths(paths)


@dataclass(frozen=True, slots=True)
class Changes:
    kinds: frozenset[Change]
    paths: frozenset[Path]

    @property
    def css_only(self) -> bool:
        """Only stylesheets changed: a browser can swap them without reloading the page."""
        return self.kinds == {Change.STATIC} and all(p.suffix == ".css" for p in self.paths
                                                       if not is_editor_temp(p.name))


class Watcher:
    """Calls ON_CHANGE(changes) once a burst of changes has been quiet for DEBOUNCE seconds."""

    def __init__(self, watched: WatchedFolders, on_change: Callable[[Changes], None], debounce: float = 0.15):
        self.watched, self.on_change, self.debounce = watched, on_change, debounce
        self._pending: set[Path] = set()
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._observer = Observer()
        self._handler = _Collector(self._add)
        self._watching: set[Path] = set()

    def start(self) -> None:
        self._watch_new_folders()
        self._observer.schedule(self._handler, str(self.watched.root), recursive=False)
        self._observer.start()

    def _watch_new_folders(self) -> None:
        """Watch each of content/, templates/ and static/ once it exists: a site may make its
        templates/ while the server runs, and the saves in it must rebuild too."""
        for folder in self.watched.folders():
            if folder not in self._watching:
                self._observer.schedule(self._handler, str(folder), recursive=True)
                self._watching.add(folder)

    def stop(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
        self._observer.stop()
        self._observer.join(timeout=5)

    def _add(self, paths: list[Path]) -> None:
        with self._lock:
            self._pending.update(paths)
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(self.debounce, self._fire)
            self._timer.daemon = True
            self._timer.start()

    def _fire(self) -> None:
        with self._lock:
            paths, self._pending = self._pending, set()
            self._timer = None
        self._watch_new_folders()
        kinds = classify(paths, self.watched)
        if kinds:
            self.on_change(Changes(frozenset(kinds), frozenset(paths)))
