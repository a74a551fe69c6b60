""".ssg-cache/: what the last build read and wrote, so the next one redoes only what changed.

Safe to delete and safe to restore in CI: a cache from another ssg or Python version, for
another output folder, or that cannot be read, is ignored and the build starts clean.
It is written only after a build succeeded.
"""

from __future__ import annotations

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
FORMAT = 5


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


@dataclass
class QuickCheck:
    """What a rebuild needs to see that nothing changed, kept apart from the state so that
    such a rebuild never loads the state."""
    inputs: str                      # digest of everything read, by size and time
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
    found = _load(folder / "state.pickle", environment, output_dir)
    return found if isinstance(found, BuildState) else None


def load_quick_check(folder: Path, environment: str, output_dir: Path) -> QuickCheck | None:
    found = _load(folder / "quick.pickle", environment, output_dir)
    return found if isinstance(found, QuickCheck) else None


def _load(path: Path, environment: str, output_dir: Path) -> Any:
    try:
        with open(path, "rb") as stream:
            if pickle.load(stream) != (FORMAT, environment, str(output_dir)):
                return None
            return pickle.load(stream)
    except Exception:  # noqa: BLE001 - a missing, truncated or foreign cache means a clean build
        return None


def save_state(folder: Path, state: BuildState, quick: QuickCheck) -> None:
    """The quick check is written last and removed first: it never describes an older state."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "quick.pickle").unlink(missing_ok=True)
    _save(folder / "state.pickle", state, state)
    _save(folder / "quick.pickle", state, quick)


def _save(path: Path, state: BuildState, record: Any) -> None:
    temporary = path.with_name(f"{path.stem}.{os.getpid()}.tmp")
    with open(temporary, "wb") as stream:
        pickle.dump((FORMAT, state.environment, state.output_dir), stream, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(record, stream, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)
