""".ssg-cache/: what the last build read and wrote, so the next one redoes only what changed.

Safe to delete and safe to restore in CI: a cache from another ssg or Python version, for
another output folder, or that cannot be read, is ignored and the build starts clean.
It is written only after a build succeeded.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CACHE_DIR = ".ssg-cache"
FORMAT = 2


@dataclass
class SourceEntry:
    size: int
    mtime_ns: int
    content_hash: str
    result: Any                      # the parsed Article (without body), or its list of errors


@dataclass
class OutputEntry:
    digest: str                      # of everything the file was made from
    sha1: str                        # of its bytes


@dataclass
class BuildState:
    environment: str = ""            # ssg, Python and library versions
    reading: str = ""                # the settings that change how a source is parsed
    output_dir: str = ""
    build_time: float = 0.0          # SOURCE_DATE_EPOCH or the clock, as the build saw it
    sources: dict[str, SourceEntry] = field(default_factory=dict)
    outputs: dict[str, OutputEntry] = field(default_factory=dict)
    search: str = ""                 # digest of the indexed pages, when a search index was written
    inputs: str = ""                 # digest of everything read, by size and time: equal, nothing to do
    time_signature: str = ""         # which articles the build time published and put in the news sitemap
    memo: dict = field(default_factory=dict)   # the site model's reusable work (related lists)
    bodies: dict = field(default_factory=dict)  # rendered bodies kept for the feeds: key -> pack location


def cache_folder(root: Path, output_dir: Path) -> Path:
    """One cache per output folder: the preview server's private output has its own."""
    return root / CACHE_DIR / ("build-" + hashlib.sha1(str(output_dir).encode()).hexdigest()[:12])


def load_state(folder: Path, environment: str, output_dir: Path) -> BuildState | None:
    try:
        with open(folder / "state.pickle", "rb") as stream:
            header = pickle.load(stream)
            if header != (FORMAT, environment, str(output_dir)):
                return None
            state = pickle.load(stream)
    except Exception:  # noqa: BLE001 - a missing, truncated or foreign cache means a clean build
        return None
    return state if isinstance(state, BuildState) else None


def save_state(folder: Path, state: BuildState) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f"state.{os.getpid()}.tmp"
    with open(temporary, "wb") as stream:
        pickle.dump((FORMAT, state.environment, state.output_dir), stream, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(state, stream, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, folder / "state.pickle")
