"""A record, in .ssg-cache/, of how the last build into each output folder ended, so that
`ssg deploy` can refuse a failed or stale build."""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from .state import CACHE_DIR

LOG_FILE = "builds.json"


@dataclass(frozen=True, slots=True)
class BuildRecord:
    ok: bool
    finished: float      # seconds since the epoch
    errors: int = 0


def _log_path(root: Path) -> Path:
    return root / CACHE_DIR / LOG_FILE


def _read(root: Path) -> dict[str, dict]:
    try:
        data = json.loads(_log_path(root).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def record_build(root: Path, output: Path, ok: bool, errors: int = 0) -> None:
    log = {key: value for key, value in _read(root).items() if Path(key).exists() or key == str(output)}
    log[str(output)] = {"ok": ok, "finished": time.time(), "errors": errors}
    path = _log_path(root)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(log, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass  # a read-only site folder can still be built; deploy then cannot vouch for it


def last_build(root: Path, output: Path) -> BuildRecord | None:
    entry = _read(root).get(str(output))
    if not isinstance(entry, dict):
        return None
    return BuildRecord(bool(entry.get("ok")), float(entry.get("finished", 0)), int(entry.get("errors", 0)))
