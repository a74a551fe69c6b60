""".ssg-cache/: what the last build read and wrote, so the next one redoes only what changed.

Safe to delete and safe to restore in CI: a cache from another ssg or Python version, for
another output folder, or that cannot be read, is ignored and the build starts clean.
It is written only after a build succeeded.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, NamedTuple

from . import __version__

CACHE_DIR = ".ssg-cache"
FORMAT = 6
EDITS = "edits.pickle"
MOST_EDITS = 1 << 20                 # bytes of edits past which the state is saved whole


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
    search: str = ""                 # digest of the indexed pages, when a search index was written
    memo: dict = field(default_factory=dict)   # the site model's reusable work (related lists)
    bodies: dict = field(default_factory=dict)  # rendered bodies kept for the feeds: key -> pack location
    frame: str = ""                  # digest of all a build reads but the articles (build.frame_digest)
    # What a rebuild after edits to article bodies alone needs, so that it can skip the
    # site model (patch.py). Published articles in SOURCES are the records the pages hold.
    fingerprints: Any = None         # digest.Fingerprints of the published articles
    links: dict[str, str] = field(default_factory=dict)       # published article source -> URL
    body_pages: dict[str, Any] = field(default_factory=dict)  # pages that show bodies, by output path
    templates: dict[str, str] = field(default_factory=dict)   # template name -> digest
    site: str = ""                   # digest of what every page sees of the site
    articles: int = 0                # published
    warnings: tuple[str, ...] = ()
    generation: str = ""             # names a full save; the edits saved after it carry it

    def edit(self, sources: dict[str, SourceEntry], outputs: dict[str, OutputEntry], body_fingerprints: dict[str, str],
             bodies: dict[str, Any], search: str) -> StateEdit:
        """Make an edit to the state, and return it for save_edit."""
        edit = StateEdit(self.generation, sources, outputs, body_fingerprints, bodies, search)
        self.replay([edit])
        return edit

    def replay(self, edits: list[StateEdit]) -> None:
        for edit in edits:
            self.sources.update(edit.sources)
            self.outputs.update(edit.outputs)
            self.fingerprints.bodies.update(edit.body_fingerprints)
            for key, location in edit.bodies.items():
                if location is None:
                    self.bodies.pop(key, None)
                else:
                    self.bodies[key] = location
            self.search = edit.search
        # The pages hold the articles' records: swapped for the edited ones in one pass.
        from .model import swap_records     # the site model's module: only when there are edits
        edited = {path for edit in edits for path in edit.sources}
        swap_records(self.body_pages, {path: self.sources[path].result for path in edited if path in self.links})


class StateEdit(NamedTuple):
    """What a rebuild after edits to bodies alone (patch.py) changed in the state."""
    generation: str                  # of the full save it follows
    sources: dict[str, SourceEntry]  # the edited sources
    outputs: dict[str, OutputEntry]  # the pages rendered again
    body_fingerprints: dict[str, str]
    bodies: dict[str, Any]           # body index entries added (a location) or dropped (None)
    search: str


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


def sha1(*parts: str) -> str:
    return hashlib.sha1("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def environment_digest() -> str:
    """The versions whose output we reproduce: a cache from other versions is not used.
    Read from the installed metadata: importing the libraries to ask them would cost a
    rebuild with nothing to do a fifth of a second."""
    versions = []
    for name in ("babel", "jinja2", "markdown-it-py", "mdit-py-plugins", "pyyaml", "python-slugify", "hijridate"):
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
        edits = _load_edits(folder / EDITS, found.generation)
    except Exception:  # noqa: BLE001 - an edit cut short by a crash: the state is not known
        return None
    if edits:
        found.replay(edits)
    return found


def _load_edits(path: Path, generation: str) -> list[StateEdit]:
    edits = []
    try:
        stream = open(path, "rb")
    except FileNotFoundError:
        return edits
    with stream:
        while stream.peek(1):
            edit = pickle.load(stream)
            if edit.generation == generation:   # not an edit of an older full save
                edits.append(edit)
    return edits


def load_quick_check(folder: Path, environment: str, output_dir: Path) -> QuickCheck | None:
    found = _load(folder / "quick.pickle", environment, output_dir)
    return found if isinstance(found, QuickCheck) else None


def _load(path: Path, environment: str, output_dir: Path) -> Any:
    # The state is a few hundred thousand objects with no reference cycles: the collector,
    # triggered again and again as they are made, would take twice as long as the loading.
    enabled = gc.isenabled()
    gc.disable()
    try:
        with open(path, "rb") as stream:
            if pickle.load(stream) != (FORMAT, environment, str(output_dir)):
                return None
            return pickle.load(stream)
    except Exception:  # noqa: BLE001 - a missing, truncated or foreign cache means a clean build
        return None
    finally:
        if enabled:
            gc.enable()


def save_state(folder: Path, state: BuildState, quick: QuickCheck) -> None:
    """The quick check is written last and removed first: it never describes an older state."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "quick.pickle").unlink(missing_ok=True)
    state.generation = os.urandom(8).hex()
    _save(folder / "state.pickle", state, state)
    (folder / EDITS).unlink(missing_ok=True)
    _save(folder / "quick.pickle", state, quick)


def save_edit(folder: Path, state: BuildState, edit: StateEdit, quick: QuickCheck) -> None:
    """Record EDIT, made to STATE, after the last full save: appending a few kilobytes costs
    less than writing the whole state again. Past MOST_EDITS, the state is saved whole."""
    path = folder / EDITS
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        size = 0
    if size > MOST_EDITS:
        save_state(folder, state, quick)
        return
    (folder / "quick.pickle").unlink(missing_ok=True)
    with open(path, "ab") as stream:
        pickle.dump(edit._replace(generation=state.generation), stream, protocol=pickle.HIGHEST_PROTOCOL)
    _save(folder / "quick.pickle", state, quick)


def _save(path: Path, state: BuildState, record: Any) -> None:
    temporary = path.with_name(f"{path.stem}.{os.getpid()}.tmp")
    with open(temporary, "wb") as stream:
        pickle.dump((FORMAT, state.environment, state.output_dir), stream, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(record, stream, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)
