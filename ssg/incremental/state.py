""".ssg-cache/: what the last build read and wrote, so the next one redoes only what changed.

Safe to delete and safe to restore in CI: a cache from another ssg or Python version, for
another output folder, or that cannot be read, is ignored and the build starts clean.
It is written only after a build succeeded.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import pickle
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, BinaryIO, Callable, NamedTuple

from .. import __version__
from ..article import Article
from ..digest import sha1  # noqa: F401 - the build's digest, imported from here by its stages
from ..execution.collector import collector_paused

CACHE_DIR = ".ssg-cache"
FORMAT = 11                  # 11: the pictures' records
EDITS = "edits.pickle"
EDITS_SHARE = 0.25                   # edits may come to this share of the state before it is saved whole


def unchanged(last: Any, now: Any) -> bool:
    """The reuse rule: a record of this build is unchanged since the last build when it is
    the very object the last build held.

    A rebuild loads the last build's records (articles, pages, source entries) from the
    state, and every stage hands on a record it did not need to change as that same object:
    the reader keeps the entry of a source whose size and time are the same, the model
    keeps an article whose place is the same (model.site, _place), the state's pickler
    keeps identity within a save and across its edits. So `is` answers in one step what
    comparing would answer in many (an equal record can still differ: a date equal as a
    moment, in another zone), and everything computed from such a record last time (its
    fingerprints, its page's digest, its entry in the saved state) is still good. A stage
    that copied a record it did not change would cost the rebuild time, never correctness."""
    return last is now


def all_unchanged(last: tuple, now: tuple) -> bool:
    return len(last) == len(now) and all(map(unchanged, last, now))


def holds_the_same_records(page: Any, last: Any) -> bool:
    """A page (model.site.Page) and its last version hold the same article, neighbours,
    related articles and feed entries, each unchanged."""
    return (unchanged(last.article, page.article) and unchanged(last.newer, page.newer)
            and unchanged(last.older, page.older) and all_unchanged(last.related, page.related)
            and all_unchanged(last.articles, page.articles))


# Named tuples, not dataclasses: the state holds one of each per source and per output
# file, and tuples pickle without the per-object Python calls a dataclass costs.
class SourceEntry(NamedTuple):
    size: int
    mtime_ns: int
    content_hash: str
    result: Any                      # the parsed Article (without body), or its list of errors


class OutputEntry(NamedTuple):
    digest: str                      # of everything the file was made from
    sha1: str                        # of its bytes


@dataclass
class BuildState:
    environment: str = ""            # ssg, Python and library versions
    reading: str = ""                # the settings that change how a source is parsed
    output_dir: str = ""
    sources: dict[str, SourceEntry] = field(default_factory=dict)
    outputs: dict[str, OutputEntry] = field(default_factory=dict)
    search: dict[str, str] = field(default_factory=dict)   # search shard -> digest of what it indexes
    memo: dict = field(default_factory=dict)   # the site model's reusable work (related lists, dates printed)
    bodies: dict = field(default_factory=dict)  # rendered bodies kept for the feeds: key -> pack location
    frame: str = ""                  # digest of all a build reads but the articles (build.frame_digest)
    # What a rebuild after edits to article bodies alone needs, so that it can skip the
    # site model (incremental.modelling). Published articles in SOURCES are the records the pages hold.
    cards: dict[str, str] = field(default_factory=dict)        # published source -> card fingerprint
    body_keys: dict[str, str] = field(default_factory=dict)    # published source -> body fingerprint
    links: dict[str, str] = field(default_factory=dict)        # published source -> URL
    body_pages: dict[str, Any] = field(default_factory=dict)   # pages that show bodies, by output path
    templates: dict[str, str] = field(default_factory=dict)    # template name -> digest
    site: str = ""                   # digest of what every page sees of the site
    articles: int = 0                # published
    warnings: tuple[str, ...] = ()
    pictures: dict = field(default_factory=dict)   # picture output path -> (size, mtime_ns, record): pictures/stage.py
    generation: str = ""             # names a full save; the edits saved after it carry it

    def records(self) -> dict[str, Any]:
        """Source -> its record (an Article, or a list of errors)."""
        return {path: entry.result for path, entry in self.sources.items()}

    def replay(self, edit: StateEdit) -> None:
        for name, (changed, removed) in edit.changed.items():
            entries = getattr(self, name)
            for key in removed:
                entries.pop(key, None)
            entries.update(changed)
        for name, value in edit.fields.items():
            setattr(self, name, value)


# The state's mappings, which an edit changes entry by entry; the other fields it replaces.
MAPPINGS = ("sources", "outputs", "bodies", "cards", "body_keys", "links", "body_pages", "templates", "memo",
            "pictures")


class StateEdit(NamedTuple):
    """What a rebuild changed in the state, saved after the last full save (save_edit)."""
    generation: str                  # of the full save it follows
    changed: dict[str, tuple[dict, tuple]]   # mapping -> (entries added or changed, keys removed)
    fields: dict[str, Any]           # other fields, with their new values


def state_edit(old: BuildState, new: BuildState, same: dict[str, Callable[[str, Any, Any], bool]]) -> StateEdit:
    """The edit that makes OLD into NEW. An entry counts as the same when it is the same
    object or equal, or for the mappings SAME names, when SAME says so (key, old, new)."""
    changed = {}
    for name in MAPPINGS:
        before, after = getattr(old, name), getattr(new, name)
        test = same.get(name)
        entries = {}
        for key, value in after.items():
            last = before.get(key, _MISSING)
            if last is value or (last is not _MISSING and (test(key, last, value) if test else last == value)):
                continue
            entries[key] = value
        removed = tuple(key for key in before if key not in after)
        if entries or removed:
            changed[name] = (entries, removed)
    fields = {f.name: getattr(new, f.name) for f in dataclasses.fields(new)
              if f.name not in MAPPINGS and f.name != "generation" and getattr(new, f.name) != getattr(old, f.name)}
    return StateEdit(old.generation, changed, fields)


_MISSING = object()


@dataclass
class QuickCheck:
    """What a rebuild needs to see that nothing changed, kept apart from the state so that
    such a rebuild never loads the state."""
    inputs: str                      # digest of everything read, by size and time
    frame: str                       # the same without the articles
    dates: list[float]               # every article's date (POSIX time), sorted
    build_time: float                # SOURCE_DATE_EPOCH or the clock, as the build saw it
    articles: int                    # articles published
    outputs: int                     # files written
    output_folder: tuple | None = None   # output_identity() of the output folder as the build left it


def output_identity(folder: Path) -> tuple | None:
    """The output folder itself (device, inode, time of its last change of entries): a
    rebuild trusts the files the last build left only while this is the same, so that an
    output emptied or replaced by hand is built again whole."""
    try:
        stat = os.stat(folder)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino, stat.st_mtime_ns


def environment_digest() -> str:
    """The versions whose output we reproduce: a cache from other versions is not used.
    Read from the installed metadata: importing the libraries to ask them would cost a
    rebuild with nothing to do more than all the rest of it."""
    versions = []
    for name in ("babel", "jinja2", "markdown-it-py", "mdit-py-plugins", "pyyaml", "python-slugify", "hijridate",
                 "pillow"):
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} ?")
    return sha1(__version__, sys.version, *versions)


def cache_folder(root: Path, output_dir: Path) -> Path:
    """One cache per output folder: the preview server's private output has its own."""
    return root / CACHE_DIR / ("build-" + hashlib.sha1(str(output_dir).encode()).hexdigest()[:12])


def load_state(folder: Path, environment: str, output_dir: Path) -> BuildState | None:
    """The last build's state: the last full save, with the edits saved after it replayed."""
    found = _load(folder / "state.pickle", environment, output_dir)
    if not isinstance(found, BuildState):
        return None
    try:
        _replay_edits(folder / EDITS, found)
    except Exception:  # noqa: BLE001 - an edit cut short by a crash: the state is not known
        return None
    return found


class _EditPickler(pickle.Pickler):
    """Pickles an edit with the records the state already holds as their sources: the pages
    in the edit then hold the state's own records again when it is replayed."""

    def __init__(self, stream: BinaryIO, records: dict[str, Any]):
        super().__init__(stream, protocol=pickle.HIGHEST_PROTOCOL)
        self.records = records

    def persistent_id(self, obj: Any) -> str | None:
        if type(obj) is Article and self.records.get(obj.source) is obj:
            return obj.source
        return None


class _EditUnpickler(pickle.Unpickler):
    def __init__(self, stream: BinaryIO, state: BuildState):
        super().__init__(stream)
        self.state = state

    def persistent_load(self, source: str) -> Any:
        return self.state.sources[source].result


def _replay_edits(path: Path, state: BuildState) -> None:
    try:
        stream = open(path, "rb")
    except FileNotFoundError:
        return
    with stream, collector_paused():
        while stream.peek(1):
            # One at a time: an edit names records as the state held them before it.
            edit = _EditUnpickler(stream, state).load()
            if edit.generation != state.generation:
                return       # edits of an older full save, whose removal a crash prevented
            state.replay(edit)


def load_quick_check(folder: Path, environment: str, output_dir: Path) -> QuickCheck | None:
    found = _load(folder / "quick.pickle", environment, output_dir)
    return found if isinstance(found, QuickCheck) else None


def _load(path: Path, environment: str, output_dir: Path) -> Any:
    try:
        with open(path, "rb") as stream, collector_paused():
            if pickle.load(stream) != (FORMAT, environment, str(output_dir)):
                return None
            return pickle.load(stream)
    except Exception:  # noqa: BLE001 - a missing, truncated or foreign cache means a clean build
        return None


def save_build(folder: Path, last: BuildState | None, state: BuildState, quick: QuickCheck) -> None:
    """Save STATE, which this build made from LAST: as an edit appended to LAST's save where
    there is one, else whole."""
    if last is None or not last.generation:
        save_state(folder, state, quick)
        return

    def same_body_page(path: str, before: Any, page: Any) -> bool:
        """The last build's record of a page can stand for PAGE: the same digest, and the
        same records."""
        old, new = last.outputs.get(path), state.outputs[path]
        return old is not None and old.digest == new.digest and holds_the_same_records(page, before)

    edit = state_edit(last, state, {"sources": lambda path, before, entry: unchanged(before, entry),
                                    "body_pages": same_body_page})
    state.generation = last.generation
    save_edit(folder, state, edit, last.records(), quick)


def save_state(folder: Path, state: BuildState, quick: QuickCheck) -> None:
    """The quick check is written last and removed first: it never describes an older state."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "quick.pickle").unlink(missing_ok=True)
    state.generation = os.urandom(8).hex()
    _save(folder / "state.pickle", state, state)
    (folder / EDITS).unlink(missing_ok=True)
    _save(folder / "quick.pickle", state, quick)


def save_edit(folder: Path, state: BuildState, edit: StateEdit, records: dict[str, Any],
              quick: QuickCheck) -> None:
    """Append EDIT, which made STATE from the state last saved (whose records by source are
    RECORDS): a few kilobytes, instead of the whole state again. Once the edits would come
    to EDITS_SHARE of the state's size, the state is saved whole."""
    entries = sum(len(changed) + len(removed) for changed, removed in edit.changed.values())
    if entries > (len(state.sources) + len(state.outputs)) * EDITS_SHARE:
        save_state(folder, state, quick)      # most of the state changed (a config change)
        return
    buffer = io.BytesIO()
    _EditPickler(buffer, records).dump(edit)
    path = folder / EDITS
    try:
        saved = path.stat().st_size if path.exists() else 0
        whole = (folder / "state.pickle").stat().st_size
    except OSError:
        saved, whole = 0, 0
    if saved + buffer.tell() > whole * EDITS_SHARE:
        save_state(folder, state, quick)
        return
    (folder / "quick.pickle").unlink(missing_ok=True)
    with open(path, "ab") as stream:
        stream.write(buffer.getbuffer())
    _save(folder / "quick.pickle", state, quick)


def _save(path: Path, state: BuildState, record: Any) -> None:
    temporary = path.with_name(f"{path.stem}.{os.getpid()}.tmp")
    with open(temporary, "wb") as stream:
        pickle.dump((FORMAT, state.environment, state.output_dir), stream, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(record, stream, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)
