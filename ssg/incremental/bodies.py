"""Rendered article bodies kept for the feeds, which show the latest articles again.

A few hundred stay in memory. The bodies a feed will show are also appended to a pack
file in .ssg-cache/ (one per process and build: one open file instead of a file per
body), and found again through an index of (pack, offset, length) that the build
keeps in its state. So a feed renders no body twice, in this build or the next.
"""

from __future__ import annotations

import os
import time
from collections import OrderedDict
from pathlib import Path
from typing import Callable, Iterable, Mapping

from ..article import Article
from .fingerprints import body_fingerprint

MEMORY_SIZE = 512                      # bodies kept in memory

Location = tuple[str, int, int]        # pack file name, offset, length in bytes


class BodyStore:
    def __init__(self, folder: Path | None = None, index: dict[str, Location] | None = None,
                 size: int = MEMORY_SIZE):
        self.folder, self.size = folder, size
        self.index: dict[str, Location] = dict(index or {})
        self._memory: OrderedDict[str, str] = OrderedDict()
        self._pack = None
        self._pack_name = ""
        self._readers: dict[str, int] = {}
        self._added: list[tuple[str, Location]] = []

    def get(self, key: str) -> str | None:
        found = self._memory.get(key)
        if found is None:
            location = self.index.get(key)
            if location is not None and self.folder is not None:
                found = self._read(location)
        return found

    def put(self, key: str, html: str, keep: bool = False) -> None:
        """KEEP: a feed will show this body, so it is also written to the pack."""
        self._memory[key] = html
        if len(self._memory) > self.size:
            self._memory.popitem(last=False)
        if keep and self.folder is not None and key not in self.index:
            location = self._append(html.encode("utf-8"))
            self.index[key] = location
            self._added.append((key, location))

    def take_added(self) -> list[tuple[str, Location]]:
        """The bodies this process wrote since last asked: a forked worker hands them to
        the build, which records them for the processes forked after it."""
        added, self._added = self._added, []
        return added

    def forked(self) -> None:
        """In a forked worker: the parent's pack and readers are the parent's."""
        self._pack, self._readers, self._added = None, {}, []

    def _append(self, data: bytes) -> Location:
        if self._pack is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._pack_name = f"{os.getpid()}-{time.time_ns()}.pack"
            self._pack = open(self.folder / self._pack_name, "ab", buffering=0)
        offset = self._pack.seek(0, os.SEEK_END)
        self._pack.write(data)
        return self._pack_name, offset, len(data)

    def _read(self, location: Location) -> str | None:
        name, offset, length = location
        try:
            descriptor = self._readers.get(name)
            if descriptor is None:
                descriptor = self._readers[name] = os.open(self.folder / name, os.O_RDONLY)
            data = os.pread(descriptor, length, offset)
        except OSError:
            return None
        return data.decode("utf-8") if len(data) == length else None

    def __enter__(self) -> BodyStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pack is not None:
            self._pack.close()
            self._pack = None
        for descriptor in self._readers.values():
            os.close(descriptor)
        self._readers.clear()


def keep_only(folder: Path, index: dict[str, Location], keys: Iterable[str]) -> dict[str, Location]:
    """The index of the bodies KEYS, with the packs no longer needed deleted, and the packs
    rewritten into one when most of what they hold is no longer needed."""
    kept = {key: index[key] for key in keys if key in index}
    if not folder.is_dir():
        return {}
    used = {name for name, _, _ in kept.values()}
    for path in folder.iterdir():
        if path.name not in used:
            path.unlink(missing_ok=True)
    live = sum(length for _, _, length in kept.values())
    held = sum((folder / name).stat().st_size for name in used if (folder / name).exists())
    if held > 2 * live + (1 << 20):
        store = BodyStore(folder, kept)
        fresh = BodyStore(folder)
        for key in kept:
            html = store.get(key)
            if html is not None:
                fresh.put(key, html, keep=True)
        store.close()
        fresh.close()
        for name in used:
            (folder / name).unlink(missing_ok=True)
        kept = fresh.index
    return kept


class CachedBodies:
    """The renderer's bodies (ssg.rendering.renderer.Bodies), each rendered once and kept in
    STORE under its body fingerprint: a page and the feeds that show the same body, in this
    build or the next, render its Markdown once."""

    def __init__(self, store: BodyStore, render: Callable[[Article, Mapping[str, str]], str]):
        self.store, self.render = store, render

    def __call__(self, article: Article, links: Mapping[str, str], keep: bool = False) -> str:
        key = body_fingerprint(article, links)
        found = self.store.get(key)
        if found is None:
            found = self.render(article, links)
            self.store.put(key, found, keep)
        elif keep:
            self.store.put(key, found, keep)
        return found

    def take_added(self) -> tuple:
        return tuple(self.store.take_added())

    def learn(self, added: tuple) -> None:
        self.store.index.update(added)

    def forked(self) -> None:
        self.store.forked()
